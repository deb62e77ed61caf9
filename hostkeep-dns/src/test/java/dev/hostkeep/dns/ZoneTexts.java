package dev.hostkeep.dns;

/** Zone-file texts that tests load into real DNS servers. */
public final class ZoneTexts {
  private ZoneTexts() {}

  /** An RFC 9432 catalog zone with {@code version} as its version record line. */
  public static String catalog(String origin, String version) {
    return """
        $ORIGIN %s.
        $TTL 0
        @        SOA invalid. invalid. 1 3600 600 86400 0
        @        NS  invalid.
        %s
        """
        .formatted(origin, version);
  }

  /** A member zone with a name server and {@code www} at {@code address}. */
  public static String member(String origin, String address) {
    return """
        $ORIGIN %s.
        $TTL 300
        @    SOA ns1 hostmaster 1 3600 600 86400 300
        @    NS  ns1
        ns1  A   192.0.2.53
        www  A   %s
        """
        .formatted(origin, address);
  }
}
