package dev.hostkeep.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract on a real PostgreSQL 15; each test gets a database of its own. */
class PostgresStateStoreTest extends StateStoreContract {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static PostgresServer server;

  @BeforeAll
  static void startServer() {
    server = PostgresServer.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  String newSpec() {
    String database = "state_" + DATABASES.incrementAndGet();
    server.createDatabase(database);
    return server.url(database);
  }

  @Override
  Connection rawConnection(String spec) throws SQLException {
    StateSpec parsed = StateSpec.parse(spec);
    return DriverManager.getConnection(parsed.jdbcUrl(), parsed.properties());
  }

  @Test
  void readOnlyOpeningOfEmptyDatabaseCreatesNoTable() throws SQLException {
    String fresh = newSpec();

    openReadOnly(fresh).close();

    assertThat(queryLong(fresh, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
        .isZero();
  }

  @Test
  void passwordIsPassedToTheServerButNeverShown() {
    String withPassword = spec.replace("postgres@", "postgres:s3cret%2Fpw@") + "?sslmode=disable";

    StateStore opened = open(withPassword);

    assertThat(opened.location()).isEqualTo(spec).doesNotContain("s3cret");
    assertThat(StateSpec.parse(withPassword).toString()).doesNotContain("s3cret");
    assertThat(StateSpec.parse(withPassword).password()).isEqualTo("s3cret/pw");
  }
}
