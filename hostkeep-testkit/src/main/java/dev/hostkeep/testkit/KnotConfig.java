package dev.hostkeep.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link KnotServer}'s {@code knot.conf} in Knot's YAML-like syntax, one key per line.
 * Secondary, catalog and catalog-member zones pull from the remote {@code primary} with the TSIG
 * key and accept NOTIFY from 127.0.0.1.
 */
final class KnotConfig {
  private KnotConfig() {}

  /** The kinds of zone a {@link KnotServer} serves. */
  enum Role {
    /** Loaded from a zone file the test wrote. */
    PRIMARY,
    /** Transferred from the primary. */
    SECONDARY,
    /** A catalog transferred from the primary; its members are transferred too. */
    CATALOG
  }

  /** A remote primary to transfer from. */
  record Primary(int port, TsigKey key) {}

  static String write(Path dir, int port, Primary primary, Map<String, Role> zones) {
    StringBuilder conf = new StringBuilder();
    conf.append(
        """
        server:
            rundir: "%1$s/run"
            listen: 127.0.0.1@%2$d

        log:
          - target: stderr
            any: info

        database:
            storage: "%1$s/db"

        """
            .formatted(dir, port));
    if (primary != null) {
      conf.append(remote(primary));
    }
    conf.append(templates(dir, primary != null));
    conf.append("zone:\n");
    zones.forEach((zone, role) -> conf.append(zone(zone, role)));
    return conf.toString();
  }

  private static String remote(Primary primary) {
    return """
        key:
          - id: %1$s
            algorithm: %2$s
            secret: %3$s

        remote:
          - id: primary
            address: 127.0.0.1@%4$d
            key: %1$s

        acl:
          - id: notify_from_primary
            address: 127.0.0.1
            action: notify

        """
        .formatted(
            primary.key().name(),
            primary.key().algorithm(),
            primary.key().secret(),
            primary.port());
  }

  private static String templates(Path dir, boolean withPrimary) {
    String member =
        withPrimary
            ? """
                - id: member
                  storage: "%s/zones"
                  master: primary
                  acl: notify_from_primary
              """
                .formatted(dir)
            : "";
    return """
        template:
          - id: default
            storage: "%s/zones"
        %s
        """
        .formatted(dir, member);
  }

  private static String zone(String zone, Role role) {
    List<String> lines =
        switch (role) {
          case PRIMARY -> List.of();
          case SECONDARY -> List.of("master: primary", "acl: notify_from_primary");
          case CATALOG ->
              List.of(
                  "master: primary",
                  "acl: notify_from_primary",
                  "catalog-role: interpret",
                  "catalog-template: member");
        };
    StringBuilder text = new StringBuilder("  - domain: " + zone + "\n");
    lines.forEach(line -> text.append("    ").append(line).append('\n'));
    return text.toString();
  }
}
