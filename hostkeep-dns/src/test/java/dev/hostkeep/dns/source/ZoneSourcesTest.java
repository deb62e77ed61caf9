package dev.hostkeep.dns.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostkeep.core.apply.TargetExecutor;
import dev.hostkeep.core.capability.Capability;
import dev.hostkeep.core.capability.ConfigureContext;
import dev.hostkeep.core.capability.ConfiguredCapability;
import dev.hostkeep.core.capability.Plugins;
import dev.hostkeep.core.capability.RunContext;
import dev.hostkeep.core.config.ConfigException;
import dev.hostkeep.core.config.ConfigLoader;
import dev.hostkeep.core.config.ConfigValue;
import dev.hostkeep.core.config.Problem;
import dev.hostkeep.core.plan.Plan;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.dns.secondary.ZoneSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source mappings read through the real config loader, as {@code hostkeep config check} does. */
class ZoneSourcesTest {
  @TempDir Path dir;

  @Test
  void readsAZoneFolderWithItsOptions() throws IOException {
    Path zones = Files.createDirectory(dir.resolve("zones"));
    Files.writeString(zones.resolve("db.example.com"), "broken");

    ZoneSource source =
        load(
            "test-source:\n  source: { zone_dir: %s, pattern: \"db.{zone}\", check: yes }\n"
                .formatted(zones));

    assertThat(source.name()).isEqualTo("zone folder " + zones);
    assertThat(source.read().zones()).isEmpty();
    assertThat(source.read().problems()).singleElement().asString().contains("db.example.com");
  }

  @Test
  void readsNamedConf() throws IOException {
    Path conf =
        Files.writeString(
            dir.resolve("named.conf"),
            "zone \"a.example\" { type slave; masters { 192.0.2.1; }; };\n");

    ZoneSource source =
        load(
            "test-source:\n  source: { named_conf: %s, include_secondary: true }\n"
                .formatted(conf));

    assertThat(source.name()).isEqualTo("named.conf " + conf);
    assertThat(source.read().zones()).containsExactly("a.example");
  }

  @Test
  void readsPowerDnsWithItsKeyFromTheEnvironment() throws IOException {
    ZoneSource source =
        load(
            """
            test-source:
              source:
                powerdns: http://127.0.0.1:8081
                api_key: ${env:PDNS_KEY}
                account: hosting
                kinds: [Master, Native, Producer]
                timeout: 5s
            """);

    assertThat(source).isInstanceOf(PowerDnsZoneSource.class);
    assertThat(source.name())
        .isEqualTo("powerdns http://127.0.0.1:8081 account hosting")
        .doesNotContain("pdns-secret-key-42");
  }

  @Test
  void readsAListAndNormalisesIt() throws IOException {
    ZoneSource source =
        load("test-source:\n  source: { list: [Example.COM., bücher.example, example.com] }\n");

    assertThat(source.read().zones()).containsExactly("example.com", "xn--bcher-kva.example");
  }

  @Test
  void aMisspeltKeyIsReportedWithTheClosestValidOne() {
    assertThat(errors("test-source:\n  source: { zone_dir: /srv/zones, patern: \"db.{zone}\" }\n"))
        .singleElement()
        .asString()
        .contains("unknown key 'patern' in 'test-source.source' (did you mean 'pattern'?)");
  }

  @Test
  void aMisspeltKindIsReportedWithTheClosestKind() {
    assertThat(errors("test-source:\n  source: { zone_directory: /srv/zones }\n"))
        .contains(
            dir.resolve("hostkeep.yaml")
                + ":2:11: 'test-source.source' names no kind of zone source: use one of zone_dir,"
                + " named_conf, powerdns, list (did you mean 'zone_dir' for 'zone_directory'?)");
  }

  @Test
  void twoKindsInOneSourceAreAnError() {
    assertThat(errors("test-source:\n  source: { zone_dir: /srv/zones, list: [a.example] }\n"))
        .containsExactly(
            dir.resolve("hostkeep.yaml")
                + ":2:11: 'test-source.source' names zone_dir and list; one source reads one"
                + " kind: use one of zone_dir, named_conf, powerdns, list (several sources need"
                + " several entries)");
  }

  @Test
  void optionsOfAnotherKindAreUnknownKeys() {
    assertThat(errors("test-source:\n  source: { list: [a.example], check: true }\n"))
        .singleElement()
        .asString()
        .contains("unknown key 'check' in 'test-source.source'");
  }

  @Test
  void badValuesAreReportedWhereTheyStand() {
    List<String> errors =
        errors(
            """
            test-source:
              source:
                list:
                  - example.com
                  - "bad name.example"
                  - "*.example"
            """);

    assertThat(errors)
        .containsExactly(
            dir.resolve("hostkeep.yaml")
                + ":5:9: invalid zone name 'bad name.example': label 'bad name' contains a space"
                + " (only letters, digits, '-' and '_' are allowed)",
            dir.resolve("hostkeep.yaml")
                + ":6:9: invalid zone name '*.example': a wildcard '*' cannot name a zone");
  }

  @Test
  void aRelativeFolderAndABadPatternAreErrors() {
    assertThat(errors("test-source:\n  source: { zone_dir: zones, pattern: \"{zone}.{zone}\" }\n"))
        .containsExactly(
            dir.resolve("hostkeep.yaml") + ":2:23: zone_dir must be an absolute path, got 'zones'",
            dir.resolve("hostkeep.yaml")
                + ":2:39: zone file pattern '{zone}.{zone}' must contain {zone} exactly once, e.g."
                + " {zone}.db, db.{zone}, {zone}.zone");
  }

  @Test
  void powerDnsNeedsAnHttpUrlAndAKey() {
    assertThat(errors("test-source:\n  source: { powerdns: 127.0.0.1:8081 }\n"))
        .anySatisfy(e -> assertThat(e).contains("missing required key 'api_key'"))
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "powerdns must be the API's http(s) URL such as http://127.0.0.1:8081,"
                            + " got '127.0.0.1:8081'"));
  }

  private ZoneSource load(String yaml) throws IOException {
    Path file = Files.writeString(dir.resolve("hostkeep.yaml"), yaml);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    ConfigLoader loader =
        new ConfigLoader(
            new Plugins(List.of(new OneSource()), List.of()),
            new Redactor(),
            Map.of("PDNS_KEY", "pdns-secret-key-42")::get);
    return ((Configured) loader.load(file).capabilities().get("test-source")).source();
  }

  private List<String> errors(String yaml) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(yaml));
    assertThat(e).as("the config must be refused").isNotNull();
    return e.problems().stream().map(Problem::toString).toList();
  }

  /** A section {@code test-source: { source: {...} }}, shaped like one secondary entry. */
  static final class OneSource implements Capability {
    @Override
    public String name() {
      return "test-source";
    }

    @Override
    public String summary() {
      return "one zone source under test";
    }

    @Override
    public ConfiguredCapability configure(ConfigValue section, ConfigureContext context) {
      return section
          .asObject()
          .map(
              object -> {
                ZoneSource source = ZoneSources.read(object.requireObject("source"));
                object.finish();
                return new Configured(source);
              })
          .orElse(null);
    }
  }

  record Configured(ZoneSource source) implements ConfiguredCapability {
    @Override
    public String name() {
      return "test-source";
    }

    @Override
    public Plan plan(RunContext context) {
      return Plan.empty(name());
    }

    @Override
    public TargetExecutor executor(String target, RunContext context) {
      throw new UnsupportedOperationException();
    }
  }
}
