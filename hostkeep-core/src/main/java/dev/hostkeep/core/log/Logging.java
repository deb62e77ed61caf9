package dev.hostkeep.core.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.net.SyslogAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.encoder.Encoder;
import dev.hostkeep.core.config.LogSettings;
import dev.hostkeep.core.secret.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.SubstituteLoggerFactory;

/**
 * Sets up logging for one process: human lines or JSON lines on stderr, optionally a copy to
 * syslog, every line passed through the {@link Redactor}. Called once a command knows it needs
 * logging, so {@code hostkeep version} and {@code --help} never pay for it.
 */
public final class Logging {
  /** Libraries that are chatty at INFO; they speak at INFO only from {@code -vv} on. */
  private static final String[] CHATTY = {"org.apache.sshd", "org.xerial", "org.postgresql"};

  private Logging() {}

  /**
   * Starts SLF4J and logback (quiet until {@link #configure}) without configuring anything, so that
   * a thread can do it while the main thread is still parsing the command line. Safe to call from
   * any thread, any number of times.
   */
  public static void warmUp() {
    LoggerFactory.getILoggerFactory();
  }

  public static synchronized void configure(
      LogSettings settings, Redactor redactor, boolean color) {
    LoggerContext context = loggerContext();
    if (context == null) {
      return;
    }
    context.reset();
    context.putProperty("PID", String.valueOf(ProcessHandle.current().pid()));
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level(settings.level()));
    root.addAppender(console(context, settings, redactor, color));
    settings
        .syslog()
        .ifPresent(target -> root.addAppender(syslog(context, target, settings, redactor)));
    Level chatty =
        settings.level().compareTo(LogSettings.Level.DEBUG) >= 0 ? Level.INFO : Level.WARN;
    for (String name : CHATTY) {
      context.getLogger(name).setLevel(chatty);
    }
  }

  /**
   * Logback's context. While another thread is still initialising SLF4J, the factory is a temporary
   * substitute; wait for the real one. {@code null} if SLF4J is bound to something else.
   */
  private static LoggerContext loggerContext() {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (true) {
      ILoggerFactory factory = LoggerFactory.getILoggerFactory();
      if (factory instanceof LoggerContext context) {
        return context;
      }
      if (!(factory instanceof SubstituteLoggerFactory) || System.nanoTime() > deadline) {
        return null;
      }
      Thread.onSpinWait();
    }
  }

  private static ConsoleAppender<ILoggingEvent> console(
      LoggerContext context, LogSettings settings, Redactor redactor, boolean color) {
    Encoder<ILoggingEvent> inner;
    if (settings.format() == LogSettings.Format.JSON) {
      JsonEncoder json = new JsonEncoder();
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.setWithContext(false);
      json.setContext(context);
      json.start();
      inner = json;
    } else {
      LineEncoder lines = new LineEncoder(true, color);
      lines.setContext(context);
      lines.start();
      inner = lines;
    }
    RedactingEncoder encoder = new RedactingEncoder(inner, redactor);
    encoder.setContext(context);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("stderr");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    return appender;
  }

  private static SyslogAppender syslog(
      LoggerContext context, String target, LogSettings settings, Redactor redactor) {
    RedactingSyslogAppender appender = new RedactingSyslogAppender(redactor);
    appender.setContext(context);
    appender.setName("syslog");
    int colon = target.lastIndexOf(':');
    appender.setSyslogHost(colon > 0 ? target.substring(0, colon) : target);
    if (colon > 0) {
      appender.setPort(Integer.parseInt(target.substring(colon + 1)));
    }
    appender.setFacility(settings.facility().toUpperCase(Locale.ROOT));
    appender.setSuffixPattern("hostkeep[%property{PID}]: %-5level %logger{0}: %msg");
    appender.setStackTracePattern("hostkeep[%property{PID}]: \t");
    appender.start();
    return appender;
  }

  private static Level level(LogSettings.Level level) {
    return Level.toLevel(level.name());
  }

  /** A syslog appender whose lines go through the redactor. */
  private static final class RedactingSyslogAppender extends SyslogAppender {
    private final Redactor redactor;

    RedactingSyslogAppender(Redactor redactor) {
      this.redactor = redactor;
    }

    @Override
    public Layout<ILoggingEvent> buildLayout() {
      Layout<ILoggingEvent> layout = super.buildLayout();
      return new RedactingLayout(layout, redactor);
    }

    /** Stack trace lines bypass the layout: each "Class: message" line would carry a secret. */
    @Override
    protected void postProcess(Object event, OutputStream out) {
      super.postProcess(event, new RedactingLines(out, redactor));
    }
  }

  /** Collects what is written until {@link #flush()}, then passes it on redacted. */
  private static final class RedactingLines extends OutputStream {
    private final OutputStream out;
    private final Redactor redactor;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    RedactingLines(OutputStream out, Redactor redactor) {
      this.out = out;
      this.redactor = redactor;
    }

    @Override
    public void write(int b) {
      line.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      line.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
      String text = redactor.redact(line.toString(StandardCharsets.UTF_8));
      line.reset();
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }
}
