package dev.hostkeep.dns.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.dns.secondary.ZoneListing;
import dev.hostkeep.testkit.Binaries;
import dev.hostkeep.testkit.FakeClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZoneFolderSourceTest {
  @TempDir Path dir;

  static String zone(String origin) {
    return """
        $TTL 3600
        @   IN SOA ns1.%1$s. hostmaster.%1$s. 2024010101 7200 3600 1209600 3600
            IN NS  ns1.%1$s.
        ns1 IN A   192.0.2.1
        www IN A   192.0.2.10
        """
        .formatted(origin);
  }

  private ZoneListing read(String pattern, boolean check) {
    return new ZoneFolderSource(new ZoneFolderSettings(dir, ZoneFilePattern.parse(pattern), check))
        .read();
  }

  private void write(String name, String text) {
    try {
      Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "{zone}.db, example.com.db, Example.ORG.db",
    "db.{zone}, db.example.com, db.Example.ORG",
    "{zone}.zone, example.com.zone, Example.ORG.zone",
    "{zone}, example.com, Example.ORG",
  })
  void mapsFileNamesToZonesByThePattern(String pattern, String first, String second)
      throws IOException {
    write(first, zone("example.com"));
    write(second, zone("example.org"));

    ZoneListing listing = read(pattern, false);

    assertThat(listing.zones()).contains("example.com", "example.org");
    assertThat(listing.problems()).isEmpty();
  }

  @Test
  void unicodeFileNamesListTheirPunycodeZone() throws IOException {
    assumeTrue(
        Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"))
            .newEncoder()
            .canEncode("ü"),
        "file names are not UTF-8 here (LANG=C?)");
    write("bücher.example.db", zone("xn--bcher-kva.example"));

    ZoneListing listing = read("{zone}.db", true);

    assertThat(listing.zones()).containsExactly("xn--bcher-kva.example");
    assertThat(listing.problems()).isEmpty();
  }

  @Test
  void journalFilesAreNotZones() throws IOException {
    write("example.com.db", zone("example.com"));
    write("example.com.db.jnl", "binary journal");
    write("example.com.db.jbk", "binary journal backup");
    write("example.com.db.signed", zone("example.com"));
    write("example.com.db.signed.jnl", "binary journal");

    ZoneListing listing = read("{zone}", false);

    assertThat(listing.zones()).containsExactly("example.com.db");
    assertThat(read("{zone}.db", false).zones()).containsExactly("example.com");
  }

  @Test
  void editorTempAndBackupFilesAreIgnored() throws IOException {
    write("example.com", zone("example.com"));
    for (String name :
        new String[] {
          "example.com~",
          ".example.com.swp",
          ".example.com.swo",
          "#example.com#",
          "example.com.tmp",
          "example.com.bak",
          "example.com.orig",
          ".hidden",
          "Kexample.com.+013+12345.key",
          "Kexample.com.+013+12345.private",
        }) {
      write(name, "x");
    }
    Files.createDirectory(dir.resolve("old.example"));

    ZoneListing listing = read("{zone}", false);

    assertThat(listing.zones()).containsExactly("example.com");
    assertThat(listing.problems()).isEmpty();
  }

  @Test
  void filesNotMatchingThePatternAreSkippedAndCounted() throws IOException {
    write("example.com.db", zone("example.com"));
    write("README", "notes");
    write("db.example.org", zone("example.org"));

    ZoneFolderSource.Scan scan = new ZoneFolderSource(ZoneFolderSettings.of(dir)).scan();

    assertThat(scan.listing().zones()).containsExactly("example.com");
    assertThat(scan.listing().problems()).isEmpty();
    assertThat(scan.unmatched()).containsExactly("README", "db.example.org");
  }

  @Test
  void aPatternThatMatchesNothingIsReportedNotTakenForAnEmptyList() throws IOException {
    write("db.example.com", zone("example.com"));
    write("db.example.org", zone("example.org"));

    ZoneListing listing = read("{zone}.db", false);

    assertThat(listing.zones()).isEmpty();
    assertThat(listing.problems())
        .singleElement()
        .asString()
        .contains("none of its 2 files fits the pattern {zone}.db (e.g. 'db.example.com')");
  }

  @Test
  void garbageNamesMatchingThePatternAreReportedNotDropped() throws IOException {
    write("example.com.db", zone("example.com"));
    write("my zone.db", "x");
    write("foo..bar.db", "x");
    write("*.example.db", "x");

    ZoneListing listing = read("{zone}.db", false);

    assertThat(listing.zones()).containsExactly("example.com");
    assertThat(listing.problems())
        .containsExactlyInAnyOrder(
            "zone folder "
                + dir
                + ": file '*.example.db' does not name a zone: a wildcard '*' cannot name a zone;"
                + " not listed",
            "zone folder "
                + dir
                + ": file 'foo..bar.db' does not name a zone: it has an empty label (two dots in"
                + " a row?); not listed",
            "zone folder "
                + dir
                + ": file 'my zone.db' does not name a zone: label 'my zone' contains a space"
                + " (only letters, digits, '-' and '_' are allowed); not listed");
  }

  @Test
  void checkListsLoadableZoneFilesAndReportsBrokenOnesWithTheirLine() throws IOException {
    write("good.example.db", zone("good.example"));
    write("typo.example.db", zone("typo.example") + "mail IN AAA 2001:db8::1\n");
    write("nosoa.example.db", "$TTL 300\n@ IN NS ns1.nosoa.example.\n");
    write("nons.example.db", "$TTL 300\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n");
    write("outside.example.db", zone("outside.example") + "www.elsewhere.test. IN A 192.0.2.9\n");

    ZoneListing listing = read("{zone}.db", true);

    // BIND ignores out-of-zone data and loads the rest; so does the check.
    assertThat(listing.zones()).containsExactly("good.example", "outside.example");
    assertThat(listing.problems()).hasSize(3);
    assertThat(listing.problems())
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo(
                        "zone file "
                            + dir.resolve("typo.example.db")
                            + " line 6: Invalid type 'AAA' (did you mean 'AAAA'?); zone"
                            + " typo.example is not listed until its file loads"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "zone file "
                            + dir.resolve("nosoa.example.db")
                            + ": no SOA record at nosoa.example.")
                    .endsWith("zone nosoa.example is not listed until its file loads"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "zone file "
                            + dir.resolve("nons.example.db")
                            + ": no NS record at nons.example."));
  }

  @Test
  void checkAgreesWithNamedCheckzone() throws Exception {
    Path checkzone = Binaries.require("named-checkzone");
    write("good.example.db", zone("good.example"));
    write("typo.example.db", zone("typo.example") + "mail IN AAA 2001:db8::1\n");
    write("nosoa.example.db", "$TTL 300\n@ IN NS ns1.nosoa.example.\n");
    write("nons.example.db", "$TTL 300\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n");
    write("outside.example.db", zone("outside.example") + "www.elsewhere.test. IN A 192.0.2.9\n");
    Set<String> loads = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        String zone = file.getFileName().toString().replaceFirst("\\.db$", "");
        Process process =
            new ProcessBuilder(checkzone.toString(), zone, file.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (process.waitFor() == 0) {
          loads.add(zone);
        }
      }
    }

    assertThat(read("{zone}.db", true).zones()).containsExactlyElementsOf(loads);
  }

  @Test
  void withoutCheckABrokenFileStillCountsAsItsZone() throws IOException {
    write("typo.example.db", "this is not a zone file");

    assertThat(read("{zone}.db", false).zones()).containsExactly("typo.example");
  }

  @Test
  void followsSymlinksToFilesAndReportsDanglingOnes() throws IOException {
    Path real = Files.createDirectory(dir.resolve("real"));
    Path folder = Files.createDirectory(dir.resolve("zones"));
    Files.writeString(real.resolve("example.com.db"), zone("example.com"));
    Files.createSymbolicLink(folder.resolve("example.com.db"), real.resolve("example.com.db"));
    Files.createSymbolicLink(folder.resolve("gone.example.db"), real.resolve("gone.example.db"));

    ZoneListing listing =
        new ZoneFolderSource(new ZoneFolderSettings(folder, ZoneFilePattern.DEFAULT, true)).read();

    assertThat(listing.zones()).containsExactly("example.com");
    assertThat(listing.problems())
        .containsExactly(
            "zone folder "
                + folder
                + ": 'gone.example.db' is a link to a missing file; zone gone.example is not"
                + " listed until its file loads");
  }

  @Test
  void aBigFolderReadOnTwoThreadsSkipsAndReportsInBothHalves() throws IOException {
    Path real = Files.createDirectory(dir.resolve("real"));
    Path folder = Files.createDirectory(dir.resolve("zones"));
    Set<String> expected = new TreeSet<>();
    for (int i = 0; i < 3_000; i++) {
      Files.writeString(folder.resolve("z" + i + ".example.db"), "");
      expected.add("z" + i + ".example");
    }
    // early and late in the sorted names, so that each half of the folder has its share
    Files.createDirectory(folder.resolve("a-folder.example.db"));
    Files.createDirectory(folder.resolve("zz-folder.example.db"));
    Files.writeString(real.resolve("linked.example.db"), "");
    Files.createSymbolicLink(
        folder.resolve("b-link.example.db"), real.resolve("linked.example.db"));
    Files.createSymbolicLink(folder.resolve("zz-gone.example.db"), real.resolve("nothing.db"));
    Files.writeString(folder.resolve("z1.example.db.jnl"), "");
    expected.add("b-link.example");

    ZoneListing listing =
        new ZoneFolderSource(new ZoneFolderSettings(folder, ZoneFilePattern.DEFAULT, false)).read();

    assertThat(listing.zones()).containsExactlyElementsOf(expected);
    assertThat(listing.problems())
        .singleElement()
        .asString()
        .contains("'zz-gone.example.db' is a link to a missing file");
  }

  @Test
  void twoFilesForOneZoneAreReported() throws IOException {
    write("example.com.db", zone("example.com"));
    write("EXAMPLE.com.db", zone("example.com"));

    ZoneListing listing = read("{zone}.db", false);

    assertThat(listing.zones()).containsExactly("example.com");
    assertThat(listing.problems())
        .singleElement()
        .asString()
        .contains("files 'EXAMPLE.com.db' and 'example.com.db' both name zone example.com");
  }

  @Test
  void anEmptyFolderListsNoZonesRatherThanFailing() {
    ZoneListing listing = new ZoneFolderSource(ZoneFolderSettings.of(dir)).read();

    assertThat(listing.zones()).isEmpty();
    assertThat(listing.problems()).isEmpty();
  }

  @Test
  void aMissingFolderThrowsInsteadOfListingNothing() {
    Path missing = dir.resolve("unmounted");

    assertThatThrownBy(() -> new ZoneFolderSource(ZoneFolderSettings.of(missing)).read())
        .isInstanceOf(HostkeepException.class)
        .hasMessage(
            "zone folder "
                + missing
                + " does not exist or is not mounted; refusing to read it as an empty zone list");
  }

  @Test
  void aPathThatIsAFileThrows() throws IOException {
    Path file = Files.writeString(dir.resolve("named.conf"), "");

    assertThatThrownBy(() -> new ZoneFolderSource(ZoneFolderSettings.of(file)).read())
        .isInstanceOf(HostkeepException.class)
        .hasMessageStartingWith("zone folder " + file + " is not a folder");
  }

  @Test
  void patternsMustHoldZoneExactlyOnce() {
    assertThat(ZoneFilePattern.parse("db.{zone}").zoneOf("db.example.com")).contains("example.com");
    assertThat(ZoneFilePattern.parse("db.{zone}").zoneOf("db.")).isEmpty();
    assertThatThrownBy(() -> ZoneFilePattern.parse("{zone}.{zone}"))
        .hasMessageContaining("must contain {zone} exactly once");
    assertThatThrownBy(() -> ZoneFilePattern.parse("zone.db"))
        .hasMessageContaining("must contain {zone} exactly once");
  }

  /** A source over {@code dir} whose clock reads {@code ahead} past the folder's last change. */
  private ZoneFolderSource settledFor(Duration ahead, boolean check) throws IOException {
    Instant modified = Files.getLastModifiedTime(dir).toInstant();
    return new ZoneFolderSource(
        new ZoneFolderSettings(dir, ZoneFilePattern.DEFAULT, check),
        new FakeClock(modified.plus(ahead)));
  }

  private void delete(String name) {
    try {
      Files.delete(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void move(String from, String to) {
    try {
      Files.move(dir.resolve(from), dir.resolve(to));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void ageFolder() throws IOException {
    Instant old = Files.getLastModifiedTime(dir).toInstant().minus(Duration.ofMinutes(5));
    Files.setLastModifiedTime(dir, FileTime.from(old));
  }

  @Test
  void aSettledFolderHasAVersionItsListingIsRememberedUnder() throws IOException {
    write("example.com.db", "");
    ZoneFolderSource source = settledFor(Duration.ofSeconds(3), false);

    ZoneListing listing = source.read();

    assertThat(source.version()).isPresent();
    assertThat(listing.version()).isEqualTo(source.version());
  }

  @Test
  void aFolderChangedWithinTheLastTwoSecondsHasNoVersion() throws IOException {
    write("example.com.db", "");
    ZoneFolderSource source = settledFor(Duration.ofMillis(1500), false);

    assertThat(source.version()).isEmpty();
    assertThat(source.read().version()).isEmpty();
  }

  @Test
  void addingRemovingOrRenamingAFileMovesTheVersion() throws IOException {
    write("example.com.db", "");
    write("example.org.db", "");
    List<Runnable> changes =
        List.of(
            () -> write("example.net.db", ""),
            () -> delete("example.org.db"),
            () -> move("example.net.db", "example.info.db"));
    for (Runnable change : changes) {
      ageFolder();
      Optional<String> before = settledFor(Duration.ofSeconds(3), false).version();

      change.run();

      Optional<String> after = settledFor(Duration.ofSeconds(3), false).version();
      assertThat(before).isPresent();
      assertThat(after).isPresent().isNotEqualTo(before);
    }
    assertThat(settledFor(Duration.ofSeconds(3), false).read().zones())
        .containsExactly("example.com", "example.info");
  }

  @Test
  void withCheckThereIsNoVersionAsEditingAFileMovesNoFolderTime() throws IOException {
    write("example.com.db", zone("example.com"));
    ZoneFolderSource source = settledFor(Duration.ofMinutes(1), true);

    assertThat(source.version()).isEmpty();
    assertThat(source.read().version()).isEmpty();
  }

  @Test
  void aFolderWithLinksListsWithoutAVersionAsTheirTargetsChangeUnseen() throws IOException {
    Path real = Files.createDirectory(dir.resolve("real"));
    Files.writeString(real.resolve("example.com.db"), "");
    Files.createSymbolicLink(dir.resolve("example.com.db"), real.resolve("example.com.db"));
    ZoneFolderSource source = settledFor(Duration.ofMinutes(1), false);

    ZoneListing listing = source.read();

    assertThat(listing.zones()).containsExactly("example.com");
    assertThat(source.version()).isPresent();
    assertThat(listing.version()).isEmpty();
  }
}
