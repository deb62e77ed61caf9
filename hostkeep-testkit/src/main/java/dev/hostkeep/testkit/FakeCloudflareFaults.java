package dev.hostkeep.testkit;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The trouble a {@link FakeCloudflare} is told to cause: 429s, 5xx answers, HTML error pages. */
final class FakeCloudflareFaults {
  private int throttleNext;
  private Duration retryAfter;
  private int failNext;
  private int failStatus;
  private int htmlNext;
  private int htmlStatus;

  synchronized void throttleNext(int k, Duration value) {
    throttleNext = k;
    retryAfter = value;
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
    throttleNext = 0;
    failNext = 0;
    htmlNext = 0;
  }

  /** The injected answer for the next API call, if it gets one. */
  synchronized Optional<FakeCloudflareAnswer> next() {
    if (throttleNext > 0) {
      throttleNext--;
      FakeCloudflareAnswer answer =
          FakeCloudflareAnswer.error(
              429, 971, "Please wait and consider throttling your request speed");
      return Optional.of(
          retryAfter == null
              ? answer
              : answer.withHeader("Retry-After", Long.toString(retryAfter.toSeconds())));
    }
    if (failNext > 0) {
      failNext--;
      return Optional.of(FakeCloudflareAnswer.error(failStatus, 10001, "Internal Server Error"));
    }
    if (htmlNext > 0) {
      htmlNext--;
      // What Cloudflare's edge serves when the API behind it does not answer.
      return Optional.of(
          new FakeCloudflareAnswer(
              htmlStatus,
              "<!DOCTYPE html>\n<html><head><title>api.cloudflare.com | "
                  + htmlStatus
                  + ": Connection timed out</title></head><body><h1>Error "
                  + htmlStatus
                  + "</h1><p>Connection timed out</p></body></html>",
              "text/html; charset=UTF-8",
              Map.of()));
    }
    return Optional.empty();
  }
}
