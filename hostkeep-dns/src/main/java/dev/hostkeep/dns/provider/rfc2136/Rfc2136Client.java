package dev.hostkeep.dns.provider.rfc2136;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.apply.Sleeper;
import dev.hostkeep.core.capability.Providers;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.config.ConfigValue;
import dev.hostkeep.dns.InvalidZoneNameException;
import dev.hostkeep.dns.ZoneName;
import dev.hostkeep.dns.record.DnsRecord;
import dev.hostkeep.dns.record.RecordStore;
import dev.hostkeep.dns.replicate.ZoneContent;
import dev.hostkeep.dns.replicate.ZoneTarget;
import dev.hostkeep.dns.replicate.ZoneUpdate;
import dev.hostkeep.dns.secondary.OwnercheckPublisher;
import dev.hostkeep.dns.secondary.SecondaryTarget;
import dev.hostkeep.dns.secondary.SecondaryTargetFactory;
import dev.hostkeep.dns.secondary.catalog.CatalogZoneTarget;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Writes a primary's zones with RFC 2136 UPDATE messages and reads them by AXFR, both signed with a
 * TSIG key; answers must be signed with the same key or they are not trusted. Updates always go
 * over TCP, so a message may hold up to {@link #MAX_MESSAGE_SIZE} bytes.
 *
 * <p>It is also the {@code rfc2136} provider's {@link OwnercheckPublisher}: it publishes {@code
 * ownercheck.<zone> TXT} on the primary and waits until the primary serves it.
 *
 * <p>Failures are {@link HostkeepException}s naming the zone, server and key (never the secret):
 * refusals and TSIG errors are final, SERVFAIL and network errors retriable. Thread-safe.
 */
