package dev.hostkeep.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.OutputStreamAppender;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.capability.Plugins;
import dev.hostkeep.core.capability.ProviderType;
import dev.hostkeep.core.config.ConfigLoader;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.core.config.LogSettings;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.secret.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets read from the config never reach an error message or a log line. Every test here
 * reconfigures the process-wide logback context, so they hold the "logback" lock.
 */
@ResourceLock("logback")
class SecretsNeverLeakTest {
  /** Holds a quote, a backslash and a slash: JSON encoders escape each of them. */
  private static final String ENV_SECRET = "env/S3cr\"et\\Value";

  private static final String INLINE_SECRET = "inline/Pa55word+xyz";

  @TempDir Path dir;

  private final Redactor redactor = new Redactor();
  private final Logger log = LoggerFactory.getLogger("dev.hostkeep.test.SecretsNeverLeak");

  /**
   * The logback context, once SLF4J finished initialising: while another test class's thread is
   * still initialising it, SLF4J hands out a stand-in factory.
   */
  private static LoggerContext context() {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("SLF4J did not finish initialising");
      }
      Thread.onSpinWait();
    }
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }

  @BeforeEach
  void waitForLogback() {
    context();
  }

  @AfterEach
  void restoreLogging() throws Exception {
    LoggerContext context = context();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  /** A provider type with two credentials, one from the environment and one inline. */
  private record ApiType() implements ProviderType {
    @Override
    public String type() {
      return "test-api";
    }

    @Override
    public String summary() {
      return "test";
    }

    @Override
    public Object configure(ConfigObject section) {
      return List.of(section.secret("api_key"), section.secret("password"));
    }
  }

  private List<Secret> loadSecrets() throws IOException {
    Path file = dir.resolve("hostkeep.yaml");
    Files.writeString(
        file,
        "providers:\n"
            + "  api: { type: test-api, api_key: \"${env:API_KEY}\", password: '"
            + INLINE_SECRET
            + "' }\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    ConfigLoader loader =
        new ConfigLoader(
            new Plugins(List.of(), List.of(new ApiType())),
            redactor,
            Map.of("API_KEY", ENV_SECRET)::get);
    HostkeepConfig config = loader.load(file);
    assertThat(config.masked()).doesNotContain(ENV_SECRET, INLINE_SECRET);
    @SuppressWarnings("unchecked")
    List<Secret> secrets = (List<Secret>) config.providers().all().get("api").instance();
    assertThat(secrets).extracting(Secret::reveal).containsExactly(ENV_SECRET, INLINE_SECRET);
    return secrets;
  }

  private ByteArrayOutputStream captureStderr() {
    LoggerContext context = context();
    var appender =
        (OutputStreamAppender<?>)
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("stderr");
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    appender.setOutputStream(captured);
    return captured;
  }

  private void logEverySecretWay(List<Secret> secrets) {
    for (Secret secret : secrets) {
      log.warn("calling api.example.net with key {} failed", secret.reveal());
      log.warn("calling api.example.net with key " + secret.reveal() + " failed");
      log.warn("request failed", new HostkeepException("401 for key " + secret.reveal()));
      log.warn("the key object prints as {}", secret);
    }
  }

  @Test
  void exceptionMessagesAreRedacted() throws IOException {
    loadSecrets();
    HostkeepException e =
        new HostkeepException("api refused key " + ENV_SECRET + " and " + INLINE_SECRET);

    assertThat(redactor.redact(e.getMessage())).isEqualTo("api refused key **** and ****");
  }

  @ParameterizedTest
  @EnumSource(LogSettings.Format.class)
  void logLinesOnStderrShowStarsAndNeverTheSecret(LogSettings.Format format) throws IOException {
    List<Secret> secrets = loadSecrets();
    Logging.configure(LogSettings.DEFAULT.withFormat(format), redactor, false);
    ByteArrayOutputStream captured = captureStderr();

    logEverySecretWay(secrets);

    String output = captured.toString(StandardCharsets.UTF_8);
    assertThat(output).contains("calling api.example.net with key **** failed", "401 for key ****");
    assertThat(output.lines().filter(l -> l.contains("****")).count()).isGreaterThanOrEqualTo(6);
    assertNoSecret(output);
  }

  @Test
  void jsonLinesHideTheJsonEscapedFormOfTheSecret() throws IOException {
    List<Secret> secrets = loadSecrets();
    Logging.configure(LogSettings.DEFAULT.withFormat(LogSettings.Format.JSON), redactor, false);
    ByteArrayOutputStream captured = captureStderr();

    logEverySecretWay(secrets);

    String output = captured.toString(StandardCharsets.UTF_8);
    assertThat(output).startsWith("{").contains("\"level\":\"WARN\"");
    assertNoSecret(output);
  }

  @Test
  void syslogLinesAreRedactedToo() throws Exception {
    List<Secret> secrets = loadSecrets();
    try (DatagramSocket syslog = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      syslog.setSoTimeout(5000);
      Logging.configure(
          LogSettings.DEFAULT.withSyslog("127.0.0.1:" + syslog.getLocalPort()), redactor, false);
      captureStderr();

      log.warn("calling api.example.net with key {} failed", secrets.getFirst().reveal());

      DatagramPacket packet = new DatagramPacket(new byte[8192], 8192);
      syslog.receive(packet);
      String line = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
      assertThat(line)
          .contains("hostkeep[" + ProcessHandle.current().pid() + "]: WARN ")
          .contains("with key **** failed");
      assertNoSecret(line);
    }
  }

  @Test
  void syslogStackTraceLinesAreRedactedToo() throws Exception {
    List<Secret> secrets = loadSecrets();
    try (DatagramSocket syslog = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      syslog.setSoTimeout(5000);
      Logging.configure(
          LogSettings.DEFAULT.withSyslog("127.0.0.1:" + syslog.getLocalPort()), redactor, false);
      captureStderr();

      log.warn(
          "request failed",
          new HostkeepException(
              "401 for key " + secrets.get(0).reveal(),
              new IllegalStateException("sent password " + secrets.get(1).reveal())));
      log.warn("end of test");

      StringBuilder received = new StringBuilder();
      while (!received.toString().contains("end of test")) {
        DatagramPacket packet = new DatagramPacket(new byte[8192], 8192);
        syslog.receive(packet);
        received
            .append(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8))
            .append('\n');
      }
      String tag = "hostkeep[" + ProcessHandle.current().pid() + "]: ";
      assertThat(received.toString().lines()).allSatisfy(line -> assertThat(line).contains(tag));
      assertThat(received.toString())
          .contains("HostkeepException: 401 for key ****")
          .contains("IllegalStateException: sent password ****");
      assertNoSecret(received.toString());
    }
  }

  private static void assertNoSecret(String output) {
    for (String secret : List.of(ENV_SECRET, INLINE_SECRET)) {
      assertThat(output)
          .doesNotContain(secret)
          .doesNotContain(secret.replace("\\", "\\\\").replace("\"", "\\\""))
          .doesNotContain(secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"))
          .doesNotContain(secret.substring(4));
    }
  }
}
