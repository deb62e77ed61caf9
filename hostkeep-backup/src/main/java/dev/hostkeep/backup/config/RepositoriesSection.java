package dev.hostkeep.backup.config;

import dev.hostkeep.backup.storage.Backends;
import dev.hostkeep.backup.storage.Location;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.capability.ConfigSection;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.config.ConfigValue;
import dev.hostkeep.core.secret.Secret;
import java.util.LinkedHashMap;
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
 * </pre>
 */
public final class RepositoriesSection implements ConfigSection {
  public static final String NAME = "repositories";

  /** One named repository. */
  public record Entry(
      String name,
      String url,
      Optional<Secret> password,
      Optional<String> accessKeyId,
      Optional<Secret> secretAccessKey,
      Optional<Secret> sessionToken,
      Optional<String> region,
      Optional<Backends.BucketLookup> bucketLookup) {}

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
    String format = entry.string("format", "restic");
    if (!format.equals("restic")) {
      entry
          .reader()
          .problems()
          .error(
              entry.position(),
              entry.path()
                  + ".format: '"
                  + format
                  + "' is not a format this hostkeep writes"
                  + " (restic)");
    }
    Optional<Secret> password = entry.optionalSecret("password");
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
    return new Entry(name, url, password, accessKey, secretKey, token, region, lookup);
  }
}
