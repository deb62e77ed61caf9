package dev.hostkeep.dns.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.dns.ZoneName;
import dev.hostkeep.dns.secondary.ZoneListing;
import dev.hostkeep.testkit.Binaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamedConfSourceTest {
  @TempDir Path etc;

  /** Debian's /etc/bind, as bind9 installs it, with a customised named.conf.local. */
  @BeforeEach
  void debianLayout() throws IOException {
    write(
        "named.conf",
        """
        // This is the primary configuration file for the BIND DNS server named.
        //
        // Please read /usr/share/doc/bind9/README.Debian for information on the
        // structure of BIND configuration files in Debian, *BEFORE* you customize
        // this configuration file.
        //
        // If you are just adding zones, please do that in /etc/bind/named.conf.local

        include "%1$s/named.conf.options";
        include "%1$s/named.conf.local";
        include "%1$s/named.conf.default-zones";
        """
            .formatted(etc));
    write(
        "named.conf.options",
        """
        options {
        	directory "%s";

        	// If there is a firewall between you and nameservers you want
        	// to talk to, you may need to fix the firewall to allow multiple
        	// ports to talk.  See http://www.kb.cert.org/vuls/id/800113
        	dnssec-validation auto;
        	listen-on-v6 { any; };
        	allow-transfer { key "xfr"; };
        };
        key "rndc-key" { algorithm hmac-sha256; secret "cm5kY3JuZGNybmRjcm5kYw=="; };
        controls { inet 127.0.0.1 port 953 allow { 127.0.0.1; } keys { "rndc-key"; }; };
        """
            .formatted(etc));
    write(
        "named.conf.default-zones",
        """
        // prime the server with knowledge of the root servers
        zone "." {
        	type hint;
        	file "/usr/share/dns/root.hints";
        };

        // be authoritative for the localhost forward and reverse zones, and for
        // broadcast zones as per RFC 1912

        zone "localhost" {
        	type master;
        	file "/etc/bind/db.local";
        };

        zone "127.in-addr.arpa" {
        	type master;
        	file "/etc/bind/db.127";
        };

        zone "0.in-addr.arpa" {
        	type master;
        	file "/etc/bind/db.0";
        };

        zone "255.in-addr.arpa" {
        	type master;
        	file "/etc/bind/db.255";
        };
        """);
    write(
        "named.conf.local",
        """
        //
        // Do any local configuration here
        //
        key "xfr" { algorithm hmac-sha256; secret "c2VjcmV0c2VjcmV0c2VjcmV0"; };

        zone "example.com" { type master; file "/var/lib/bind/example.com.db"; };
        zone "Example.ORG." IN {
            type primary;
            file "/var/lib/bind/example.org.db";   # shell-style comment
            allow-update { key "xfr"; };
        };
        zone "bücher.example" { type master; file "/var/lib/bind/buecher.db"; };
        zone "2.0.192.in-addr.arpa" { type master; file "/var/lib/bind/192.0.2.rev"; };
        zone "partner.example" { type slave; masters { 192.0.2.53; }; file "partner.db"; };
        zone "other.example" { type secondary; primaries { 192.0.2.54 key "xfr"; }; };
        zone "corp.example" { type forward; forwarders { 10.0.0.53; }; };
        zone "stub.example" { type stub; masters { 192.0.2.55; }; };
        // zone "old.example" { type master; file "old.db"; };
        # zone "older.example" { type master; file "older.db"; };
        /* zone "oldest.example" {
             type master; file "oldest.db";
           }; */
        zone "quoted.example" { type master; file "/var/lib/bind/a//b#c.db"; };
        """);
  }

  private Path write(String name, String text) throws IOException {
    Path file = etc.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private ZoneListing read(boolean includeSecondary) {
    return new NamedConfSource(new NamedConfSettings(etc.resolve("named.conf"), includeSecondary))
        .read();
  }

  @Test
  void listsThePrimaryZonesOfEveryIncludedFile() {
    ZoneListing listing = read(false);

    assertThat(listing.zones())
        .containsExactly(
            "2.0.192.in-addr.arpa",
            "example.com",
            "example.org",
            "quoted.example",
            "xn--bcher-kva.example");
    assertThat(listing.problems()).isEmpty();
  }

  @Test
  void agreesWithNamedCheckconf() throws Exception {
    Path checkconf = Binaries.require("named-checkconf");
    Process process =
        new ProcessBuilder(checkconf.toString(), "-l", etc.resolve("named.conf").toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(out).isZero();
    Set<String> primaries = new TreeSet<>();
    for (String line : out.strip().split("\n")) {
      List<String> fields = List.of(line.split(" "));
      if (Set.of("master", "primary").contains(fields.getLast())) {
        primaries.add(ZoneName.parse(fields.getFirst()).toString());
      }
    }
    primaries.removeAll(
        Set.of("localhost", "127.in-addr.arpa", "0.in-addr.arpa", "255.in-addr.arpa"));

    assertThat(read(false).zones()).containsExactlyElementsOf(primaries);
  }

  @Test
  void includeSecondaryAddsSlaveAndSecondaryZones() {
    assertThat(read(true).zones())
        .contains("partner.example", "other.example")
        .doesNotContain("corp.example", "stub.example", "localhost");
  }

  @Test
  void zonesInViewsAreListedOnceAndInViewIsSkipped() throws IOException {
    write(
        "named.conf.local",
        """
        view "internal" {
            match-clients { 10.0.0.0/8; };
            zone "example.com" { type master; file "internal/example.com.db"; };
            zone "intranet.example" IN { type master; file "intranet.db"; };
        };
        view "external" IN {
            match-clients { any; };
            zone "example.com" { type master; file "external/example.com.db"; };
            zone "shared.example" { in-view "internal"; };
        };
        """);

    assertThat(read(false).zones()).containsExactly("example.com", "intranet.example");
  }

  @Test
  void zonesOfAnotherClassAreSkipped() throws IOException {
    write(
        "named.conf.local",
        """
        zone "example.com" IN { type master; file "example.com.db"; };
        zone "version.bind" CH { type master; file "version.db"; };
        """);

    assertThat(read(false).zones()).containsExactly("example.com");
  }

  @Test
  void relativeIncludesFollowTheDirectoryOptionOrTheIncludingFile() throws IOException {
    write(
        "named.conf",
        """
        include "zones/early.conf";
        options { directory "%s/cache"; };
        include "late.conf";
        """
            .formatted(etc));
    write("zones/early.conf", "include \"nested.conf\";\n");
    write("zones/nested.conf", "zone \"early.example\" { type master; file \"e\"; };\n");
    write("cache/late.conf", "zone \"late.example\" { type master; file \"l\"; };\n");

    assertThat(read(false).zones()).containsExactly("early.example", "late.example");
  }

  @Test
  void anUnreadableIncludeThrowsNamingItAndTheLineThatIncludesIt() throws IOException {
    Path missing = etc.resolve("named.conf.customers");
    write(
        "named.conf.local",
        """
        zone "example.com" { type master; file "example.com.db"; };

        include "%s";
        """
            .formatted(missing));

    assertThatThrownBy(() -> read(false))
        .isInstanceOf(HostkeepException.class)
        .hasMessage(
            etc.resolve("named.conf.local")
                + " line 3: cannot read include \""
                + missing
                + "\" (no such file); without it the zone list is incomplete");
  }

  @Test
  void aMissingNamedConfThrows() {
    Path missing = etc.resolve("nope.conf");

    assertThatThrownBy(() -> new NamedConfSource(NamedConfSettings.of(missing)).read())
        .isInstanceOf(HostkeepException.class)
        .hasMessageStartingWith("cannot read named.conf " + missing + " (no such file)");
  }

  @Test
  void anIncludeLoopThrows() throws IOException {
    write("named.conf.local", "include \"%s/named.conf\";\n".formatted(etc));

    assertThatThrownBy(() -> read(false))
        .hasMessageContaining(etc.resolve("named.conf.local") + " line 1: include")
        .hasMessageContaining("an include loop");
  }

  @Test
  void brokenSyntaxThrowsWithFileAndLine() throws IOException {
    write(
        "named.conf.local",
        """
        zone "example.com" {
            type master;
            file "example.com.db";

        zone "example.org" { type master; file "example.org.db"; };
        """);

    assertThatThrownBy(() -> read(false))
        .isInstanceOf(HostkeepException.class)
        .hasMessageStartingWith(etc.resolve("named.conf.local") + " line 1: '{' is never closed");
  }

  @Test
  void anUnclosedStringThrowsWithItsLine() throws IOException {
    write("named.conf.local", "\n\nzone \"example.com { type master; };\n");

    assertThatThrownBy(() -> read(false))
        .hasMessageStartingWith(
            etc.resolve("named.conf.local") + " line 3: a quoted string is never closed");
  }

  @Test
  void invalidNamesAndZonesWithoutTypeAreProblems() throws IOException {
    write(
        "named.conf.local",
        """
        zone "example.com" { type master; file "example.com.db"; };
        zone "bad name.example" { type master; file "bad.db"; };
        zone "untyped.example" { file "untyped.db"; };
        """);

    ZoneListing listing = read(false);

    assertThat(listing.zones()).containsExactly("example.com");
    Path local = etc.resolve("named.conf.local");
    assertThat(listing.problems())
        .containsExactly(
            local
                + " line 2: zone \"bad name.example\": label 'bad name' contains a space (only"
                + " letters, digits, '-' and '_' are allowed); not listed",
            local + " line 3: zone \"untyped.example\" has no type; not listed");
  }
}