public final class Rfc2136Client
    implements OwnercheckPublisher, SecondaryTargetFactory, RecordStore, ZoneTarget {
  /**
   * The largest message {@link #send} sends, as {@link #signedSize} counts it: a TCP message has a
   * 16-bit length, less the 12-byte header that dnsjava 3.7 reserves a second time.
   */
  public static final int MAX_MESSAGE_SIZE = 65_535 - 12;

  static final String OWNERCHECK_LABEL = "ownercheck";
  private static final long TXT_TTL = 60;
  private static final Duration POLL = Duration.ofMillis(200);

  private final Rfc2136Config config;
  private final TSIG tsig;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Rfc2136Records records = new Rfc2136Records(this);
  private final Rfc2136Zones zones = new Rfc2136Zones(this);

  /** The length of the OPT record the resolver adds; learnt on first use, as it costs start-up. */
  private volatile int ednsLength = -1;

  public Rfc2136Client(Rfc2136Config config) {
    this(config, Clock.systemUTC(), Sleeper.system());
  }

  /** A client whose waits read {@code clock} and pause through {@code sleeper}. */
  public Rfc2136Client(Rfc2136Config config, Clock clock, Sleeper sleeper) {
    this.config = config;
    this.tsig =
        new TSIG(TSIG.algorithmToName(config.algorithm()), config.keyName(), secret(config));
    this.clock = clock;
    this.sleeper = sleeper;
  }

  public Rfc2136Config config() {
    return config;
  }

  /** An empty UPDATE for {@code zone} (a normalised name), to fill and {@link #send}. */
  public Update newUpdate(String zone) {
    return new Update(name(zone));
  }

  /**
   * Sends one UPDATE, signed, over TCP, and returns once the primary applied all of it; throws if
   * it did not (then none of it took effect: a message is atomic).
   */
  public void send(Update update) {
    String zone = zoneOf(update);
    Message response;
    try {
      response = resolver(true).send(update);
    } catch (IOException e) {
      throw UpdateFailures.network("update of zone " + zone, config, e);
    }
    UpdateFailures.check(response, "update", zone, config);
  }

  /**
   * The size in bytes {@code message} has on the wire as {@link #send} sends it: with the EDNS OPT
   * record the resolver adds, signed with this client's key.
   */
  public int signedSize(Message message) {
    int edns = message.getOPT() == null ? ednsLength() : 0;
    return message.toWire().length + edns + tsig.recordLength();
  }

  private int ednsLength() {
    int length = ednsLength;
    if (length < 0) {
      OPTRecord edns = resolver(true).getEDNS();
      length = edns == null ? 0 : edns.toWire(Section.ADDITIONAL).length;
      ednsLength = length;
    }
    return length;
  }

  /**
   * {@code message} signed with this client's key and encoded once, to send over an {@link
   * UpdateConnection}: its size is known exactly before it is sent.
   */
  public SignedMessage sign(Message message) {
    byte[] unsigned = message.toWire();
    TSIGRecord signature = tsig.generate(message, unsigned, Rcode.NOERROR, null);
    byte[] record = signature.toWire(Section.ADDITIONAL);
    byte[] wire = Arrays.copyOf(unsigned, unsigned.length + record.length);
    System.arraycopy(record, 0, wire, unsigned.length, record.length);
    int additional = ((wire[10] & 0xff) << 8 | (wire[11] & 0xff)) + 1;
    wire[10] = (byte) (additional >>> 8);
    wire[11] = (byte) additional;
    return new SignedMessage(message, wire, signature);
  }

  /** Opens one TCP connection to the primary for {@linkplain #sign signed} UPDATE messages. */
  public UpdateConnection connect() {
    return new UpdateConnection(config, tsig);
  }

  /** Every record of {@code zone}, read by a signed AXFR (the SOA once, first). */
  public List<org.xbill.DNS.Record> transfer(String zone) {
    ZoneTransferIn transfer =
        ZoneTransferIn.newAXFR(
            name(zone), new InetSocketAddress(config.host(), config.port()), tsig);
    transfer.setTimeout(config.timeout());
    try {
      transfer.run();
    } catch (IOException e) {
      throw UpdateFailures.network("transfer of zone " + zone, config, e);
    } catch (ZoneTransferException e) {
      throw new HostkeepException(
          "transfer of zone "
              + zone
              + " from "
              + config.server()
              + " with TSIG key '"
              + config.keyName()
              + "' failed: "
              + e.getMessage()
              + " (check that the server serves the zone and allows transfers with that key)",
          e);
    }
    List<org.xbill.DNS.Record> records = new ArrayList<>(transfer.getAXFR());
    if (records.size() > 1 && records.getLast().getType() == Type.SOA) {
      records.removeLast(); // AXFR ends with the SOA again
    }
    return records;
  }

  /**
   * The TXT strings the primary serves at {@code name} (each record's strings joined), asked over
   * UDP without recursion and unsigned, as any resolver would ask; empty when there are none.
   */
  public List<String> lookupTxt(String name) {
    Message query =
        Message.newQuery(org.xbill.DNS.Record.newRecord(name(name), Type.TXT, DClass.IN));
    query.getHeader().unsetFlag(Flags.RD);
    Message response;
    try {
      response = resolver(false).send(query);
    } catch (IOException e) {
      throw UpdateFailures.network("TXT query for " + name, config, e);
    }
    if (response.getRcode() != Rcode.NOERROR) {
      return List.of();
    }
    return response.getSection(Section.ANSWER).stream()
        .filter(TXTRecord.class::isInstance)
        .map(record -> String.join("", ((TXTRecord) record).getStrings()))
        .toList();
  }

  /** Sets {@code <label>.<zone> TXT "<value>"}, replacing the TXT RRset there. */
  public void publishTxt(String zone, String label, String value) {
    Update update = newUpdate(zone);
    update.replace(new TXTRecord(child(label, zone), DClass.IN, TXT_TTL, value));
    send(update);
  }

  /** Deletes the TXT RRset at {@code <label>.<zone>}; nothing happens if there is none. */
  public void withdrawTxt(String zone, String label) {
    Update update = newUpdate(zone);
    update.delete(child(label, zone), Type.TXT);
    send(update);
  }

  /**
   * Polls the primary until it serves {@code value} at {@code <label>.<zone>} TXT; throws a
   * retriable failure after {@code timeout}.
   */
  public void awaitTxt(String zone, String label, String value, Duration timeout) {
    String name = child(label, zone).toString(true);
    Instant deadline = clock.instant().plus(timeout);
    String last = "no answer yet";
    while (true) {
      try {
        List<String> served = lookupTxt(name);
        if (served.contains(value)) {
          return;
        }
        last = "it serves " + served;
      } catch (HostkeepException e) {
        last = e.getMessage();
      }
      if (!clock.instant().isBefore(deadline)) {
        throw HostkeepException.retriable(
            config.server()
                + " does not serve the expected TXT at "
                + name
                + " after "
                + timeout
                + " ("
                + last
                + ")",
            null);
      }
      pause();
    }
  }

  @Override
  public void publish(String zone, String token) {
    publishTxt(zone, OWNERCHECK_LABEL, token);
  }

  @Override
  public void awaitServed(String zone, String token, Duration timeout) {
    awaitTxt(zone, OWNERCHECK_LABEL, token, timeout);
  }

  @Override
  public void withdraw(String zone) {
    withdrawTxt(zone, OWNERCHECK_LABEL);
  }

  /**
   * A {@code secondary} target on this primary: {@code catalog} names the RFC 9432 catalog zone
   * hostkeep keeps up to date.
   */
  @Override
  public SecondaryTarget secondaryTarget(ConfigObject target, Providers providers) {
    Optional<String> catalog = target.value("catalog", true).flatMap(v -> zoneName(v));
    if (!target.has("catalog")) {
      target
          .reader()
          .problems()
          .error(target.position(), "missing required key 'catalog' in " + target.describe());
    }
    target.finish();
    return catalog.map(name -> new CatalogZoneTarget(this, name)).orElse(null);
  }

  private static Optional<String> zoneName(ConfigValue value) {
    return value
        .asString()
        .flatMap(
            text -> {
              try {
                return Optional.of(ZoneName.parse(text).toString());
              } catch (InvalidZoneNameException e) {
                value.reader().error(value, e.getMessage());
                return Optional.empty();
              }
            });
  }

  @Override
  public String toString() {
    return "rfc2136 " + config.server() + " key " + config.keyName();
  }

  @Override
  public List<DnsRecord> find(String zone, String name, String type) {
    return records.find(zone, name, type);
  }

  @Override
  public DnsRecord create(String zone, String name, String type, String value, int ttl) {
    return records.create(zone, name, type, value, ttl);
  }

  @Override
  public DnsRecord update(String zone, DnsRecord existing, String value, int ttl) {
    return records.update(zone, existing, value, ttl);
  }

  @Override
  public Optional<ZoneContent> read(String zone) {
    return zones.read(zone);
  }

  @Override
  public void apply(ZoneUpdate update) {
    zones.apply(update);
  }

  /** Sends {@code message} to the server and returns its answer unchecked. */
  Message exchange(Message message, boolean signedTcp) {
    try {
      return resolver(signedTcp).send(message);
    } catch (IOException e) {
      throw UpdateFailures.network(
          "query "
              + message.getQuestion().getName()
              + " "
              + Type.string(message.getQuestion().getType()),
          config,
          e);
    }
  }

  private SimpleResolver resolver(boolean signedTcp) {
    SimpleResolver resolver =
        new SimpleResolver(new InetSocketAddress(config.host(), config.port()));
    resolver.setTimeout(config.timeout());
    if (signedTcp) {
      resolver.setTCP(true);
      resolver.setTSIGKey(tsig);
    }
    return resolver;
  }

  private void pause() {
    try {
      sleeper.sleep(POLL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostkeepException("interrupted while waiting for " + config.server(), e);
    }
  }

  private static String zoneOf(Update update) {
    return update.getQuestion().getName().toString(true);
  }

  static Name name(String zone) {
    String text = zone.toLowerCase(Locale.ROOT);
    try {
      return Name.fromString(text.endsWith(".") ? text : text + ".");
    } catch (TextParseException e) {
      throw HostkeepException.usage("'" + zone + "' is not a valid DNS name: " + e.getMessage());
    }
  }

  private static Name child(String label, String zone) {
    return name(label + "." + zone);
  }

  private static String secret(Rfc2136Config config) {
    return config.secret().reveal().strip();
  }
}
