package dev.hostkeep.dns.ddns.detect;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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

  @Override
  public InetAddress detect(Family family, Duration timeout)
      throws SourceProblem, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "text/plain")
            .header("User-Agent", "hostkeep")
            .GET()
            .build();
    try {
      HttpResponse<InputStream> response =
          context.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new SourceProblem("answered HTTP " + response.statusCode());
        }
        byte[] bytes = body.readNBytes(BODY_LIMIT + 1);
        String text =
            new String(bytes, 0, Math.min(bytes.length, BODY_LIMIT), StandardCharsets.UTF_8);
        if (bytes.length > BODY_LIMIT) {
          throw new SourceProblem(
              "answered more than " + BODY_LIMIT + " bytes, not a bare address");
        }
        return AddressText.parse(text, family);
      }
    } catch (HttpTimeoutException e) {
      throw new SourceProblem("no answer within " + Timeouts.text(timeout));
    } catch (ConnectException e) {
      throw new SourceProblem("could not connect: " + reason(e));
    } catch (IOException e) {
      throw new SourceProblem("request failed: " + reason(e));
    }
  }

  private static String reason(IOException e) {
    Throwable cause = e;
    while (cause.getMessage() == null && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
  }
}
