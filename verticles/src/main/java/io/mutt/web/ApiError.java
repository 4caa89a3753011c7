package io.mutt.web;

/**
 * A failure with a definite HTTP status and the text of {@code {"error": ...}}
 * (docs/reference/http-api.md).
 */
public final class ApiError extends RuntimeException {

  private final int status;

  public ApiError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, message);
  }

  public static ApiError conflict(String message) {
    return new ApiError(409, message);
  }

  public static ApiError unavailable(String message) {
    return new ApiError(503, message);
  }
}
