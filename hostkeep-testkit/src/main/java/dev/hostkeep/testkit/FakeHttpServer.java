package dev.hostkeep.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The loopback server under the HTTP API fakes: an ephemeral port on 127.0.0.1, a virtual thread a
 * request, an optional fixed latency, and the answer written from a {@link FakeReply}. What each
 * request gets, and what is logged of it, is the fake's business.
 */
final class FakeHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final Function<Incoming, FakeReply<?>> handler;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Duration latency = Duration.ZERO;

  /** One request as it arrived: when (by the wall clock), its exchange, its body read whole. */
  record Incoming(HttpExchange exchange, Instant at, String body) {
    String method() {
      return exchange.getRequestMethod();
    }

    String rawPath() {
      return exchange.getRequestURI().getRawPath();
    }

    /** The raw query, or null. */
    String rawQuery() {
      return exchange.getRequestURI().getRawQuery();
    }

    String header(String name) {
      return exchange.getRequestHeaders().getFirst(name);
    }
  }

  private FakeHttpServer(Function<Incoming, FakeReply<?>> handler) throws IOException {
    this.handler = handler;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", this::exchange);
    server.start();
  }

  /** Starts a server whose answers come from {@code handler}; {@code name} is what it fakes. */
  static FakeHttpServer start(String name, Function<Incoming, FakeReply<?>> handler) {
    try {
      return new FakeHttpServer(handler);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the fake " + name, e);
    }
  }

  /** {@code http://127.0.0.1:<port>} and then {@code path}. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Delays every answer by {@code value} (real time: this is what pacing is measured against). */
  void latency(Duration value) {
    latency = value;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private void exchange(HttpExchange exchange) throws IOException {
    Instant at = Instant.now();
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    sleep(latency);
    FakeReply<?> reply = handler.apply(new Incoming(exchange, at, body));
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", reply.contentType());
    reply.headers().forEach(headers::set);
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(Duration duration) {
    if (duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
