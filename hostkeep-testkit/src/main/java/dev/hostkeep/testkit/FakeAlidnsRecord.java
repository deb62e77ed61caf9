package dev.hostkeep.testkit;

/**
 * One record held by a {@link FakeAlidns}: its numeric string id, the zone, the lower-cased RR
 * ({@code @} for the apex, {@code *} for a wildcard), type, value and TTL.
 */
public record FakeAlidnsRecord(
    String id, String domain, String rr, String type, String value, int ttl) {

  /** The owner's full name, {@code www.example.com}. */
  public String name() {
    return rr.equals("@") ? domain : rr + "." + domain;
  }

  FakeAlidnsRecord with(String newRr, String newType, String newValue, int newTtl) {
    return new FakeAlidnsRecord(id, domain, newRr, newType, newValue, newTtl);
  }
}
