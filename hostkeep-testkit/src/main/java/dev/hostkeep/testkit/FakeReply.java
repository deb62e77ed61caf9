package dev.hostkeep.testkit;

import java.time.Duration;
import java.util.Map;

/** What an API fake answers one request with: a status, a body and its type, extra headers. */
interface FakeReply<R extends FakeReply<R>> {
  int status();

  String body();

  String contentType();

  Map<String, String> headers();

  R withHeader(String name, String value);

  /** This with {@code Retry-After} in whole seconds; as it is when {@code retryAfter} is null. */
  @SuppressWarnings("unchecked")
  default R withRetryAfter(Duration retryAfter) {
    return retryAfter == null
        ? (R) this
        : withHeader("Retry-After", Long.toString(retryAfter.toSeconds()));
  }
}
