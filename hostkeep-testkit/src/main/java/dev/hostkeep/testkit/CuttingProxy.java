package dev.hostkeep.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a free 127.0.0.1 port in front of a real server, which can be told to cut the
 * connection that carries the next big request half-way: once {@link #cutNextAfter} bytes have gone
 * from a client to the server on one connection, both sockets are closed, as when a network link or
 * a load balancer drops. Everything else is forwarded byte for byte.
 */
public final class CuttingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int upstreamPort;
  private final AtomicLong cutAfter = new AtomicLong(-1);
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger cuts = new AtomicInteger();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private CuttingProxy(ServerSocket listener, int upstreamPort) {
    this.listener = listener;
    this.upstreamPort = upstreamPort;
    this.acceptor = Thread.ofPlatform().daemon().name("proxy-" + port()).start(this::accept);
  }

  /** Forwards a free port to 127.0.0.1:{@code upstreamPort}. */
  public static CuttingProxy to(int upstreamPort) {
    try {
      return new CuttingProxy(
          new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), upstreamPort);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
    }
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** The first connection that carries more than {@code bytes} upstream is cut there; once. */
  public void cutNextAfter(long bytes) {
    cutAfter.set(bytes);
  }

  /** How many connections were cut so far. */
  public int cuts() {
    return cuts.get();
  }

  /** How many client connections were accepted so far. */
  public int connections() {
    return connections.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        connections.incrementAndGet();
        open.add(client);
        open.add(server);
        Thread.ofVirtual().start(() -> pump(client, server, true));
        Thread.ofVirtual().start(() -> pump(server, client, false));
      } catch (IOException e) {
        if (!listener.isClosed()) {
          System.err.println("proxy: " + e);
        }
      }
    }
  }

  private void pump(Socket from, Socket to, boolean upstream) {
    byte[] buffer = new byte[16 * 1024];
    long sent = 0;
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      int read;
      while ((read = in.read(buffer)) >= 0) {
        long limit = upstream ? cutAfter.get() : -1;
        if (limit >= 0 && sent + read > limit && cutAfter.compareAndSet(limit, -1)) {
          out.write(buffer, 0, (int) Math.max(0, limit - sent));
          out.flush();
          cuts.incrementAndGet();
          closeQuietly(from);
          closeQuietly(to);
          return;
        }
        out.write(buffer, 0, read);
        sent += read;
      }
      to.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    open.forEach(CuttingProxy::closeQuietly);
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
