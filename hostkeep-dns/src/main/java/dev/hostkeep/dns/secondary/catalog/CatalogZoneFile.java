package dev.hostkeep.dns.secondary.catalog;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.dns.secondary.BatchSecondaryTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;

/**
 * An RFC 9432 catalog kept as a zone file, for primaries that take no dynamic updates: {@link
 * #apply} rewrites the file (a temp file renamed over it, the SOA serial one higher) and then runs
 * the reload command, e.g. {@code rndc reload catalog.example}. When the command fails, the old
 * file is put back, so either the change took effect or none of it did. Labels, shape checks and
 * member handling are those of {@link CatalogZoneTarget}. Named {@code catalog:<catalog zone>}.
 *
 * <p>A missing file is an empty catalog and is created with {@code SOA invalid. invalid.}, {@code
 * NS invalid.} and {@code version TXT "2"}; an existing file without {@code NS invalid.} is
 * refused.
 */
public final class CatalogZoneFile implements BatchSecondaryTarget {
  private static final String HEADER =
      "; RFC 9432 catalog zone written by hostkeep; changes made here by hand are overwritten\n";

  private final String catalog;
  private final Name catalogName;
  private final Path file;
  private final List<String> reloadCommand;
  private final Duration reloadTimeout;

  /**
   * The catalog {@code catalog} in {@code file}; {@code reloadCommand} (program and arguments, no
   * shell) makes the primary load it and must finish within {@code reloadTimeout}.
   */
  public CatalogZoneFile(
      String catalog, Path file, List<String> reloadCommand, Duration reloadTimeout) {
    if (reloadCommand.isEmpty()) {
      throw new IllegalArgumentException("the reload command is empty");
    }
    this.catalog = catalog;
    this.catalogName = CatalogContent.name(catalog);
    this.file = file.toAbsolutePath();
    this.reloadCommand = List.copyOf(reloadCommand);
    this.reloadTimeout = reloadTimeout;
  }

  @Override
  public String name() {
    return "catalog:" + catalog;
  }

  @Override
  public Set<String> zones() {
    return read().map(CatalogContent::memberZones).orElse(Set.of());
  }

  @Override
  public ApplySettings settings() {
    return ApplySettings.DEFAULT.withConcurrency(1);
  }

  @Override
  public synchronized void apply(List<String> add, List<String> remove) {
    Optional<CatalogContent> content = read();
    Optional<byte[]> previous = content.isPresent() ? Optional.of(bytes()) : Optional.empty();
    Rewrite rewrite = rewrite(content, add, remove);
    boolean shaped = content.map(c -> c.nsIsOnlyInvalid() && c.versionIsTwo()).orElse(false);
    if (shaped && !rewrite.changesMembers()) {
      return;
    }
    write(text(rewrite.records()).getBytes(StandardCharsets.UTF_8));
    try {
      CatalogReload.run(reloadCommand, reloadTimeout, file.getParent());
    } catch (HostkeepException e) {
      restore(previous);
      throw new HostkeepException(
          e.exitCode(),
          e.retriable(),
          name() + ": " + e.getMessage() + "; " + file + " was put back as it was",
          e);
    }
  }

  /** The records of the new file, and whether any member comes or goes. */
  private record Rewrite(List<Record> records, boolean changesMembers) {}

  private Rewrite rewrite(Optional<CatalogContent> content, List<String> add, List<String> remove) {
    Set<String> removing = new LinkedHashSet<>(remove);
    Set<Name> dropped = new java.util.HashSet<>();
    content.ifPresent(
        c ->
            removing.forEach(
                zone ->
                    c.members()
                        .getOrDefault(zone, List.of())
                        .forEach(label -> dropped.addAll(c.namesUnder(label)))));
    List<Record> records = new ArrayList<>();
    records.add(nextSoa(content.map(CatalogContent::soa).orElse(null)));
    records.add(new NSRecord(catalogName, DClass.IN, 0, CatalogContent.INVALID));
    records.add(new TXTRecord(CatalogContent.name("version." + catalog), DClass.IN, 0, "2"));
    content.ifPresent(
        c -> c.others().stream().filter(r -> !dropped.contains(r.getName())).forEach(records::add));
    Set<String> present = content.map(CatalogContent::memberZones).orElse(Set.of());
    boolean changes = !dropped.isEmpty();
    for (String zone : new LinkedHashSet<>(add)) {
      if (removing.contains(zone)) {
        throw new IllegalArgumentException("zone " + zone + " is both added and removed");
      }
      if (!present.contains(zone)) {
        Name member = CatalogContent.name(zone);
        Name owner = CatalogContent.name(MemberLabels.of(member) + ".zones." + catalog);
        records.add(new PTRRecord(owner, DClass.IN, 0, member));
        changes = true;
      }
    }
    return new Rewrite(records, changes);
  }

  private SOARecord nextSoa(SOARecord soa) {
    if (soa == null) {
      Name invalid = CatalogContent.INVALID;
      return new SOARecord(catalogName, DClass.IN, 0, invalid, invalid, 1, 3600, 600, 86400, 0);
    }
    long serial = (soa.getSerial() + 1) & 0xFFFF_FFFFL;
    return new SOARecord(
        catalogName,
        DClass.IN,
        soa.getTTL(),
        soa.getHost(),
        soa.getAdmin(),
        serial,
        soa.getRefresh(),
        soa.getRetry(),
        soa.getExpire(),
        soa.getMinimum());
  }

  private static String text(List<Record> records) {
    StringBuilder text = new StringBuilder(HEADER);
    List<Record> members = new ArrayList<>();
    for (Record record : records) {
      if (record instanceof PTRRecord) {
        members.add(record);
      } else {
        text.append(line(record)).append('\n');
      }
    }
    members.sort(Comparator.comparing(Record::getName));
    members.forEach(record -> text.append(record).append('\n'));
    return text.toString();
  }

  // dnsjava leaves a TXT string without spaces unquoted; zone files conventionally quote them.
  private static String line(Record record) {
    if (!(record instanceof TXTRecord txt)) {
      return record.toString();
    }
    StringBuilder line = new StringBuilder(txt.getName() + "\t" + txt.getTTL() + "\tIN\tTXT");
    for (String string : txt.getStrings()) {
      line.append(" \"").append(string.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return line.toString();
  }

  private Optional<CatalogContent> read() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    List<Record> records = new ArrayList<>();
    try (Master master = new Master(file.toString(), catalogName, 0)) {
      master.disableIncludes();
      for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
        records.add(record);
      }
    } catch (IOException e) {
      throw new HostkeepException(
          name() + ": cannot read catalog zone file " + file + ": " + e.getMessage(), e);
    }
    CatalogContent content = CatalogContent.parse(catalogName, records);
    if (content.soa() == null || !content.hasInvalidNs()) {
      throw new HostkeepException(
          name()
              + ": "
              + file
              + " is not a catalog zone (it needs a SOA and 'NS invalid.' at "
              + catalog
              + "); refusing to rewrite it");
    }
    return Optional.of(content);
  }

  private byte[] bytes() {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new HostkeepException(name() + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void write(byte[] content) {
    CatalogFiles.replace(file, content);
  }

  private void restore(Optional<byte[]> previous) {
    if (previous.isPresent()) {
      CatalogFiles.replace(file, previous.get());
    } else {
      CatalogFiles.delete(file);
    }
  }
}
