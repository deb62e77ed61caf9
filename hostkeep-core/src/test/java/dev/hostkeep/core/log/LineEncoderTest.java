package dev.hostkeep.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hand-written encoder writes exactly what logback's pattern layout wrote before it. */
class LineEncoderTest {
  private final LoggerContext context = new LoggerContext();

  private String pattern(String pattern, LoggingEvent event) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.start();
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }

  private String lines(boolean time, boolean color, LoggingEvent event) {
    LineEncoder encoder = new LineEncoder(time, color);
    encoder.setContext(context);
    encoder.start();
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }

  private LoggingEvent event(Level level, Throwable thrown) {
    LoggingEvent event =
        new LoggingEvent(
            "test",
            context.getLogger("dev.hostkeep.dns.source.ZoneFolderSource"),
            level,
            "zone folder {}: {} zones",
            thrown,
            new Object[] {"/etc/bind/zones", 3});
    event.setTimeStamp(1_767_225_600_007L);
    return event;
  }

  @ParameterizedTest
  @CsvSource({"ERROR, false", "WARN, false", "INFO, false", "DEBUG, false", "TRACE, true"})
  void writesWhatTheLogbackPatternsWrote(String level, boolean thrown) {
    LoggingEvent event =
        event(
            Level.toLevel(level),
            thrown ? new IllegalStateException("failed", new RuntimeException("cause")) : null);

    assertThat(lines(true, false, event))
        .isEqualTo(pattern("%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n", event));
    assertThat(lines(true, true, event))
        .isEqualTo(
            pattern("%gray(%d{HH:mm:ss.SSS}) %highlight(%-5level) %logger{0}: %msg%n", event));
    assertThat(lines(false, false, event)).isEqualTo(pattern("%-5level %logger{0}: %msg%n", event));
  }
}
