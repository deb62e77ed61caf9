package dev.hostkeep.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.secret.Redactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private final Redactor redactor = new Redactor();
  private final Map<String, String> env = Map.of("PDNS_KEY", "env-secret-value", "PLAIN", "hello");
  private final ConfigLoader loader = new ConfigLoader(TestPlugins.plugins(), redactor, env::get);

  private Path write(String name, String text, String permissions) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  private Path config(String text) throws IOException {
    return write("hostkeep.yaml", text, "rw-------");
  }

  private ConfigException failure(Path file) {
    return catchThrowableOfType(ConfigException.class, () -> loader.load(file));
  }

  @Test
  void misspeltTopLevelKeyNamesFileLineColumnAndSuggestsTheKey() throws IOException {
    Path file = config("guard:\n  max_share: 20%\nstat: sqlite:/tmp/x.db\n");

    ConfigException e = failure(file);

    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(e.getMessage())
        .startsWith(
            "the config has 1 error:\n  " + file + ":3:1: unknown key 'stat' in the top level")
        .contains("(did you mean 'state'?)");
  }

  @Test
  void misspeltSectionAndNestedKeysAreEachSuggested() throws IOException {
    Path file = config("gaurd:\n  max_share: 20%\nlog:\n  levle: info\n");

    ConfigException e = failure(file);

    assertThat(e.problems())
        .extracting(Problem::toString)
        .containsExactly(
            file
                + ":1:1: unknown key 'gaurd' in the top level (did you mean 'guard'?); valid keys:"
                + " state, guard, log, providers, test-notes, test-backup",
            file
                + ":4:3: unknown key 'levle' in 'log' (did you mean 'level'?); valid keys: level,"
                + " format, syslog, facility");
  }

  @Test
  void misspeltKeyInsideGuardSuggestsTheGuardKey() throws IOException {
    Path file = config("state: sqlite:/tmp/x.db\nguard:\n  max_shre: 20%\n");

    assertThat(failure(file).getMessage())
        .contains(
            file
                + ":3:3: unknown key 'max_shre' in 'guard' (did you mean 'max_share'?); valid keys:"
                + " max_share, min_changes");
  }

  @Test
  void threeDifferentErrorsAreReportedTogetherInFileOrder() throws IOException {
    Path file =
        config(
            """
            guard:
              min_changes: lots
            providers:
              central: { type: test-api, url: "${env:NOPE}", api_key: x1234567 }
            colour: blue
            """);

    ConfigException e = failure(file);

    assertThat(e.getMessage()).startsWith("the config has 3 errors:");
    assertThat(e.problems())
        .extracting(Problem::toString)
        .containsExactly(
            file + ":2:16: min_changes must be a whole number, got 'lots'",
            file + ":4:35: environment variable NOPE is not set (${env:NOPE})",
            file
                + ":5:1: unknown key 'colour' in the top level; valid keys: state, guard, log,"
                + " providers, test-notes, test-backup");
  }

  @Test
  void yamlSyntaxErrorReportsWhereItIs() throws IOException {
    Path file = config("state: sqlite:/tmp/x.db\nguard:\n  max_share: [10%\nlog: {}\n");

    ConfigException e = failure(file);

    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().getFirst().position().line()).isEqualTo(4);
    assertThat(e.getMessage()).contains(file + ":4:").contains("not valid YAML");
  }

  @Test
  void unquotedReferenceInsideBracesGetsAHintToQuoteIt() throws IOException {
    Path file = config("providers:\n  b: { type: test-api, api_key: ${env:PDNS_KEY} }\n");

    assertThat(failure(file).problems())
        .extracting(Problem::toString)
        .singleElement()
        .asString()
        .startsWith(file + ":2:34: not valid YAML: ")
        .endsWith("; inside { } a value holding ${...} must be quoted: api_key: \"${env:NAME}\"");
  }

  @Test
  void duplicateKeyIsAnErrorNamingTheFirstOne() throws IOException {
    Path file = config("state: sqlite:/a.db\nlog: {}\nstate: sqlite:/b.db\n");

    assertThat(failure(file).problems())
        .extracting(Problem::toString)
        .containsExactly(file + ":3:1: duplicate key 'state' (first at line 1)");
  }

  @Test
  void referencesResolveAndDoubleDollarIsLiteral() throws IOException {
    Path secretFile = write("api.secret", "  file-secret-value\n", "rw-------");
    Path file =
        config(
            "state: \"sqlite:/var/lib/$${env:PLAIN}/state.db\"\n"
                + "providers:\n"
                + "  a:\n"
                + "    type: test-api\n"
                + "    url: http://${env:PLAIN}:8081\n"
                + "    api_key: ${file:"
                + secretFile
                + "}\n"
                + "  b: { type: test-api, url: http://b, api_key: \"${env:PDNS_KEY}\" }\n");

    HostkeepConfig config = loader.load(file);

    assertThat(config.state()).contains("sqlite:/var/lib/${env:PLAIN}/state.db");
    TestPlugins.Api a = (TestPlugins.Api) config.providers().all().get("a").instance();
    TestPlugins.Api b = (TestPlugins.Api) config.providers().all().get("b").instance();
    assertThat(a.url()).isEqualTo("http://hello:8081");
    assertThat(a.apiKey().reveal()).isEqualTo("file-secret-value");
    assertThat(b.apiKey().reveal()).isEqualTo("env-secret-value");
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void secretFileReadableByOthersIsAWarningNotAnError() throws IOException {
    Path secretFile = write("api.secret", "file-secret-value", "rw-r--r--");
    Path file =
        config(
            "providers:\n  a:\n    type: test-api\n    url: http://a\n    api_key: ${file:"
                + secretFile
                + "}\n");

    HostkeepConfig config = loader.load(file);

    assertThat(config.warnings())
        .extracting(Problem::toString)
        .containsExactly(
            file
                + ":5:14: warning: secret file "
                + secretFile
                + " can be read by group or others: chmod 600 "
                + secretFile);
  }

  @Test
  void missingSecretFileIsAnError() throws IOException {
    Path file = config("state: ${file:" + dir.resolve("absent") + "}\n");

    assertThat(failure(file).getMessage())
        .contains(
            file + ":1:8: cannot read secret file " + dir.resolve("absent") + ": no such file");
  }

  @Test
  void inlineSecretInAConfigOthersCanReadIsWarnedAbout() throws IOException {
    String text = "providers:\n  a: { type: test-api, url: http://a, api_key: inline-secret-1 }\n";
    Path file = write("shared.yaml", text, "rw-r-----");

    HostkeepConfig config = loader.load(file);

    assertThat(config.warnings()).hasSize(1);
    assertThat(config.warnings().getFirst().toString())
        .startsWith(file + ":2:48: warning: this config holds a secret inline")
        .contains("chmod 600 " + file)
        .doesNotContain("inline-secret-1");
  }

  @Test
  void inlineSecretInAPrivateConfigIsNotWarnedAbout() throws IOException {
    Path file =
        config("providers:\n  a: { type: test-api, url: http://a, api_key: inline-secret-1 }\n");

    assertThat(loader.load(file).warnings()).isEmpty();
  }

  @Test
  void maskedConfigShowsStarsForEverySecretAndNeverTheValue() throws IOException {
    Path secretFile = write("api.secret", "file-secret-value\n", "rw-------");
    Path file =
        config(
            "state: postgresql://hk:db-password-9@db.example.net/hostkeep\n"
                + "providers:\n"
                + "  a: { type: test-api, url: http://a, api_key: inline-secret-1 }\n"
                + "  b: { type: test-api, url: http://b, api_key: \"${env:PDNS_KEY}\" }\n"
                + "  c: { type: test-api, url: http://c, api_key: \"${file:"
                + secretFile
                + "}\" }\n"
                + "test-notes:\n"
                + "  path: /srv/notes\n"
                + "  every: 5m\n"
                + "  via: a\n");

    HostkeepConfig config = loader.load(file);

    assertThat(config.masked())
        .isEqualTo(
            """
            state: postgresql://hk:****@db.example.net/hostkeep
            providers:
              a:
                type: test-api
                url: http://a
                api_key: '****'
              b:
                type: test-api
                url: http://b
                api_key: '****'
              c:
                type: test-api
                url: http://c
                api_key: '****'
            test-notes:
              path: /srv/notes
              every: 5m
              via: a
            """);
    assertThat(config.masked())
        .doesNotContain(
            "inline-secret-1", "env-secret-value", "file-secret-value", "db-password-9");
    TestPlugins.Notes notes = (TestPlugins.Notes) config.capabilities().get("test-notes");
    assertThat(notes.every()).isEqualTo(Duration.ofMinutes(5));
    assertThat(notes.via().apiKey().reveal()).isEqualTo("inline-secret-1");
  }

  @Test
  void unknownProviderTypeListsTheKnownOnesAndSuggestsTheClosest() throws IOException {
    Path file = config("providers:\n  central:\n    type: test-apl\n    url: http://x\n");

    assertThat(failure(file).problems())
        .extracting(Problem::toString)
        .containsExactly(
            file
                + ":3:5: unknown provider type 'test-apl' in 'providers.central' (did you mean"
                + " 'test-api'?); known types: test-api, test-dns");
  }

  @Test
  void unknownProviderNameInACapabilitySuggestsTheDefinedOne() throws IOException {
    Path file =
        config(
            "providers:\n  central: { type: test-api, url: http://a, api_key: abcdefgh }\n"
                + "test-notes:\n  path: /n\n  via: centrl\n");

    assertThat(failure(file).problems())
        .extracting(Problem::toString)
        .containsExactly(
            file
                + ":5:8: no provider named 'centrl' under providers: (did you mean 'central'?);"
                + " defined: central");
  }

  @Test
  void unknownCapabilitySectionSuggestsTheClosestCapability() throws IOException {
    Path file = config("test-note:\n  path: /srv/notes\n");

    assertThat(failure(file).getMessage())
        .contains(
            file + ":1:1: unknown key 'test-note' in the top level (did you mean 'test-notes'?)");
  }

  @Test
  void emptyFileGivesTheDefaults() throws IOException {
    HostkeepConfig config = loader.load(config(""));

    assertThat(config.guard()).isEqualTo(dev.hostkeep.core.plan.GuardPolicy.DEFAULT);
    assertThat(config.log()).isEqualTo(LogSettings.DEFAULT);
    assertThat(config.capabilities()).isEmpty();
    assertThat(config.masked()).isEqualTo("{}\n");
  }

  @Test
  void guardSettingsAreRead() throws IOException {
    HostkeepConfig config = loader.load(config("guard:\n  max_share: 25%\n  min_changes: 5\n"));

    assertThat(config.guard()).isEqualTo(new dev.hostkeep.core.plan.GuardPolicy(0.25, 5));
  }

  @Test
  void shareThatIsNotANumberIsAnError() throws IOException {
    Path file = config("guard:\n  max_share: NaN\n  min_changes: 3\n");

    assertThat(failure(file).problems())
        .extracting(Problem::toString)
        .containsExactly(file + ":2:14: max_share must be a share like 10% or 0.1, got 'NaN'");
  }

  @Test
  void durationTooLargeIsAnErrorNotACrash() throws IOException {
    Path file = config("test-notes:\n  path: /n\n  every: 99999999999999999999s\n");

    assertThat(failure(file).problems())
        .extracting(Problem::toString)
        .containsExactly(
            file
                + ":3:10: every must be a duration like 30s, 5m, 24h or 7d, got"
                + " '99999999999999999999s'");
  }

  @Test
  void providerWithoutTypeIsAnError() throws IOException {
    Path file = config("providers:\n  central:\n    url: http://x\n");

    assertThat(failure(file).problems())
        .extracting(Problem::toString)
        .containsExactly(file + ":3:5: missing required key 'type' in 'providers.central'");
  }

  @Test
  void maskedConfigReadsBackAsTheSameValues() throws IOException {
    Path file =
        config(
            """
            test-notes:
              path: '@daily'
              every: '5m'
            state: 'ends with colon:'
            log:
              syslog: 'null'
              facility: '- local0'
            """);
    HostkeepConfig config = loader.load(file);

    Problems problems = new Problems();
    ConfigNode.MapNode reread =
        new YamlLoader("masked", new References(env::get, redactor), problems)
            .load(config.masked());

    assertThat(problems.all()).isEmpty();
    assertThat(scalar(reread, "test-notes", "path")).isEqualTo("@daily");
    assertThat(scalar(reread, "state")).isEqualTo("ends with colon:");
    assertThat(scalar(reread, "log", "syslog")).isEqualTo("null");
    assertThat(scalar(reread, "log", "facility")).isEqualTo("- local0");
  }

  private static String scalar(ConfigNode.MapNode map, String... path) {
    ConfigNode node = map;
    for (String key : path) {
      node = ((ConfigNode.MapNode) node).entries().get(key).value();
    }
    return ((ConfigNode.ScalarNode) node).value();
  }

  @Test
  void unreadableConfigFileIsAUsageError() {
    assertThatThrownBy(() -> loader.load(dir.resolve("missing.yaml")))
        .isInstanceOf(dev.hostkeep.core.HostkeepException.class)
        .hasMessageStartingWith("cannot read config file " + dir.resolve("missing.yaml"))
        .extracting(e -> ((dev.hostkeep.core.HostkeepException) e).exitCode())
        .isEqualTo(ExitCode.USAGE);
  }

  @Test
  void passwordInTheStateUrlIsMaskedAndWarnedAboutInAReadableConfig() throws IOException {
    Path file =
        write(
            "hostkeep.yaml",
            "state: postgresql://hostkeep:pa@ss:w0rd@db.example.net:5432/hostkeep\n",
            "rw-r--r--");

    HostkeepConfig config = loader.load(file);

    assertThat(config.masked()).contains("postgresql://hostkeep:****@db.example.net");
    assertThat(config.masked()).doesNotContain("pa@ss:w0rd");
    assertThat(config.warnings())
        .extracting(Problem::toString)
        .containsExactly(
            file
                + ":1:8: warning: the state URL holds a password and this config can be read by"
                + " group or others: chmod 600 "
                + file
                + ", or write the URL as ${file:/path}");
  }
}
