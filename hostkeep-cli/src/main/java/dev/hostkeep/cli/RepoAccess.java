package dev.hostkeep.cli;

import dev.hostkeep.backup.config.RepositoriesSection;
import dev.hostkeep.backup.repo.Lock;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.backup.storage.Backend;
import dev.hostkeep.backup.storage.Backends;
import dev.hostkeep.backup.storage.Location;
import dev.hostkeep.backup.storage.S3Backend;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.config.Durations;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.core.config.Suggestions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * How {@code hostkeep repo} commands find their repository and its password, as restic does: {@code
 * -r} or {@code HOSTKEEP_REPOSITORY}, {@code --password-file} or {@code HOSTKEEP_PASSWORD_FILE},
 * else a prompt on a terminal.
 */
final class RepoAccess {
  private static final Pattern BARE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  @Option(
      names = {"-r", "--repo"},
      paramLabel = "REPOSITORY",
      description = {
        "The repository: a name from the config's repositories section, a local folder"
            + " (/srv/backup/repo), s3:https://host/bucket[/prefix]"
            + " (credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or ~/.aws), or"
            + " sftp:user@host:/path (keys and known_hosts as for every SSH host)."
            + " Default: $HOSTKEEP_REPOSITORY."
      })
  String repository;

  @Option(
      names = {"-o", "--option"},
      paramLabel = "KEY=VALUE",
      description = {
        "A backend option, as restic spells them: s3.bucket-lookup=auto|dns|path (auto: by"
            + " path except on Amazon), s3.region=REGION (default $AWS_DEFAULT_REGION or"
            + " us-east-1)."
      })
  java.util.List<String> backendOptions = new java.util.ArrayList<>();

  @Option(
      names = {"-p", "--password-file"},
      paramLabel = "FILE",
      description =
          "Read the password from the first line of FILE. Default: the named repository's"
              + " password in the config, else $HOSTKEEP_PASSWORD_FILE, else a prompt.")
  Path passwordFile;

  @Option(
      names = "--retry-lock",
      paramLabel = "DURATION",
      defaultValue = "0s",
      description =
          "Wait this long for a conflicting lock to go (e.g. 10m). Default: fail at once.")
  String retryLock;

  /** A lock on {@code repository} for this command, shared unless {@code exclusive}. */
  Lock lock(Repository repository, boolean exclusive) {
    return Lock.acquire(
        repository,
        exclusive,
        RepoCommand.hostname(),
        System.getProperty("user.name"),
        Clock.systemDefaultZone(),
        Durations.parse(retryLock)
            .orElseThrow(
                () ->
                    HostkeepException.usage(
                        "--retry-lock: '" + retryLock + "' is not a duration (like 30s, 10m)")));
  }

  Backend backend(Session session) {
    String where = repository != null ? repository : System.getenv("HOSTKEEP_REPOSITORY");
    if (where == null || where.isBlank()) {
      throw HostkeepException.usage(
          "no repository given: use -r /path/to/repo (or s3:..., sftp:..., or a name from the"
              + " config's repositories section) or set HOSTKEEP_REPOSITORY");
    }
    RepositoriesSection.Entry named = named(session, where);
    Location location =
        Location.parse(named == null ? where : named.url(), System.getProperty("user.name"));
    Backends.Settings settings = settings(session, named);
    for (String option : backendOptions) {
      int equals = option.indexOf('=');
      String key = equals < 0 ? option : option.substring(0, equals);
      String value = equals < 0 ? "" : option.substring(equals + 1);
      settings =
          switch (key) {
            case "s3.bucket-lookup" -> settings.withLookup(Backends.BucketLookup.parse(value));
            case "s3.region" -> settings.withS3(settings.s3().withRegion(value));
            default ->
                throw HostkeepException.usage(
                    "-o "
                        + option
                        + ": unknown option; known are s3.bucket-lookup=auto|dns|path and"
                        + " s3.region=REGION");
          };
    }
    return Backends.open(location, settings);
  }

