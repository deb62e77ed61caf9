package dev.hostkeep.dns;

import dev.hostkeep.core.HostkeepException;

/** A text that is not a valid zone name; the message names the text and why it was refused. */
public final class InvalidZoneNameException extends HostkeepException {
  private final String input;
  private final String reason;

  InvalidZoneNameException(String input, String reason) {
    super("invalid zone name '" + input + "': " + reason);
    this.input = input;
    this.reason = reason;
  }

  /** The text as it was given, before any normalisation. */
  public String input() {
    return input;
  }

  /** Why it was refused, e.g. {@code label 'a b' contains ' '}. */
  public String reason() {
    return reason;
  }
}
