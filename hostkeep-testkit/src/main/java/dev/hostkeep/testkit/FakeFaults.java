package dev.hostkeep.testkit;

import java.time.Duration;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The trouble an API fake is told to cause, counted over the calls that reach its API: throttling
 * (the next K calls, or every Nth, with or without {@code Retry-After}), failures with a status,
 * HTML pages instead of the API's answers. The fake says each in its API's words.
 */
final class FakeFaults<A extends FakeReply<A>> {
  private final IntFunction<A> throttled;
  private final IntFunction<A> failed;
  private final IntFunction<A> html;
  private int throttleEvery;
  private long callsSinceThrottleSet;
  private int everyStatus;
  private Duration everyRetryAfter;
  private int throttleNext;
  private int nextStatus;
  private Duration nextRetryAfter;
  private int failNext;
  private int passBeforeFailing;
  private int failStatus;
  private int htmlNext;
  private int htmlStatus;

  /** {@code throttled}, {@code failed} and {@code html} make the API's answer for a status. */
  FakeFaults(IntFunction<A> throttled, IntFunction<A> failed, IntFunction<A> html) {
    this.throttled = throttled;
    this.failed = failed;
    this.html = html;
  }

  /** What a proxy in front of an API serves when the API does not answer. */
  static String proxyPage(int status) {
    return "<!DOCTYPE html>\n<html><head><title>"
        + status
        + " Bad Gateway</title></head><body><h1>Bad Gateway</h1>"
        + "<p>The proxy server received an invalid response from an upstream server.</p>"
        + "</body></html>";
  }

  /** Throttles every {@code n}th call from now (0 stops); no {@code Retry-After} if null. */
  synchronized void throttleEvery(int n, int status, Duration retryAfter) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative");
    }
    throttleEvery = n;
    callsSinceThrottleSet = 0;
    everyStatus = status;
    everyRetryAfter = retryAfter;
  }

  synchronized void throttleNext(int k, int status, Duration retryAfter) {
    throttleNext = k;
    nextStatus = status;
    nextRetryAfter = retryAfter;
  }

  synchronized void failNext(int k, int status) {
    failNext = k;
    failStatus = status;
  }

  /** Lets {@code k} calls through, then fails the one after with {@code status}. */
  synchronized void failAfter(int k, int status) {
    passBeforeFailing = k;
    failNext = 1;
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
    passBeforeFailing = 0;
    htmlNext = 0;
  }

  /** The injected answer for the next API call, if it gets one. */
  synchronized Optional<A> next() {
    callsSinceThrottleSet++;
    if (throttleNext > 0) {
      throttleNext--;
      return Optional.of(throttled.apply(nextStatus).withRetryAfter(nextRetryAfter));
    }
    if (throttleEvery > 0 && callsSinceThrottleSet % throttleEvery == 0) {
      return Optional.of(throttled.apply(everyStatus).withRetryAfter(everyRetryAfter));
    }
    if (failNext > 0 && passBeforeFailing > 0) {
      passBeforeFailing--;
    } else if (failNext > 0) {
      failNext--;
      return Optional.of(failed.apply(failStatus));
    }
    if (htmlNext > 0) {
      htmlNext--;
      return Optional.of(html.apply(htmlStatus));
    }
    return Optional.empty();
  }
}
