package dev.hostkeep.testkit;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The trouble a {@link FakeOvh} is told to cause: 429s (every Nth call, or the next K calls), 5xx
 * answers, HTML pages instead of JSON. Counted over API calls ({@code /auth/time} excluded).
 */
final class FakeOvhFaults {
  private int throttleEvery;
  private long callsSinceThrottleSet;
  private Duration throttleEveryRetryAfter;
  private int throttleNext;
  private Duration throttleNextRetryAfter;
  private int failNext;
  private int failStatus;
  private int htmlNext;
  private int htmlStatus;

  synchronized void throttleEvery(int n, Duration retryAfter) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative");
    }
    throttleEvery = n;
    callsSinceThrottleSet = 0;
    throttleEveryRetryAfter = retryAfter;
  }

  synchronized void throttleNext(int k, Duration retryAfter) {
    throttleNext = k;
    throttleNextRetryAfter = retryAfter;
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

  /** The injected answer for the next API call, if it gets one. */
  synchronized Optional<FakeOvhAnswer> next() {
    callsSinceThrottleSet++;
    if (throttleNext > 0) {
      throttleNext--;
      return Optional.of(tooMany(throttleNextRetryAfter));
    }
    if (throttleEvery > 0 && callsSinceThrottleSet % throttleEvery == 0) {
      return Optional.of(tooMany(throttleEveryRetryAfter));
    }
    if (failNext > 0) {
      failNext--;
      return Optional.of(
          FakeOvhAnswer.error(failStatus, "Server::InternalServerError", "Internal server error"));
    }
    if (htmlNext > 0) {
      htmlNext--;
      return Optional.of(
          new FakeOvhAnswer(
              htmlStatus,
              "<!DOCTYPE html>\n<html><head><title>"
                  + htmlStatus
                  + " Bad Gateway</title></head>"
                  + "<body><h1>Bad Gateway</h1><p>The proxy server received an invalid response"
                  + " from an upstream server.</p></body></html>",
              "text/html; charset=utf-8",
              Map.of()));
    }
    return Optional.empty();
  }

  private static FakeOvhAnswer tooMany(Duration retryAfter) {
    FakeOvhAnswer answer = FakeOvhAnswer.error(429, "Client::TooManyRequests", "Too many requests");
    return retryAfter == null
        ? answer
        : answer.withHeader("Retry-After", Long.toString(retryAfter.toSeconds()));
  }
}
