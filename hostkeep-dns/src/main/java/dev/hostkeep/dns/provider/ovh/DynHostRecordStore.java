package dev.hostkeep.dns.provider.ovh;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.dns.record.DnsRecord;
import dev.hostkeep.dns.record.RecordNames;
import dev.hostkeep.dns.record.RecordStore;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * The A and AAAA records an OVH DynHost login may change (what a {@code type: ovh-dynhost} provider
 * entry configures), for users without an OVH API key. DynHost speaks dyndns2, which can set an
 * address but neither read nor create a record, so this store differs from the others:
 *
 * <ul>
 *   <li>{@link #find} sends nothing and answers one record of unknown value ({@link #UNKNOWN}, id
 *       {@code null}): DynHost records exist in the OVH zone before any login can update them, so
 *       "there is none, create it" is never the right conclusion, and a value that never matches
 *       makes callers send the update, which OVH answers {@code nochg} when nothing changed.
 *   <li>{@link #create} and {@link #update} are the same single dyndns2 update. A hostname the
 *       login may not update ({@code nohost}) fails with what to do in the OVH control panel; it is
 *       not a {@link dev.hostkeep.dns.record.RecordGoneException}, as looking again cannot help.
 *   <li>The TTL cannot be set (OVH fixes a DynHost's TTL); records report TTL 0.
 * </ul>
 */
public final class DynHostRecordStore implements RecordStore {
  /** The value {@link #find} reports: DynHost cannot read records. */
  public static final String UNKNOWN = "";

  private final DynHostSettings settings;
  private final DynHostClient client;

  private DynHostRecordStore(DynHostSettings settings, DynHostClient client) {
    this.settings = settings;
    this.client = client;
  }

  /** A store for {@code settings}; {@code clock} reads HTTP-date {@code Retry-After} headers. */
  public static DynHostRecordStore open(DynHostSettings settings, Clock clock) {
    return new DynHostRecordStore(settings, new DynHostClient(settings, clock));
  }

  public DynHostSettings dynHostSettings() {
    return settings;
  }

  /** {@inheritDoc} No request: one record of {@link #UNKNOWN} value (see the class comment). */
  @Override
  public List<DnsRecord> find(String zone, String name, String type) {
    return List.of(new DnsRecord(null, owner(name, zone), addressType(type), UNKNOWN, 0));
  }

  /** {@inheritDoc} The same dyndns2 update as {@link #update}: DynHost cannot create records. */
  @Override
  public DnsRecord create(String zone, String name, String type, String value, int ttl) {
    return push(owner(name, zone), addressType(type), value);
  }

  /** {@inheritDoc} One dyndns2 update; {@code ttl} is ignored. */
  @Override
  public DnsRecord update(String zone, DnsRecord existing, String value, int ttl) {
    return push(owner(existing.name(), zone), addressType(existing.type()), value);
  }

  @Override
  public ApplySettings settings() {
    return settings.apply();
  }

  private DnsRecord push(String name, String type, String value) {
    boolean v6 = value.contains(":");
    if (v6 != type.equals("AAAA")) {
      throw HostkeepException.usage(
          "OVH DynHost: "
              + value
              + " is not an "
              + (type.equals("A") ? "IPv4" : "IPv6")
              + " address, so it cannot be the "
              + type
              + " record of "
              + name);
    }
    String[] answer = client.update(name, value).split("\\s+");
    // "good <ip>": the address OVH set, which is the one sent unless OVH ignored myip.
    return new DnsRecord(null, name, type, answer.length > 1 ? answer[1] : value, 0);
  }

  private static String addressType(String type) {
    String upper = type.toUpperCase(Locale.ROOT);
    if (!upper.equals("A") && !upper.equals("AAAA")) {
      throw HostkeepException.usage(
          "OVH DynHost can only set A and AAAA records, not "
              + type
              + "; use type: ovh for others");
    }
    return upper;
  }

  private static String owner(String name, String zone) {
    try {
      return RecordNames.absolute(RecordNames.relative(name, zone), zone);
    } catch (IllegalArgumentException e) {
      throw HostkeepException.usage("OVH DynHost: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "OVH DynHost login " + settings.username() + " at " + settings.endpoint();
  }
}
