package dev.hostkeep.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.testkit.FakeClock;
import dev.hostkeep.testkit.FreePorts;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateStoresTest {

  @Test
  void sqliteLocations() {
    assertThat(StateSpec.parse("sqlite:/var/lib/hostkeep/state.db").location())
        .isEqualTo("sqlite:/var/lib/hostkeep/state.db");
    assertThat(StateSpec.parse("sqlite:///srv/state.db").sqlitePath())
        .isEqualTo(Path.of("/srv/state.db"));
    assertThat(StateSpec.parse("/srv/x/../state.db").location()).isEqualTo("sqlite:/srv/state.db");
    assertThat(StateSpec.parse("state.db").sqlitePath())
        .isEqualTo(Path.of("state.db").toAbsolutePath());
    assertThat(StateSpec.parse("~/state.db").sqlitePath())
        .isEqualTo(Path.of(System.getProperty("user.home"), "state.db"));
  }

  @Test
  void postgresLocationsBecomeJdbcUrlsWithoutThePassword() {
    StateSpec spec =
        StateSpec.parse("postgres://keeper:p%40ss@db.example.net:5433/hostkeep?sslmode=require");

    assertThat(spec.dialect()).isEqualTo(Dialect.POSTGRESQL);
    assertThat(spec.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.example.net:5433/hostkeep?sslmode=require");
    assertThat(spec.user()).isEqualTo("keeper");
    assertThat(spec.password()).isEqualTo("p@ss");
    assertThat(spec.location()).isEqualTo("postgresql://keeper@db.example.net:5433/hostkeep");
    assertThat(spec.toString()).doesNotContain("p@ss").doesNotContain("p%40ss");
    assertThat(StateSpec.parse("postgresql://db/hk").jdbcUrl())
        .isEqualTo("jdbc:postgresql://db/hk");
  }

  @Test
  void unknownOrEmptyLocationIsAUsageError() {
    assertThatThrownBy(() -> StateSpec.parse("mysql://root:hunter2@db/x"))
        .isInstanceOf(HostkeepException.class)
        .hasMessageContaining("unknown kind of location 'mysql:'")
        .hasMessageNotContaining("hunter2")
        .satisfies(e -> assertThat(((HostkeepException) e).exitCode()).isEqualTo(ExitCode.USAGE));
    assertThatThrownBy(() -> StateSpec.parse(" ")).hasMessageContaining("no location given");
    assertThatThrownBy(() -> StateSpec.parse("postgresql://u:hunter2@bad host/x"))
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void unreachablePostgresIsRetriableAndKeepsThePasswordOut() {
    int closedPort = FreePorts.next();
    String spec = "postgresql://keeper:hunter2@127.0.0.1:" + closedPort + "/hostkeep";

    assertThatThrownBy(() -> StateStores.open(spec, FakeClock.atEpoch2026()))
        .isInstanceOf(HostkeepException.class)
        .hasMessageStartingWith(
            "state at postgresql://keeper@127.0.0.1:" + closedPort + "/hostkeep: ")
        .hasMessageNotContaining("hunter2")
        .satisfies(e -> assertThat(((HostkeepException) e).retriable()).isTrue());
  }

  @Test
  void defaultLocationDependsOnTheUser() {
    Path home = Path.of("/home/ada");
    assertThat(StateStores.defaultLocation(0, Map.of(), home))
        .isEqualTo(Path.of("/var/lib/hostkeep/state.db"));
    assertThat(StateStores.defaultLocation(1000, Map.of("XDG_STATE_HOME", "/xdg"), home))
        .isEqualTo(Path.of("/xdg/hostkeep/state.db"));
    assertThat(StateStores.defaultLocation(1000, Map.of(), home))
        .isEqualTo(Path.of("/home/ada/.local/state/hostkeep/state.db"));
    assertThat(StateStores.defaultLocation()).isAbsolute().hasFileName("state.db");
  }

  @Test
  void everyDialectHasEveryMigrationScript() {
    for (Dialect dialect : Dialect.values()) {
      for (String script : Migrations.SCRIPTS) {
        assertThat(Migrations.statements(Migrations.script(dialect, script))).isNotEmpty();
      }
    }
  }
}
