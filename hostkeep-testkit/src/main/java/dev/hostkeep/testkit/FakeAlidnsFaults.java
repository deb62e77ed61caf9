package dev.hostkeep.testkit;

import java.time.Duration;
import java.util.Optional;

/**
 * The trouble a {@link FakeAlidns} is told to cause: throttling (every Nth call, or the next K
 * calls; Alidns's own 400 {@code Throttling.User}, or a 429 with {@code Retry-After} as a gateway
 * sends it), 5xx answers, HTML pages instead of JSON.
 */
final class FakeAlidnsFaults {
  private int throttleEvery;
  private long callsSinceThrottleSet;
  private int throttleNext;
  private int throttleStatus = 400;
  private Duration throttleRetryAfter;
  private int failNext;
  private int failStatus;
  private int htmlNext;
  private int htmlStatus;

  synchronized void throttleEvery(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative");
    }
    throttleEvery = n;
    callsSinceThrottleSet = 0;
  }

  synchronized void throttleNext(int k, int status, Duration retryAfter) {
    throttleNext = k;
    throttleStatus = status;
    throttleRetryAfter = retryAfter;
  }

  synchronized void failNext(int k, int status) {
    failNext = k;
    failStatus = status;
  }

  synchronized void htmlNext(int k, int status) {
    htmlNext = k;
    htmlStatus = status;
  }

  synchronized void clear() {
    throttleEvery = 0;
    throttleNext = 0;
    failNext = 0;
    htmlNext = 0;
  }

  /** The injected answer for the next call, if it gets one. */
  synchronized Optional<FakeAlidnsAnswer> next() {
    callsSinceThrottleSet++;
    if (throttleNext > 0) {
      throttleNext--;
      FakeAlidnsAnswer answer = throttled(throttleStatus);
      return Optional.of(
          throttleRetryAfter == null
              ? answer
              : answer.withHeader("Retry-After", Long.toString(throttleRetryAfter.toSeconds())));
    }
    if (throttleEvery > 0 && callsSinceThrottleSet % throttleEvery == 0) {
      return Optional.of(throttled(400));
    }
    if (failNext > 0) {
      failNext--;
      return Optional.of(
          failStatus == 503
              ? FakeAlidnsAnswer.error(
                  503, "ServiceUnavailable", "The request has failed due to a temporary failure.")
              : FakeAlidnsAnswer.error(
                  failStatus,
                  "InternalError",
                  "The request processing has failed due to some unknown error."));
    }
    if (htmlNext > 0) {
      htmlNext--;
      return Optional.of(FakeAlidnsAnswer.html(htmlStatus));
    }
    return Optional.empty();
  }

  private static FakeAlidnsAnswer throttled(int status) {
    return FakeAlidnsAnswer.error(
        status, "Throttling.User", "Request was denied due to user flow control.");
  }
}
