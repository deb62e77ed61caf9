package dev.hostkeep.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Writes the parts of a {@link BindServer}'s {@code named.conf}. */
final class BindConfig {
  private BindConfig() {}

  /**
   * Global options keeping every file named writes (pid, lock, session key, managed keys) inside
   * {@code dir}, so servers run side by side and never touch the machine's own BIND. {@code
   * controls {}} turns rndc off.
   */
  static String options(Path dir, int port, String keyName) {
    return options(dir, port, keyName, "");
  }

  /** The options with {@code extra} (e.g. a {@code catalog-zones} clause) inside the block. */
  static String options(Path dir, int port, String keyName, String extra) {
    return """
        options {
          directory "%1$s";
          pid-file "%1$s/named.pid";
          lock-file "%1$s/named.lock";
          session-keyfile "%1$s/session.key";
          managed-keys-directory "%1$s";
          listen-on port %2$d { 127.0.0.1; };
          listen-on-v6 { none; };
          recursion no;
          allow-query { any; };
          allow-transfer { key "%3$s"; };
          dnssec-validation no;
          notify no;
        %4$s};
        controls { };
        include "%1$s/tsig.key";
        """
        .formatted(dir, port, keyName, extra);
  }

  /** The {@code catalog-zones} option consuming {@code catalogs} from the primary, or "". */
  static String catalogZones(List<String> catalogs, int primaryPort, TsigKey key) {
    if (catalogs.isEmpty()) {
      return "";
    }
    return "  catalog-zones {\n"
        + catalogs.stream()
            .map(
                catalog ->
                    "    zone \"%s\" default-primaries { 127.0.0.1 port %d key \"%s\"; } in-memory yes min-update-interval 1;\n"
                        .formatted(catalog, primaryPort, key.name()))
            .collect(Collectors.joining())
        + "  };\n";
  }

  /** A key statement for another server's key. */
  static String key(TsigKey key) {
    return """
        key "%s" {
          algorithm %s;
          secret "%s";
        };
        """
        .formatted(key.name(), key.algorithm(), key.secret());
  }

  /**
   * A zone transferred from the primary with its key. NOTIFY is a single UDP exchange that a busy
   * server can miss, and real secondaries fall back on the SOA refresh; here that fallback polls
   * every few seconds (instead of the SOA's hour) so a lost NOTIFY delays a test, never fails it.
   */
  static String secondaryZone(String zone, Path dir, int primaryPort, TsigKey key) {
    return """
        zone "%1$s" {
          type secondary;
          primaries { 127.0.0.1 port %2$d key "%3$s"; };
          file "%4$s/%1$s.secondary.db";
          min-refresh-time 1;
          max-refresh-time 3;
          min-retry-time 1;
          max-retry-time 3;
        };
        """
        .formatted(zone, primaryPort, key.name(), dir);
  }

  static String zone(BindZone zone, Path file, String keyName) {
    String notify =
        zone.notifyPorts().isEmpty()
            ? ""
            : "  notify explicit;\n  notify-delay 0;\n  also-notify { "
                + zone.notifyPorts().stream()
                    .map(port -> "127.0.0.1 port " + port + ";")
                    .collect(Collectors.joining(" "))
                + " };\n";
    return """
        zone "%s" {
          type primary;
          file "%s";
          update-policy { grant "%s" zonesub ANY; };
        %s};
        """
        .formatted(zone.name(), file, keyName, notify);
  }
}
