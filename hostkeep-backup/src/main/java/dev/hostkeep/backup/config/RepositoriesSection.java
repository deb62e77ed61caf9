package dev.hostkeep.backup.config;

import dev.hostkeep.backup.sealed.Identity;
import dev.hostkeep.backup.sealed.Recipients;
import dev.hostkeep.backup.storage.Backends;
import dev.hostkeep.backup.storage.Location;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.capability.ConfigSection;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.config.ConfigValue;
import dev.hostkeep.core.secret.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code repositories:} section: named repositories, so commands and sites say {@code main}
 * instead of repeating a URL, its password and its S3 credentials.
 *
 * <pre>
 * repositories:
 *   main:
 *     url: s3:https://s3.example.net/backups/hostkeep   # what -r takes
 *     password: ${file:/etc/hostkeep/repo.pass}
 *     s3: { access_key_id: AKIA..., secret_access_key: ${file:/etc/hostkeep/s3.secret},
 *           region: eu-west-1, bucket_lookup: auto }
 *   local: { url: /srv/backup/repo, password: ${env:REPO_PASSWORD} }
 *   archive:                                          # sealed: OpenPGP, no password
 *     url: s3:https://s3.example.net/sealed
 *     format: sealed
 *     recipients: [ /etc/hostkeep/backup-pub.asc ]    # public keys (files or inline armor)
 *     identity: ${file:/root/backup-secret.asc}       # only where restores run
 * </pre>
 */
public final class RepositoriesSection implements ConfigSection {
  public static final String NAME = "repositories";

  /** The repository formats hostkeep writes. */
  public enum Format {
    /** restic's repository format: deduplicated, encrypted with the repository password. */
    RESTIC,
    /** One OpenPGP-encrypted zstd object per stream per run, opened by {@code gpg -d}. */
    SEALED
  }

  /**
   * One named repository.
   *
   * @param recipients for a sealed repository, the public keys its archives are encrypted to
   * @param identity for a sealed repository, the secret key(s) that open its archives, if this
   *     machine restores
   * @param identityPassphrase the identity's passphrase, if it has one
   */
  public record Entry(
      String name,
      String url,
      Format format,
      Optional<Secret> password,
      Optional<String> accessKeyId,
      Optional<Secret> secretAccessKey,
      Optional<Secret> sessionToken,
      Optional<String> region,
      Optional<Backends.BucketLookup> bucketLookup,
      Optional<Recipients> recipients,
      Optional<Secret> identity,
      Optional<Secret> identityPassphrase) {

    /** The identity that opens a sealed repository's archives. */
    public Optional<Identity> openIdentity() {
      return identity.map(
          secret ->
              Identity.parse(
                  secret.reveal().getBytes(StandardCharsets.UTF_8),
                  identityPassphrase.map(p -> p.reveal().toCharArray()).orElse(null),
                  "the identity of repository '" + name + "'"));
    }
  }

  /** Every entry by name, in file order. */
  public record Repositories(Map<String, Entry> entries) {
    public Repositories {
      entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "named backup repositories: URL, password, S3 credentials";
  }

  @Override
  public Object configure(ConfigValue section) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    Optional<ConfigObject> top = section.asObject();
    if (top.isEmpty()) {
      section.reader().error(section, "'repositories' must map names to repositories");
      return new Repositories(entries);
    }
    ConfigObject all = top.get();
    for (String name : all.keys()) {
      all.object(name).map(entry -> read(name, entry)).ifPresent(e -> entries.put(name, e));
    }
    all.finish();
    return new Repositories(entries);
  }

