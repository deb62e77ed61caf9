package dev.hostkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MariaDbServerTest {
  @TempDir static Path dir;
  static MariaDbServer mariadb;

  @BeforeAll
  static void startMariaDb() {
    mariadb = MariaDbServer.start(dir);
  }

  @AfterAll
  static void stopMariaDb() {
    if (mariadb != null) {
      mariadb.close();
    }
  }

  @Test
  void runsAQuery() {
    assertThat(mariadb.sql("SELECT 1;")).isEqualTo("1\n");
  }

  @Test
  void keepsRowsOfACreatedTable() {
    mariadb.sql(
        """
        CREATE DATABASE shop;
        CREATE TABLE shop.items (id INT PRIMARY KEY, name VARCHAR(40));
        INSERT INTO shop.items VALUES (1, 'lamp'), (2, 'desk');
        """);

    assertThat(mariadb.sql("SELECT id, name FROM shop.items ORDER BY id;"))
        .isEqualTo("1\tlamp\n2\tdesk\n");
  }

  @Test
  void acceptsRootOverTcp() {
    String mariadbClient = Binaries.require("mariadb").toString();
    ExternalCommand.Result result =
        ExternalCommand.run(
            dir,
            List.of(
                mariadbClient,
                "--no-defaults",
                "--protocol=TCP",
                "--host=127.0.0.1",
                "--port=" + mariadb.port(),
                "--user=" + mariadb.user(),
                "--batch",
                "--skip-column-names",
                "-e",
                "SELECT CURRENT_USER();"));

    assertThat(result.ok()).as(result.describe()).isTrue();
    assertThat(result.stdout()).startsWith("root@");
  }

  @Test
  void reportsTheClientErrorOfAFailingStatement() {
    assertThatThrownBy(() -> mariadb.sql("SELECT * FROM nowhere.nothing;"))
        .hasMessageContaining("nowhere");
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void closeStopsTheProcessAndFreesThePort() {
    long pid = mariadb.pid();

    mariadb.close();

    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(ServerProcess.tcpOpen(mariadb.port())).isFalse();
  }
}
