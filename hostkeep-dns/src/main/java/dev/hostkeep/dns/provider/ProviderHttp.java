package dev.hostkeep.dns.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostkeep.core.HostkeepException;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the HTTP providers' clients share: one way to send a request and turn network failures into
 * retriable {@link HostkeepException}s, to read {@code Retry-After}, and to describe an answer that
 * is not the JSON a provider speaks (a proxy's HTML page) in a line. Each client keeps its own
 * wording for what its API says; {@code call} is how it names the request ({@code "OVH GET
 * /domain/zone"}), {@code at} where it went ({@code " at https://eu.api.ovh.com/1.0"} or "").
 */
public final class ProviderHttp {
  private static final int EXCERPT = 100;

  private ProviderHttp() {}

  /**
   * An HTTP/1.1 client that connects within {@code timeout} and never follows redirects, built on
   * the first request: building one sets up TLS and the trust store, which a run that sends nothing
   * (a steady ddns run, a soft sync) must not pay for.
   */
  public static Supplier<HttpClient> client(Duration timeout) {
    return new Supplier<>() {
      private HttpClient client;

      @Override
      public synchronized HttpClient get() {
        if (client == null) {
          client =
              HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .connectTimeout(timeout)
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .build();
        }
        return client;
      }
    };
  }

  /**
   * Sends {@code request}: a timeout or an I/O failure (refused connection, reset) is retriable, an
   * interrupt is not (and keeps the thread's interrupt flag).
   */
  public static HttpResponse<String> send(
      Supplier<HttpClient> http, HttpRequest request, String call, String at) {
    try {
      return http.get().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      long millis = request.timeout().map(Duration::toMillis).orElse(0L);
      throw HostkeepException.retriable(call + at + " timed out after " + millis + " ms", e);
    } catch (IOException e) {
      throw HostkeepException.retriable(
          call
              + at
              + " failed: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostkeepException(call + " was interrupted", e);
    }
  }

  /** The answer's body, "" when there is none. */
  public static String text(HttpResponse<String> response) {
    return response.body() == null ? "" : response.body();
  }

  /** {@code text} as JSON, or empty when it is blank or not Json.MAPPER. */
  public static Optional<JsonNode> json(String text) {
    try {
      return Optional.ofNullable(Json.MAPPER.readTree(text)).filter(node -> !node.isMissingNode());
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** {@code body} written as JSON; {@code provider} names whose request it is if that fails. */
  public static String write(Object body, String provider) {
    try {
      return Json.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + provider + " request body " + body, e);
    }
  }

  /**
   * Describes an answer that is not JSON: {@code "502 answered text/html, not JSON [id]: '<html>
   * ...'"}, {@code expected} saying what should have come and {@code id} any request id.
   */
  public static String notJson(HttpResponse<String> response, String expected, String id) {
    String type = response.headers().firstValue("Content-Type").orElse("no content type");
    return response.statusCode()
        + " answered "
        + type
        + ", not "
        + expected
        + id
        + ": '"
        + excerpt(text(response))
        + "'";
  }

  /** {@code text} on one line, whitespace runs made one space, cut after 100 characters. */
  public static String excerpt(String text) {
    return shorten(text.strip().replaceAll("\\s+", " "), EXCERPT);
  }

  /** {@code text} cut after {@code max} characters, with "..." when cut. */
  public static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "...";
  }

  /** {@code value} encoded for one URL path segment or query value ({@code %20} for a space). */
  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code Retry-After} given in seconds, if the answer has one. */
  public static Optional<Duration> retryAfterSeconds(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(ProviderHttp::seconds);
  }

  /**
   * {@code Retry-After} in seconds or as an HTTP date (a past one is zero), else {@code orElse}.
   */
  public static Duration retryAfter(HttpResponse<?> response, Clock clock, Duration orElse) {
    Optional<String> header = response.headers().firstValue("Retry-After");
    if (header.isEmpty()) {
      return orElse;
    }
    Optional<Duration> seconds = seconds(header.get());
    if (seconds.isPresent()) {
      return seconds.get();
    }
    try {
      Instant at =
          ZonedDateTime.parse(header.get().strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
              .toInstant();
      Duration wait = Duration.between(clock.instant(), at);
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException notDate) {
      return orElse;
    }
  }

  private static Optional<Duration> seconds(String value) {
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Jackson's mapper, made when the first answer is read. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}