  private static Entry read(String name, ConfigObject entry) {
    String url = entry.string("url");
    if (url != null) {
      try {
        Location.parse(url, "user");
      } catch (HostkeepException e) {
        entry
            .reader()
            .problems()
            .error(
                entry.value("url", false).map(ConfigValue::position).orElse(entry.position()),
                entry.path() + ".url: " + e.getMessage());
      }
    }
    Format format = entry.choice("format", Format.class, Format.RESTIC);
    Optional<Secret> password = entry.optionalSecret("password");
    Optional<Recipients> recipients = Optional.empty();
    List<ConfigValue> keys = entry.list("recipients");
    if (format == Format.SEALED) {
      recipients = recipients(entry, keys);
      if (password.isPresent()) {
        entry
            .reader()
            .problems()
            .error(
                entry.position(),
                entry.path()
                    + ": a sealed repository has no password (its archives are encrypted to the"
                    + " recipients' public keys)");
      }
    } else if (!keys.isEmpty()) {
      entry
          .reader()
          .problems()
          .error(
              keys.get(0).position(),
              entry.path() + ".recipients: only a repository with format: sealed has recipients");
    }
    Optional<Secret> identity = entry.optionalSecret("identity");
    Optional<Secret> passphrase = entry.optionalSecret("identity_passphrase");
    Optional<String> accessKey = Optional.empty();
    Optional<Secret> secretKey = Optional.empty();
    Optional<Secret> token = Optional.empty();
    Optional<String> region = Optional.empty();
    Optional<Backends.BucketLookup> lookup = Optional.empty();
    Optional<ConfigObject> s3 = entry.object("s3");
    if (s3.isPresent()) {
      ConfigObject options = s3.get();
      accessKey = options.optionalString("access_key_id");
      secretKey = options.optionalSecret("secret_access_key");
      token = options.optionalSecret("session_token");
      region = options.optionalString("region");
      Optional<String> bucketLookup = options.optionalString("bucket_lookup");
      if (bucketLookup.isPresent()) {
        try {
          lookup = Optional.of(Backends.BucketLookup.parse(bucketLookup.get()));
        } catch (HostkeepException e) {
          options.reader().problems().error(options.position(), e.getMessage());
        }
      }
      if (accessKey.isPresent() != secretKey.isPresent()) {
        options
            .reader()
            .problems()
            .error(
                options.position(),
                options.path() + ": give access_key_id and secret_access_key together");
      }
      options.finish();
    }
    entry.finish();
    return new Entry(
        name,
        url,
        format,
        password,
        accessKey,
        secretKey,
        token,
        region,
        lookup,
        recipients,
        identity,
        passphrase);
  }

  /**
   * The public keys of a sealed repository: each item an armored key block, or the path of a file
   * holding one (armored or binary), read and checked now so a bad key is reported at its line.
   */
  private static Optional<Recipients> recipients(ConfigObject entry, List<ConfigValue> keys) {
    if (keys.isEmpty()) {
      entry
          .reader()
          .problems()
          .error(
              entry.position(),
              entry.path()
                  + ": a sealed repository needs recipients: the OpenPGP public keys (files or"
                  + " armored text) its archives are encrypted to");
      return Optional.empty();
    }
    List<byte[]> texts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ConfigValue key : keys) {
      String value = key.asString().orElse("").strip();
      try {
        if (value.startsWith("-----BEGIN PGP")) {
          texts.add(value.getBytes(StandardCharsets.UTF_8));
          names.add(key.path());
        } else {
          Path file = Path.of(value);
          if (!file.isAbsolute()) {
            throw HostkeepException.usage(
                key.path() + ": '" + value + "' must be an absolute path or an armored key");
          }
          texts.add(Files.readAllBytes(file));
          names.add(value);
        }
      } catch (IOException e) {
        entry
            .reader()
            .problems()
            .error(key.position(), key.path() + ": cannot read the key file " + value);
        return Optional.empty();
      } catch (HostkeepException e) {
        entry.reader().problems().error(key.position(), e.getMessage());
        return Optional.empty();
      }
    }
    try {
      return Optional.of(Recipients.parse(texts, names, Instant.now()));
    } catch (HostkeepException e) {
      entry.reader().problems().error(keys.get(0).position(), entry.path() + ": " + e.getMessage());
      return Optional.empty();
    }
  }
}
