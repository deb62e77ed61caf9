package dev.hostkeep.backup.sealed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.hostkeep.backup.storage.Backend;
import dev.hostkeep.backup.storage.ObjectStore;
import dev.hostkeep.core.HostkeepException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * The sealed repository format: each stream of a part's run (a dump, a tar of a folder, a command's
 * output) is compressed with zstd and encrypted to OpenPGP public keys as one object, and a small
 * JSON manifest written last says the run is complete:
 *
 * <pre>
 * shop/db/2026/12/03/021500.sql.zst.gpg        the dump of the part's one database
 * shop/db/2026/12/03/021500.json               the manifest: files, sizes, SHA-256, recipients
 * shop/www/2026/12/03/021503.tar.zst.gpg       a files part: a POSIX tar of the folder
 * shop/dbs/2026/12/03/021510.orders.sql.zst.gpg  a part with several databases: one per database
 * </pre>
 *
 * Times are UTC. Anyone with a recipient's secret key restores an object with {@code gpg -d FILE |
 * zstd -d > FILE}; nothing else is needed. Without a manifest an object is the leftover of a run
 * that failed, and is never listed as an archive.
 */
public final class SealedArchives {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HHmmss").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final String SUFFIX = ".zst.gpg";

  /** One stored stream of a run. */
  public record File(String object, String name, long bytes, long stored, String sha256) {}

  /**
   * What a run stored; {@code time} is ISO-8601 with the offset of the zone it ran in (which, as
   * for restic's snapshots, decides its day for retention).
   */
  public record Manifest(
      int version,
      String site,
      String part,
      String kind,
      String time,
      String host,
      String revision,
      List<String> recipients,
      List<File> files) {
    public Instant instant() {
      return OffsetDateTime.parse(time).toInstant();
    }

    public OffsetDateTime offsetTime() {
      return OffsetDateTime.parse(time);
    }

    public long bytes() {
      return files.stream().mapToLong(File::bytes).sum();
    }

    public long stored() {
      return files.stream().mapToLong(File::stored).sum();
    }
  }

  /** A complete run: its manifest's key and content. */
  public record Archive(String key, Manifest manifest) {
    /** The run's name: its manifest key without {@code .json}. */
    public String id() {
      return key.substring(0, key.length() - ".json".length());
    }
  }

  /** A stream to store under {@code name} (e.g. {@code shop.sql}, {@code www.tar}). */
  public record Stream(String name, dev.hostkeep.backup.archive.Archiver.Opener open) {}

  /** Who made a run and what it holds, for the manifest. */
  public record Origin(String site, String part, String kind, String host, String revision) {}

  private final ObjectStore store;

  public SealedArchives(ObjectStore store) {
    this.store = store;
  }

  public String location() {
    return store.location();
  }

  /**
   * Stores one run of a part: every stream, then the manifest. A stream that fails (its command
   * exits non-zero, the upload fails) removes what this run stored and is thrown; no manifest is
   * written, so the run never counts as an archive.
   *
   * @param progress told the plaintext bytes as they pass
   */
  public Archive write(
      Origin origin,
      OffsetDateTime time,
      List<Stream> streams,
      Recipients recipients,
      LongConsumer progress)
      throws IOException {
    String base = freeBase(origin.site(), origin.part(), time.toInstant());
    String stamp = base.substring(base.lastIndexOf('/') + 1);
    List<File> files = new ArrayList<>();
    List<String> written = new ArrayList<>();
    try {
      for (Stream stream : streams) {
        String name = streams.size() == 1 ? extension(stream.name()) : stream.name();
        String object = base + "." + name + SUFFIX;
        MessageDigest sha = sha256();
        long[] plain = new long[1];
        written.add(object);
        long stored =
            store.put(
                object,
                out -> {
                  try (InputStream in = stream.open().open();
                      ZstdOutputStream zstd =
                          new ZstdOutputStream(
                              OpenPgp.encrypt(
                                  out,
                                  recipients,
                                  stamp + "." + name + ".zst",
                                  Date.from(time.toInstant())),
                              3)) {
                    byte[] buffer = new byte[1 << 17];
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                      sha.update(buffer, 0, n);
                      zstd.write(buffer, 0, n);
                      plain[0] += n;
                      progress.accept(n);
                    }
                  }
                });
        files.add(
            new File(
                object, stream.name(), plain[0], stored, HexFormat.of().formatHex(sha.digest())));
      }
      Manifest manifest =
          new Manifest(
              1,
              origin.site(),
              origin.part(),
              origin.kind(),
              time.toString(),
              origin.host(),
              origin.revision(),
              recipients.fingerprints(),
              files);
      byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
      store.put(base + ".json", out -> out.write(json));
      return new Archive(base + ".json", manifest);
    } catch (IOException | RuntimeException e) {
      for (String object : written) {
        try {
          store.delete(object);
        } catch (RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    }
  }

  /**
   * {@code name}'s extension chain: {@code shop.sql} → {@code sql}, {@code www.tar} → {@code tar}.
   */
  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(dot + 1);
  }

