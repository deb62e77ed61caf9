package dev.hostkeep.dns.secondary;

import dev.hostkeep.core.config.IniFile;
import java.nio.file.Path;

/**
 * Turns ovh-dnsupdater's INI config ({@code /etc/ovh-dnsupdater}) into a hostkeep config that does
 * the same job: the zone folder and suffix become a {@code zone_dir} source, the server's service
 * name an OVH secondary target. The SOAP API's NIC handle and password do not work with OVH's REST
 * API, so the credentials come out as placeholders with instructions, and the password is never
 * copied.
 */
public final class OvhDnsUpdaterImport {
  private OvhDnsUpdaterImport() {}

  public static String toYaml(Path ini) {
    IniFile file = IniFile.read(ini);
    String service = file.require("server", "hostname");
    String zones = file.require("paths", "zones");
    String suffix = file.get("paths", "zone_suffix").orElse("");
    StringBuilder yaml = new StringBuilder();
    yaml.append("# Imported from ").append(ini).append(" (ovh-dnsupdater) by hostkeep import.\n");
    yaml.append(
        "# 1. OVH's REST API needs an application and a consumer key instead of the SOAP NIC\n");
    yaml.append("#    handle")
        .append(file.get("soapi", "nic").map(n -> " (" + n + ")").orElse(""))
        .append(" and password: create them at https://eu.api.ovh.com/createToken/\n");
    yaml.append(
        "#    with GET/POST/DELETE rights on /dedicated/server/*, then put the two secrets in\n");
    yaml.append("#    the files named below (mode 0600) and the application key here.\n");
    yaml.append(
        "# 2. Run 'hostkeep secondary sync --refresh --dry-run', then without --dry-run.\n");
    yaml.append(
        "# 3. Replace the ovh-dnsupdater cron lines with 'hostkeep secondary sync' every 5 min.\n");
    yaml.append("providers:\n");
    yaml.append("  ovh:\n");
    yaml.append("    type: ovh\n");
    yaml.append("    endpoint: ovh-eu\n");
    yaml.append("    application_key: CHANGE-ME\n");
    yaml.append("    application_secret: '${file:/etc/hostkeep/ovh-application-secret}'\n");
    yaml.append("    consumer_key: '${file:/etc/hostkeep/ovh-consumer-key}'\n");
    yaml.append("secondary:\n");
    yaml.append("  - name: ovh\n");
    yaml.append("    source:\n");
    yaml.append("      zone_dir: ").append(quote(zones)).append('\n');
    yaml.append("      pattern: ").append(quote("{zone}" + suffix)).append('\n');
    yaml.append("    targets:\n");
    yaml.append("      - provider: ovh\n");
    yaml.append("        service: ").append(quote(service)).append('\n');
    file.get("server", "ip")
        .ifPresent(ip -> yaml.append("        primary_ip: ").append(quote(ip)).append('\n'));
    file.get("backup_dns", "hostname")
        .ifPresent(
            dns ->
                yaml.append("        # OVH assigns this service its secondary server (was ")
                    .append(dns)
                    .append(").\n"));
    file.get("syslog", "prefix").ifPresent(prefix -> yaml.append("log:\n  syslog: localhost\n"));
    return yaml.toString();
  }

  private static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
