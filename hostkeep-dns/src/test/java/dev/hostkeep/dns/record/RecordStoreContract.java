package dev.hostkeep.dns.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RecordStore} must do, checked against the real server (or the faithful fake)
 * behind it: each implementation's test extends this and says how to see what the server holds and
 * how to change it behind the store's back. Every test uses its own names, so one server serves the
 * whole class.
 */
public abstract class RecordStoreContract {

  /** The store under test. */
  protected abstract RecordStore store();

  /** A zone the store may change. */
  protected abstract String zone();

  /** The values the server itself holds (or serves) for {@code name} and {@code type}. */
  protected abstract List<String> served(String name, String type) throws Exception;

  private List<String> held(String name, String type) throws Exception {
    return served(name, type).stream().map(RecordValues::canonical).toList();
  }

  /** Sets a record behind the store's back, as a person editing the zone would. */
  protected abstract void putByHand(String name, String type, String value) throws Exception;

  /** Deletes every record of {@code name} and {@code type} behind the store's back. */
  protected abstract void deleteByHand(String name, String type) throws Exception;

  protected String name(String label) {
    return label + "." + zone();
  }

  @Test
  void findMatchesTheExactNameOnly() throws Exception {
    putByHand(name("exact2"), "A", "198.51.100.2");
    putByHand(name("exact"), "A", "198.51.100.1");

    List<DnsRecord> found = store().find(zone(), name("exact"), "A");

    assertThat(found).extracting(DnsRecord::value).containsExactly("198.51.100.1");
    assertThat(found).extracting(DnsRecord::name).containsExactly(name("exact"));
    assertThat(store().find(zone(), name("exac"), "A")).isEmpty();
    assertThat(store().find(zone(), name("exact"), "AAAA")).isEmpty();
  }

  @Test
  void aCreatedRecordIsHeldByTheServer() throws Exception {
    DnsRecord created = store().create(zone(), name("created"), "A", "198.51.100.10", 600);

    assertThat(created.value()).isEqualTo("198.51.100.10");
    assertThat(held(name("created"), "A")).containsExactly("198.51.100.10");
    assertThat(store().find(zone(), name("created"), "A"))
        .extracting(DnsRecord::value)
        .containsExactly("198.51.100.10");
  }

  @Test
  void anUpdateChangesWhatTheServerHolds() throws Exception {
    putByHand(name("moved"), "A", "198.51.100.20");
    DnsRecord found = store().find(zone(), name("moved"), "A").getFirst();

    store().update(zone(), found, "198.51.100.21", 600);

    assertThat(held(name("moved"), "A")).containsExactly("198.51.100.21");
  }

  @Test
  void updatingToTheValueItAlreadyHasIsASuccess() throws Exception {
    putByHand(name("same"), "A", "198.51.100.30");
    DnsRecord found = store().find(zone(), name("same"), "A").getFirst();

    DnsRecord updated = store().update(zone(), found, "198.51.100.30", 600);

    assertThat(updated.value()).isEqualTo("198.51.100.30");
    assertThat(held(name("same"), "A")).containsExactly("198.51.100.30");
  }

  @Test
  void ipv6ValuesRoundTrip() throws Exception {
    store().create(zone(), name("six"), "AAAA", "2001:db8::1", 600);
    DnsRecord found = store().find(zone(), name("six"), "AAAA").getFirst();

    store().update(zone(), found, "2001:db8:0:1::2", 600);

    assertThat(held(name("six"), "AAAA")).containsExactly("2001:db8:0:1::2");
  }

  @Test
  protected void aRecordDeletedBehindTheStoresBackIsReportedGone() throws Exception {
    DnsRecord created = store().create(zone(), name("gone"), "A", "198.51.100.40", 600);
    deleteByHand(name("gone"), "A");

    assertThatThrownBy(() -> store().update(zone(), created, "198.51.100.41", 600))
        .isInstanceOf(RecordGoneException.class)
        .hasMessageContaining(name("gone"));
    assertThat(held(name("gone"), "A")).isEmpty();
  }
}
