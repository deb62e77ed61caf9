package dev.hostkeep.backup.repo;

import dev.hostkeep.backup.storage.Backend;
import dev.hostkeep.backup.storage.FileType;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * The repository's key files: each wraps the one master key for one password, so passwords can be
 * added and removed without re-encrypting anything. Opening tries every key file with the password.
 */
public final class Keys {
  private final Backend backend;
  private final SecureRandom random;

  public Keys(Backend backend, SecureRandom random) {
    this.backend = backend;
    this.random = random;
  }

  /** scrypt's cost parameters; stored in each key file, so any values can be read back. */
  public record Kdf(int n, int r, int p) {
    /** restic's own starting point; about a tenth of a second and 32 MiB here. */
    public static final Kdf DEFAULT = new Kdf(32768, 8, 1);
  }

  /** Who made a key and when, as {@code key list} shows it. */
  public record Listed(String id, String username, String hostname, Instant created) {}

  /** A master key opened with a password, and the key file that opened it. */
  public record Opened(MasterKey master, String keyId) {}

  /** Seals {@code master} with {@code password} in a new key file; returns its id. */
  public String add(MasterKey master, String password, Kdf kdf, Origin origin) {
    byte[] salt = new byte[64];
    random.nextBytes(salt);
    MasterKey user = derive(password, salt, kdf.n(), kdf.r(), kdf.p());
    KeyFile.Master inner =
        new KeyFile.Master(new KeyFile.Mac(master.macK(), master.macR()), master.encryptionKey());
    KeyFile file =
        new KeyFile(
            GoTime.format(origin.now(), ZoneId.systemDefault()),
            origin.username(),
            origin.hostname(),
            "scrypt",
            kdf.n(),
            kdf.r(),
            kdf.p(),
            salt,
            user.encrypt(RepoJson.write(inner)));
    byte[] stored = RepoJson.write(file);
    String id = Id.of(stored).toString();
    backend.save(FileType.KEY, id, stored);
    return id;
  }

  /** The master key {@code password} opens; a wrong password is a clear error naming the repo. */
  public Opened open(String password) {
    List<Backend.Entry> entries = backend.list(FileType.KEY);
    if (entries.isEmpty()) {
      throw new RepositoryException(
          backend.location() + " has no key files; is it a repository? (hostkeep repo init)");
    }
    for (Backend.Entry entry : entries) {
      KeyFile file = read(entry.name());
      MasterKey user = derive(password, file.salt(), file.n(), file.r(), file.p());
      byte[] inner;
      try {
        inner = user.decrypt(file.data());
      } catch (MasterKey.MacMismatchException wrongPassword) {
        continue;
      }
      KeyFile.Master master = RepoJson.read(inner, KeyFile.Master.class, "key " + entry.name());
      return new Opened(
          new MasterKey(master.encrypt(), master.mac().k(), master.mac().r(), random),
          entry.name());
    }
    throw new RepositoryException(
        "wrong password for the repository at "
            + backend.location()
            + ": none of its "
            + entries.size()
            + " key(s) opens with it");
  }

  public List<Listed> list() {
    List<Listed> keys = new ArrayList<>();
    for (Backend.Entry entry : backend.list(FileType.KEY)) {
      KeyFile file = read(entry.name());
      keys.add(
          new Listed(entry.name(), file.username(), file.hostname(), GoTime.parse(file.created())));
    }
    return keys;
  }

  public void remove(String id) {
    backend.remove(FileType.KEY, id);
  }

  private KeyFile read(String name) {
    KeyFile file = RepoJson.read(backend.load(FileType.KEY, name), KeyFile.class, "key " + name);
    if (!"scrypt".equals(file.kdf())) {
      throw new RepositoryException("key " + name + " uses the unknown KDF '" + file.kdf() + "'");
    }
    return file;
  }

  private MasterKey derive(String password, byte[] salt, int n, int r, int p) {
    byte[] key = SCrypt.generate(password.getBytes(StandardCharsets.UTF_8), salt, n, r, p, 64);
    return MasterKey.of(key, random);
  }

  /** Who is adding a key, and when; recorded in the key file. */
  public record Origin(String username, String hostname, Instant now) {}
}
