package io.mutt.pipeline.validation;

/**
 * Bad operator input (bad input is a 400 naming the field, never a 500). The message is the exact
 * text the API puts in {@code {"error": ...}}; {@link #field()} names the offending field (or
 * {@code body}).
 */
public final class InvalidInput extends RuntimeException {

  private final String field;

  public InvalidInput(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
