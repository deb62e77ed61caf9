package dev.hostkeep.dns.ddns.detect;

/** Why a source gave no usable address; the message becomes the {@link Answer#problem()}. */
final class SourceProblem extends Exception {
  SourceProblem(String message) {
    super(message, null, false, false);
  }
}
