package dev.hostkeep.dns.secondary.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.testkit.Binaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog as a zone file; the reload command is BIND's own {@code named-checkzone}, so every
 * file written is one BIND loads.
 */
class CatalogZoneFileTest {
  static final Duration RELOAD = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void createsAMissingCatalogThatBindLoads() throws IOException {
    Path file = dir.resolve("catalog.test.db");
    CatalogZoneFile target = target(file, checkzone(file));

    target.apply(List.of("a.test", "b.test"), List.of());

    assertThat(target.zones()).containsExactly("a.test", "b.test");
    String text = Files.readString(file);
    assertThat(text)
        .contains(MemberLabels.of(CatalogContent.name("a.test")) + ".zones.catalog.test.")
        .contains("version.catalog.test.")
        .contains("\"2\"")
        .containsPattern("catalog\\.test\\.\\s+0\\s+IN\\s+NS\\s+invalid\\.");
    assertThat(serial(file)).isEqualTo(1);
  }

  @Test
  void removingAndAddingBumpsTheSerialAndKeepsLabels() throws IOException {
    Path file = dir.resolve("catalog.test.db");
    CatalogZoneFile target = target(file, checkzone(file));
    target.apply(List.of("a.test", "b.test"), List.of());

    target.apply(List.of("c.test"), List.of("b.test"));

    assertThat(target.zones()).containsExactly("a.test", "c.test");
    assertThat(serial(file)).isEqualTo(2);
    assertThat(Files.readString(file))
        .contains(MemberLabels.of(CatalogContent.name("a.test")))
        .doesNotContain(MemberLabels.of(CatalogContent.name("b.test")));
  }

  @Test
  void aFailingReloadPutsTheOldFileBack() throws IOException {
    Path file = dir.resolve("catalog.test.db");
    target(file, checkzone(file)).apply(List.of("a.test"), List.of());
    byte[] before = Files.readAllBytes(file);
    CatalogZoneFile failing =
        target(file, List.of("sh", "-c", "echo rndc: connection refused; exit 1"));

    assertThatThrownBy(() -> failing.apply(List.of("b.test"), List.of()))
        .isInstanceOfSatisfying(HostkeepException.class, e -> assertThat(e.retriable()).isTrue())
        .hasMessageContaining("exited with status 1")
        .hasMessageContaining("rndc: connection refused")
        .hasMessageContaining("was put back");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(failing.zones()).containsExactly("a.test");
  }

  @Test
  void nothingToChangeWritesNothingAndReloadsNothing() throws IOException {
    Path file = dir.resolve("catalog.test.db");
    target(file, checkzone(file)).apply(List.of("a.test"), List.of());
    byte[] before = Files.readAllBytes(file);
    CatalogZoneFile failing = target(file, List.of("false"));

    failing.apply(List.of("a.test"), List.of("not-a-member.test"));

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void refusesAFileThatIsNotACatalog() throws IOException {
    Path file = dir.resolve("customer.test.db");
    String zone =
        """
        $ORIGIN catalog.test.
        @ 300 IN SOA ns1 hostmaster 7 3600 600 86400 300
        @ 300 IN NS ns1
        ns1 300 IN A 192.0.2.1
        """;
    Files.writeString(file, zone);

    assertThatThrownBy(() -> target(file, List.of("true")).apply(List.of("a.test"), List.of()))
        .isInstanceOf(HostkeepException.class)
        .hasMessageContaining("is not a catalog zone");
    assertThat(Files.readString(file)).isEqualTo(zone);
  }

  static CatalogZoneFile target(Path file, List<String> reload) {
    return new CatalogZoneFile("catalog.test", file, reload, RELOAD);
  }

  static List<String> checkzone(Path file) {
    return List.of(
        Binaries.require("named-checkzone").toString(), "-q", "catalog.test", file.toString());
  }

  static long serial(Path file) throws IOException {
    return Files.readAllLines(file).stream()
        .filter(line -> line.contains("\tSOA\t"))
        .map(line -> line.split("\\s+")[6])
        .mapToLong(Long::parseLong)
        .findFirst()
        .orElseThrow();
  }
}