  /** The backend settings for a repository: the user's defaults, then a named entry's own. */
  static Backends.Settings settings(Session session, RepositoriesSection.Entry named) {
    Backends.Settings settings = Backends.Settings.defaults(System.getenv(), session.sshOptions());
    if (named != null) {
      S3Backend.Options s3 = settings.s3();
      if (named.accessKeyId().isPresent()) {
        s3 =
            s3.withCredentials(
                named.accessKeyId().get(),
                named.secretAccessKey().orElse(null),
                named.sessionToken().orElse(null));
      }
      if (named.region().isPresent()) {
        s3 = s3.withRegion(named.region().get());
      }
      settings = settings.withS3(s3);
      if (named.bucketLookup().isPresent()) {
        settings = settings.withLookup(named.bucketLookup().get());
      }
    }
    return settings;
  }

  /**
   * The config entry a bare name ({@code main}, no slash or colon) stands for, or {@code null} when
   * {@code where} is a path or URL. A bare name the config lacks is a folder, as in restic, when
   * the config names no repositories or the folder exists; otherwise it is taken for a typo.
   */
  private RepositoriesSection.Entry named(Session session, String where) {
    if (!BARE_NAME.matcher(where).matches()) {
      return null;
    }
    HostkeepConfig config = session.config();
    Map<String, RepositoriesSection.Entry> entries =
        config
            .section(RepositoriesSection.NAME, RepositoriesSection.Repositories.class)
            .map(RepositoriesSection.Repositories::entries)
            .orElse(Map.of());
    RepositoriesSection.Entry entry = entries.get(where);
    if (entry == null && (entries.isEmpty() || Files.exists(Path.of(where)))) {
      return null; // a folder of that name, as restic reads a bare -r
    }
    if (entry == null) {
      throw HostkeepException.usage(
          "no repository named '"
              + where
              + "' in "
              + config.origin()
              + (entries.isEmpty()
                  ? ""
                  : Suggestions.didYouMean(where, entries.keySet())
                      + "; it names "
                      + String.join(", ", entries.keySet()))
              + "; for a folder of that name give ./"
              + where);
    }
    if (entry.format() == RepositoriesSection.Format.SEALED) {
      throw HostkeepException.usage(
          "repository '"
              + where
              + "' is sealed (OpenPGP archives, not restic's format); use hostkeep backup"
              + " restore, forget and verify with it");
    }
    return entry;
  }

  String password(Session session) {
    Path file = passwordFile;
    if (file == null) {
      String where = repository != null ? repository : System.getenv("HOSTKEEP_REPOSITORY");
      RepositoriesSection.Entry named = where == null ? null : named(session, where);
      if (named != null && named.password().isPresent()) {
        return named.password().get().reveal();
      }
    }
    if (file == null && System.getenv("HOSTKEEP_PASSWORD_FILE") != null) {
      file = Path.of(System.getenv("HOSTKEEP_PASSWORD_FILE"));
    }
    if (file != null) {
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        String password = (end < 0 ? text : text.substring(0, end)).replace("\r", "");
        if (password.isEmpty()) {
          throw HostkeepException.usage("the password file " + file + " is empty");
        }
        return password;
      } catch (IOException e) {
        throw HostkeepException.usage(
            "cannot read the password file " + file + ": " + e.getMessage());
      }
    }
    java.io.Console console = System.console();
    if (console != null && session.terminal().stdinIsTerminal()) {
      char[] typed = console.readPassword("enter password for repository: ");
      if (typed != null && typed.length > 0) {
        return new String(typed);
      }
    }
    throw HostkeepException.usage(
        "no password given: use --password-file FILE or set HOSTKEEP_PASSWORD_FILE");
  }

  /** The repository opened with its password; enough for snapshots and keys. */
  Repository openKeysOnly(Session session) {
    return Repository.open(backend(session), password(session), Repository.Options.defaults());
  }

  /** The repository with its index read, for commands that read or write blobs. */
  Repository open(Session session) {
    Repository repository = openKeysOnly(session);
    repository.loadIndex();
    return repository;
  }
}
