package dev.hostkeep.dns.ddns.detect;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An HTTP(S) service that answers with the address the request came from, and nothing else. The
 * body alone decides: a bare address counts whatever the Content-Type says, a page does not.
 */
record EchoSource(URI uri, DetectionContext context) implements AddressSource {
  /** More than any address and a newline; a longer body is not a bare address. */
  static final int BODY_LIMIT = 256;

  @Override
  public String describe() {
    return "https " + uri;
  }

  /**
   * One GET through {@link HttpURLConnection}, not {@code java.net.http}: the latter costs about
   * half a second of start-up on every cron run (its module and thread pools), the former almost
   * nothing, and one small GET needs nothing more.
   */
  @Override
  public InetAddress detect(Family family, Duration timeout) throws SourceProblem {
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setConnectTimeout(millis);
      connection.setReadTimeout(millis);
      connection.setInstanceFollowRedirects(false);
      connection.setUseCaches(false);
      connection.setRequestProperty("Accept", "text/plain");
      connection.setRequestProperty("User-Agent", "hostkeep");
      int status = connection.getResponseCode();
      if (status != 200) {
        throw new SourceProblem("answered HTTP " + status);
      }
      try (InputStream body = connection.getInputStream()) {
        byte[] bytes = body.readNBytes(BODY_LIMIT + 1);
        String text =
            new String(bytes, 0, Math.min(bytes.length, BODY_LIMIT), StandardCharsets.UTF_8);
        if (bytes.length > BODY_LIMIT) {
          throw new SourceProblem(
              "answered more than " + BODY_LIMIT + " bytes, not a bare address");
        }
        return AddressText.parse(text, family);
      }
    } catch (SocketTimeoutException e) {
      throw new SourceProblem("no answer within " + Timeouts.text(timeout));
    } catch (ConnectException e) {
      throw new SourceProblem("could not connect: " + reason(e));
    } catch (IOException | IllegalArgumentException e) {
      throw new SourceProblem("request failed: " + reason(e));
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  private static String reason(Exception e) {
    Throwable cause = e;
    while (cause.getMessage() == null && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
  }
}
