package io.mutt.config;

/**
 * A setting is missing or invalid. The message is one line naming the key; it never contains a
 * secret value.
 */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
