package dev.hostkeep.dns.secondary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.HostkeepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OvhDnsUpdaterImportTest {
  /** The seed's own sample config, with its comments and alignment. */
  static final String SEED_CONFIG =
      """
      [soapi]
      ; NIC-Handle (username)
      nic      = AB1234-OVH
      password = SoapiPassword
      url      = https://www.ovh.com/soapi/soapi-re-1.7.wsdl

      [server]
      ; You must use the ovh-recognized hostname
      hostname = ns1234.ovh.net
      ip       = 192.0.2.10

      [backup_dns]
      hostname = sdns2.ovh.net
      ip       = 213.251.188.141

      [paths]
      zones       = /var/cache/bind
      data        = /var/lib/ovh-dnsupdater
      zone_suffix = .db

      [syslog]
      prefix   = ovh-dnsupdater
      """;

  @TempDir Path dir;

  @Test
  void theSeedConfigBecomesASecondaryEntryWithoutItsPassword() throws IOException {
    Path ini = Files.writeString(dir.resolve("ovh-dnsupdater"), SEED_CONFIG);

    String yaml = OvhDnsUpdaterImport.toYaml(ini);

    assertThat(yaml)
        .contains("      zone_dir: '/var/cache/bind'\n      pattern: '{zone}.db'\n")
        .contains(
            "      - provider: ovh\n        service: 'ns1234.ovh.net'\n        primary_ip: '192.0.2.10'\n")
        .contains("(AB1234-OVH)")
        .contains("was sdns2.ovh.net")
        .contains("application_secret: '${file:/etc/hostkeep/ovh-application-secret}'")
        .doesNotContain("SoapiPassword");
  }

  @Test
  void aMalformedLineIsNamedWithItsLineNumber() throws IOException {
    Path ini = Files.writeString(dir.resolve("bad"), "[server]\nhostname = x\nthis is not ini\n");

    assertThatThrownBy(() -> OvhDnsUpdaterImport.toYaml(ini))
        .isInstanceOf(HostkeepException.class)
        .hasMessage(ini + ":3: expected 'key = value' inside a [section], found 'this is not ini'");
  }

  @Test
  void aMissingServerHostnameIsNamed() throws IOException {
    Path ini = Files.writeString(dir.resolve("bad"), "[paths]\nzones = /var/cache/bind\n");

    assertThatThrownBy(() -> OvhDnsUpdaterImport.toYaml(ini))
        .hasMessage(ini + ": missing 'hostname' in [server]");
  }
}