  /** The run's key base; a second run in the same second gets {@code -2}, {@code -3}, ... */
  private String freeBase(String site, String part, Instant time) {
    String base = site + "/" + part + "/" + DAY.format(time);
    Set<String> taken = new HashSet<>();
    for (Backend.Entry entry : store.list(base)) {
      taken.add(entry.name());
    }
    if (taken.isEmpty()) {
      return base;
    }
    for (int n = 2; ; n++) {
      String candidate = base + "-" + n;
      String prefix = candidate + ".";
      if (taken.stream().noneMatch(k -> k.startsWith(prefix))) {
        return candidate;
      }
    }
  }

  /** The complete runs of a part, newest first. */
  public List<Archive> list(String site, String part) {
    List<Archive> archives = new ArrayList<>();
    for (Backend.Entry entry : store.list(site + "/" + part + "/")) {
      if (entry.name().endsWith(".json")) {
        archives.add(new Archive(entry.name(), manifest(entry.name())));
      }
    }
    archives.sort(Comparator.comparing((Archive a) -> a.manifest().instant()).reversed());
    return archives;
  }

  private Manifest manifest(String key) {
    try (InputStream in = store.open(key)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return JSON.readValue(bytes.toByteArray(), Manifest.class);
    } catch (IOException e) {
      throw new HostkeepException(
          "cannot read the manifest " + key + " in " + store.location() + ": " + e.getMessage(), e);
    }
  }

  /** Deletes a run: its manifest first (so it stops counting as an archive), then its objects. */
  public void delete(Archive archive) {
    store.delete(archive.key());
    for (File file : archive.manifest().files()) {
      store.delete(file.object());
    }
  }

  /**
   * The plaintext of one stored stream, decrypted with {@code identity} and decompressed; reading
   * it to the end checks its OpenPGP integrity, its size and its SHA-256 against the manifest.
   */
  public InputStream open(File file, Identity identity) throws IOException {
    InputStream raw = store.open(file.object());
    try {
      InputStream plain = new ZstdInputStream(OpenPgp.decrypt(raw, identity));
      return new Verified(plain, file);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Checks a stream's size and hash when it ends. */
  private static final class Verified extends DigestInputStream {
    private final File file;
    private long count;
    private boolean checked;

    Verified(InputStream in, File file) {
      super(in, sha256());
      this.file = file;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b < 0) {
        check();
      } else {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n < 0) {
        check();
      } else {
        count += n;
      }
      return n;
    }

    private void check() throws IOException {
      if (checked) {
        return;
      }
      checked = true;
      String hash = HexFormat.of().formatHex(getMessageDigest().digest());
      if (count != file.bytes() || !hash.equals(file.sha256())) {
        throw new IOException(
            file.object()
                + ": decrypted "
                + count
                + " bytes with SHA-256 "
                + hash
                + ", the manifest says "
                + file.bytes()
                + " bytes with "
                + file.sha256());
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
