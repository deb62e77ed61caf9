package dev.hostkeep.testkit;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the HTTP API fakes ({@link FakeCloudflare}, {@link FakeOvh}, {@link FakeAlidns}) share: a
 * loopback server, a fixed latency, the faults every API can suffer (its own 5xx answers, a proxy's
 * HTML pages) and the log of requests. Each fake adds its API's rules and its own knobs, such as
 * how it throttles.
 *
 * @param <F> the fake, returned by the knobs so they chain
 * @param <A> the fake's answers
 * @param <R> what the fake logs of one request
 */
public abstract class FakeHttpApi<F extends FakeHttpApi<F, A, R>, A extends FakeReply<A>, R>
    implements AutoCloseable {
  final FakeHttpServer http;
  final FakeFaults<A> faults;
  final List<R> log = new CopyOnWriteArrayList<>();

  /** Starts serving at once; requests reach {@link #exchange} once the fake's URL is known. */
  FakeHttpApi(String name, FakeFaults<A> faults) {
    this.faults = faults;
    this.http = FakeHttpServer.start(name, this::exchange);
  }

  /** Answers one request and logs it. */
  abstract FakeReply<?> exchange(FakeHttpServer.Incoming request);

  /** Delays every answer by {@code value} (real time: this is what pacing is measured against). */
  public F latency(Duration value) {
    http.latency(value);
    return self();
  }

  /** Answers the next {@code k} API calls with {@code status} (a 5xx) in the API's error shape. */
  public F failNext(int k, int status) {
    faults.failNext(k, status);
    return self();
  }

  /** Answers the next {@code k} API calls with an HTML page and {@code status}, like a proxy. */
  public F htmlNext(int k, int status) {
    faults.htmlNext(k, status);
    return self();
  }

  /** Stops injecting throttling, 5xx and HTML. */
  public F clearFaults() {
    faults.clear();
    return self();
  }

  /** Every request so far, in arrival order. */
  public List<R> requests() {
    return List.copyOf(log);
  }

  public void clearRequests() {
    log.clear();
  }

  @Override
  public void close() {
    http.close();
  }

  /** {@code bytes} random bytes in hex, for credentials a fake hands out. */
  static String randomHex(int bytes) {
    byte[] value = new byte[bytes];
    new SecureRandom().nextBytes(value);
    return HexFormat.of().formatHex(value);
  }

  @SuppressWarnings("unchecked")
  private F self() {
    return (F) this;
  }
}
