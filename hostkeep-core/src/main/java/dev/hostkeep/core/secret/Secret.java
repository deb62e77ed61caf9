package dev.hostkeep.core.secret;

import java.util.Objects;

/**
 * A credential from the config. It prints as {@code ****} everywhere ({@link #toString()}, JSON,
 * plans, errors); only {@link #reveal()} gives the value, and only code that sends it to its
 * service calls it.
 */
public final class Secret {
  public static final String MASK = "****";

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** Wraps {@code value} and makes {@code redactor} hide it from every log line and message. */
  public static Secret of(String value, Redactor redactor) {
    redactor.register(value);
    return new Secret(value);
  }

  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret && secret.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return MASK;
  }
}
