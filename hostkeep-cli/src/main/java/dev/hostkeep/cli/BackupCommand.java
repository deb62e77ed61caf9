package dev.hostkeep.cli;

import dev.hostkeep.backup.archive.BackupStats;
import dev.hostkeep.backup.archive.Restorer;
import dev.hostkeep.backup.config.SitesSection;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.backup.repo.Snapshot;
import dev.hostkeep.backup.sealed.Identity;
import dev.hostkeep.backup.sealed.SealedArchives;
import dev.hostkeep.backup.sealed.SealedRepository;
import dev.hostkeep.backup.site.DatabasePart;
import dev.hostkeep.backup.site.Part;
import dev.hostkeep.backup.site.PartRecord;
import dev.hostkeep.backup.site.SealedRestore;
import dev.hostkeep.backup.site.Site;
import dev.hostkeep.backup.site.SiteBackup;
import dev.hostkeep.backup.site.SiteRestore;
import dev.hostkeep.backup.site.SiteRetention;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.config.Suggestions;
import dev.hostkeep.core.host.Host;
import dev.hostkeep.core.state.StateStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hostkeep backup}: site backups from the config's {@code sites} section. */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Back up the sites of the config: each site's databases, folders and commands, pulled from",
      "its host over SSH into its repository, with status and restore.",
      ""
    },
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExamples:%n",
    footer = {
      "  hostkeep backup run                      # every part of every site",
      "  hostkeep backup run shop blog/db         # one whole site and one part of another",
      "  hostkeep backup run --due                # what the schedules say is due (for cron)",
      "  hostkeep backup status",
      "  hostkeep backup restore shop/mysql-shop --into-database shop_restored",
      "  hostkeep backup restore shop/files-www --at 2026-11-30 --to /srv/restore"
    })
final class BackupCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static List<Site> sites(Session session) {
    return session
        .config()
        .section(SitesSection.NAME, SitesSection.Sites.class)
        .map(SitesSection.Sites::sites)
        .orElse(List.of());
  }

  /** The parts {@code refs} ({@code SITE} or {@code SITE/PART}) name; all when none. */
  static Map<Site, List<Part>> select(Session session, List<String> refs) {
    List<Site> sites = sites(session);
    if (sites.isEmpty()) {
      throw HostkeepException.usage(
          "no sites in " + session.config().origin() + ": add a sites section (see docs/sites.md)");
    }
    Map<Site, List<Part>> selection = new LinkedHashMap<>();
    if (refs.isEmpty()) {
      sites.forEach(s -> selection.put(s, s.parts()));
      return selection;
    }
    for (String ref : refs) {
      int slash = ref.indexOf('/');
      Site site = site(session, slash < 0 ? ref : ref.substring(0, slash));
      List<Part> parts = new ArrayList<>(selection.getOrDefault(site, List.of()));
      if (slash < 0) {
        parts = new ArrayList<>(site.parts());
      } else {
        Part part = part(site, ref.substring(slash + 1));
        if (!parts.contains(part)) {
          parts.add(part);
        }
      }
      selection.put(site, parts);
    }
    return selection;
  }

  static Site site(Session session, String name) {
    List<Site> sites = sites(session);
    return sites.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                HostkeepException.usage(
                    "no site named '"
                        + name
                        + "'"
                        + Suggestions.didYouMean(name, sites.stream().map(Site::name).toList())
                        + "; the config has "
                        + String.join(", ", sites.stream().map(Site::name).toList())));
  }

  static Part part(Site site, String name) {
    return site.part(name)
        .orElseThrow(
            () ->
                HostkeepException.usage(
                    "site '"
                        + site.name()
                        + "' has no part named '"
                        + name
                        + "'"
                        + Suggestions.didYouMean(
                            name, site.parts().stream().map(Part::name).toList())
                        + "; it has "
                        + String.join(", ", site.parts().stream().map(Part::name).toList())));
  }

  static PartRecord record(StateStore state, Site site, Part part) {
    return state
        .get(PartRecord.key(site.name(), part.name()))
        .map(r -> PartRecord.fromJson(r.value()))
        .orElse(PartRecord.none());
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Back up sites now: every part of every site, or the SITE and SITE/PART given.",
        "Sites run concurrently (at most --per-host at a time on one host); parts that write to",
        "one repository run one after the other. A failing part fails alone and leaves no snapshot.",
        "Prints a summary table; exits 0 when all parts succeeded, 4 when some failed, 1 when all did."
      })
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "SITE[/PART]", description = "What to back up.")
    List<String> refs = new ArrayList<>();

    @Option(names = "--due", description = "Only the parts whose schedule says they are due.")
    boolean due;

    @Option(names = "--dry-run", description = "List what would be backed up; run nothing.")
    boolean dryRun;

    @Option(
        names = "--per-host",
        paramLabel = "N",
        defaultValue = "2",
        description = "Sites backed up at once on one host (default: ${DEFAULT-VALUE}).")
    int perHost;

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      if (perHost < 1) {
        throw HostkeepException.usage("--per-host must be at least 1");
      }
      Map<Site, List<Part>> selection = select(session, refs);
      // a dry run reads the state (for --due) and changes nothing, not even the state file
      try (StateStore state = dryRun ? session.readOnlyState() : session.state()) {
        if (due) {
          selection = Due.due(selection, state, Instant.now(), ZoneId.systemDefault());
        }
        if (selection.values().stream().allMatch(List::isEmpty)) {
          if (!due) { // quiet when nothing is due: cron mails only when something ran
            session.out().println("nothing to back up");
          }
          return 0;
        }
        SiteRepositories named = new SiteRepositories(session);
        for (Site site : selection.keySet()) {
          named.entry(site.repository()); // a missing one fails here, before anything runs
        }
        if (dryRun) {
          for (Map.Entry<Site, List<Part>> e : selection.entrySet()) {
            for (Part part : e.getValue()) {
              session
                  .out()
                  .printf(
                      "would back up %s/%s (%s) from %s to %s%n",
                      e.getKey().name(),
                      part.name(),
                      part.kind(),
                      e.getKey().host(),
                      e.getKey().repository());
            }
          }
          return 0;
        }
        return run(session, state, selection);
      }
    }

    private int run(Session session, StateStore state, Map<Site, List<Part>> selection) {
      Map<String, Host> hosts = new ConcurrentHashMap<>();
      List<SiteBackup.Outcome> outcomes;
      try (SiteRepositories repositories = new SiteRepositories(session);
          RunProgress progress = new RunProgress(session)) {
        SiteBackup backup =
            new SiteBackup(
                spec -> hosts.computeIfAbsent(spec, session::host),
                repositories,
                state,
                Clock.systemDefaultZone(),
                RepoCommand.workers(),
                new SiteBackup.Limits(perHost));
        outcomes = backup.run(selection, progress);
      } finally {
        hosts.values().forEach(Host::close);
      }
      summary(session.out(), outcomes);
      long failed = outcomes.stream().filter(o -> !o.ok()).count();
      return failed == 0 ? 0 : failed == outcomes.size() ? 1 : 4;
    }

    private static void summary(PrintWriter out, List<SiteBackup.Outcome> outcomes) {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"PART", "RESULT", "SNAPSHOT", "SIZE", "ADDED", "TOOK"});
      for (SiteBackup.Outcome o : outcomes) {
        rows.add(
            new String[] {
              o.site() + "/" + o.part(),
              o.ok()
                  ? (o.warnings().isEmpty() ? "ok" : "ok, " + o.warnings().size() + " warnings")
                  : "FAILED",
              o.ok() ? SiteBackup.shortName(o.snapshot()) : "-",
              o.ok() ? RepoCommand.bytes(o.size()) : "-",
              o.ok() ? RepoCommand.bytes(o.added()) : "-",
              took(o.took())
            });
      }
      Table.print(out, rows);
      for (SiteBackup.Outcome o : outcomes) {
        if (!o.ok()) {
          out.println(o.site() + "/" + o.part() + ": " + o.error());
        }
        for (String warning : o.warnings()) {
          out.println(o.site() + "/" + o.part() + ": warning: " + warning);
        }
      }
      out.flush();
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = {
        "Show each part's last success, its age, size and duration, the last error, and whether it",
        "is overdue for its schedule (a whole scheduled run missed). Reads only the state store.",
        "Exits 0 when every part is fine, 1 when one has failed, is overdue or never ran."
      })
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "SITE[/PART]", description = "Only these.")
    List<String> refs = new ArrayList<>();

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      Map<Site, List<Part>> selection = select(session, refs);
      Instant now = Instant.now();
      ZoneId zone = ZoneId.systemDefault();
      List<Map<String, Object>> json = new ArrayList<>();
      List<String[]> rows = new ArrayList<>();
      rows.add(
          new String[] {
            "PART", "STATE", "LAST SUCCESS", "AGE", "SIZE", "TOOK", "REVISION", "LAST ERROR"
          });
      boolean allFine = true;
      try (StateStore state = session.readOnlyState()) {
        for (Map.Entry<Site, List<Part>> e : selection.entrySet()) {
          Site site = e.getKey();
          for (Part part : e.getValue()) {
            PartRecord r = record(state, site, part);
            String verdict = verdict(site, r, now, zone);
            allFine &= verdict.equals("ok");
            rows.add(
                new String[] {
                  site.name() + "/" + part.name(),
                  verdict,
                  r.lastSuccess() == null ? "never" : local(r.lastSuccess(), zone),
                  r.lastSuccess() == null ? "-" : took(Duration.between(r.lastSuccess(), now)),
                  r.lastSuccess() == null ? "-" : RepoCommand.bytes(r.size()),
                  r.lastSuccess() == null ? "-" : took(Duration.ofMillis(r.durationMillis())),
                  r.revision() == null ? "-" : abbreviate(r.revision(), 12),
                  r.lastError() == null ? "" : abbreviate(r.lastError(), 60)
                });
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("site", site.name());
            row.put("part", part.name());
            row.put("kind", part.kind());
            row.put("state", verdict);
            row.put("schedule", site.schedule().toString());
            row.put("last_attempt", r.lastAttempt() == null ? null : r.lastAttempt().toString());
            row.put("last_success", r.lastSuccess() == null ? null : r.lastSuccess().toString());
            row.put("snapshot", r.snapshot());
            row.put("size", r.size());
            row.put("added", r.added());
            row.put("duration_ms", r.durationMillis());
            row.put("revision", r.revision());
            row.put("last_error", r.lastError());
            json.add(row);
          }
        }
      }
      if (session.json()) {
        Json.print(session.out(), Map.of("parts", json));
      } else {
        Table.print(session.out(), rows);
        session.out().flush();
      }
      return allFine ? 0 : 1;
    }

    /** ok, failed (the last attempt), overdue (a scheduled run missed) or never. */
    static String verdict(Site site, PartRecord r, Instant now, ZoneId zone) {
      if (r.lastError() != null) {
        return "failed";
      }
      if (r.lastSuccess() == null) {
        return "never";
      }
      return site.schedule().overdue(r.lastSuccess(), now, zone) ? "overdue" : "ok";
    }
  }

  @Command(
      name = "due",
      mixinStandardHelpOptions = true,
      description = {
        "List the parts their schedule says are due now (never backed up, or the next scheduled",
        "time after the last success has come). 'backup run --due' backs up exactly these."
      })
  static final class Due implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      Map<Site, List<Part>> due;
      try (StateStore state = session.readOnlyState()) {
        due = due(select(session, List.of()), state, Instant.now(), ZoneId.systemDefault());
      }
      for (Map.Entry<Site, List<Part>> e : due.entrySet()) {
        for (Part part : e.getValue()) {
          session.out().println(e.getKey().name() + "/" + part.name());
        }
      }
      session.out().flush();
      return 0;
    }

    static Map<Site, List<Part>> due(
        Map<Site, List<Part>> selection, StateStore state, Instant now, ZoneId zone) {
      Map<Site, List<Part>> due = new LinkedHashMap<>();
      for (Map.Entry<Site, List<Part>> e : selection.entrySet()) {
        List<Part> parts = new ArrayList<>();
        for (Part part : e.getValue()) {
          PartRecord r = record(state, e.getKey(), part);
          if (e.getKey().schedule().due(Optional.ofNullable(r.lastSuccess()), now, zone)) {
            parts.add(part);
          }
        }
        if (!parts.isEmpty()) {
          due.put(e.getKey(), parts);
        }
      }
      return due;
    }
  }

  @Command(
      name = "forget",
      mixinStandardHelpOptions = true,
      description = {
        "Apply each site's keep policy to each of its parts: remove the snapshots the policy does",
        "not keep (restic's --keep-* meaning; each part is its own group). Sites without a keep",
        "policy keep everything. Try --dry-run first. --prune then frees the space."
      },
      footerHeading = "%nExamples:%n",
      footer = {"  hostkeep backup forget --dry-run", "  hostkeep backup forget shop --prune"})
  static final class Forget implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "SITE[/PART]", description = "Only these.")
    List<String> refs = new ArrayList<>();

    @Option(names = "--dry-run", description = "Show what would be removed; remove nothing.")
    boolean dryRun;

    @Option(names = "--prune", description = "Prune each repository that lost snapshots.")
    boolean prune;

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      Map<Site, List<Part>> selection = select(session, refs);
      Map<String, List<Site>> byRepository = new LinkedHashMap<>();
      for (Site site : selection.keySet()) {
        byRepository.computeIfAbsent(site.repository(), r -> new ArrayList<>()).add(site);
      }
      PrintWriter out = session.out();
      int status = 0;
      try (SiteRepositories repositories = new SiteRepositories(session, !dryRun)) {
        for (Map.Entry<String, List<Site>> entry : byRepository.entrySet()) {
          if (repositories.isSealed(entry.getKey())) {
            forgetSealed(
                out,
                repositories.sealed(entry.getKey()).orElseThrow(),
                entry.getValue(),
                selection);
            continue;
          }
          Repository repository = repositories.open(entry.getKey());
          List<Snapshot.Stored> all = repository.snapshots();
          int removed = 0;
          for (Site site : entry.getValue()) {
            if (site.keep().empty()) {
              out.printf("%s: no keep policy; every snapshot is kept%n", site.name());
              continue;
            }
            for (Part part : selection.get(site)) {
              SiteRetention.Decision decision = SiteRetention.plan(all, site, part);
              out.printf(
                  "%s/%s: keep %d, %s %d%n",
                  site.name(),
                  part.name(),
                  decision.keep().size(),
                  dryRun ? "would remove" : "remove",
                  decision.remove().size());
              if (!decision.remove().isEmpty()) {
                RepoCommand.snapshotTable(out, decision.remove(), Map.of());
              }
              if (!dryRun) {
                removed += SiteRetention.apply(repository, decision);
              }
            }
          }
          if (prune && removed > 0) {
            repository.loadIndex();
            status = Math.max(status, RepoRetention.prune(session, repository, 0.05, false));
          }
        }
      }
      out.flush();
      return status;
    }

    /** Retention on a sealed repository: a run the policy drops is deleted, objects and all. */
    private void forgetSealed(
        PrintWriter out,
        SealedRepository repository,
        List<Site> sites,
        Map<Site, List<Part>> selection) {
      for (Site site : sites) {
        if (site.keep().empty()) {
          out.printf("%s: no keep policy; every archive is kept%n", site.name());
          continue;
        }
        for (Part part : selection.get(site)) {
          SiteRetention.SealedDecision decision =
              SiteRetention.plan(repository.archives(), site, part);
          out.printf(
              "%s/%s: keep %d, %s %d%n",
              site.name(),
              part.name(),
              decision.keep().size(),
              dryRun ? "would remove" : "remove",
              decision.remove().size());
          for (SealedArchives.Archive archive : decision.remove()) {
            out.printf(
                "  %s  %s  %s%n",
                archive.id(),
                local(archive.manifest().instant(), ZoneId.systemDefault()),
                RepoCommand.bytes(archive.manifest().stored()));
          }
          if (!dryRun) {
            SiteRetention.apply(repository.archives(), decision);
          }
        }
      }
    }
  }

  /**
   * How restores and checks open a sealed repository: with the secret key of one of its recipients,
   * named by the repository's {@code identity}.
   */
  static SealedRestore sealedRestore(SiteRepositories repositories, String name) {
    SealedRepository sealed = repositories.sealed(name).orElseThrow();
    Identity identity =
        repositories
            .entry(name)
            .openIdentity()
            .orElseThrow(
                () ->
                    HostkeepException.usage(
                        "repository '"
                            + name
                            + "' is sealed: its archives open only with a recipient's secret key."
                            + " Add identity: ${file:/root/backup-secret.asc} (and"
                            + " identity_passphrase if it has one) to its entry, or open an"
                            + " archive by hand with gpg -d FILE | zstd -d"));
    return new SealedRestore(sealed.archives(), identity);
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Restore the newest snapshot of each part to a scratch place and check it: folders and",
        "command output are restored under a temporary folder (every blob's hash and every file's",
        "size checked) and removed; each database dump is loaded into a scratch database",
        "(hostkeep_verify_...) on the site's host, or --on HOST, which is dropped afterwards.",
        "Exits 0 when every part verified, 1 otherwise."
      })
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "SITE[/PART]", description = "Only these.")
    List<String> refs = new ArrayList<>();

    @Option(
        names = "--on",
        paramLabel = "HOST",
        description = "Load database dumps on HOST's server (default: each site's host).")
    String on;

    @Option(
        names = "--scratch",
        paramLabel = "DIR",
        description = "Where files are restored to be checked (default: the system's temp folder).")
    Path scratch;

    @Override
    public Integer call() throws IOException {
      Session session = HostkeepCommand.session(spec);
      Map<Site, List<Part>> selection = select(session, refs);
      boolean allGood = true;
      PrintWriter out = session.out();
      try (SiteRepositories repositories = new SiteRepositories(session)) {
        for (Map.Entry<Site, List<Part>> entry : selection.entrySet()) {
          Site site = entry.getKey();
          if (repositories.isSealed(site.repository())) {
            allGood &= verifySealed(session, repositories, site, entry.getValue());
            continue;
          }
          Repository repository = repositories.open(site.repository());
          SiteRestore restore = new SiteRestore(repository, RepoCommand.workers());
          for (Part part : entry.getValue()) {
            String name = site.name() + "/" + part.name();
            List<String> problems;
            Snapshot.Stored stored;
            try {
              stored = restore.snapshot(site, part, Optional.empty(), Optional.empty());
            } catch (HostkeepException e) {
              out.println(name + ": FAILED: " + e.getMessage());
              allGood = false;
              continue;
            }
            if (part instanceof DatabasePart database) {
              try (Host host = session.host(on != null ? on : site.host())) {
                problems = restore.verifyDatabase(database, stored, host);
              }
            } else {
              Path base = scratch != null ? scratch : Path.of(System.getProperty("java.io.tmpdir"));
              Path folder = java.nio.file.Files.createTempDirectory(base, "hostkeep-verify-");
              try {
                problems = restore.verifyFiles(stored, folder);
              } finally {
                deleteTree(folder);
              }
            }
            allGood &= problems.isEmpty();
            out.printf(
                "%s: %s (snapshot %s of %s)%n",
                name,
                problems.isEmpty() ? "ok" : "FAILED",
                stored.id().shortForm(),
                local(stored.snapshot().instant(), ZoneId.systemDefault()));
            for (String problem : problems) {
              out.println("  " + problem);
            }
          }
        }
      }
      out.flush();
      return allGood ? 0 : 1;
    }

    private boolean verifySealed(
        Session session, SiteRepositories repositories, Site site, List<Part> parts) {
      PrintWriter out = session.out();
      SealedRestore restore = sealedRestore(repositories, site.repository());
      boolean allGood = true;
      for (Part part : parts) {
        String name = site.name() + "/" + part.name();
        SealedArchives.Archive archive;
        try {
          archive = restore.archive(site, part, Optional.empty(), Optional.empty());
        } catch (HostkeepException e) {
          out.println(name + ": FAILED: " + e.getMessage());
          allGood = false;
          continue;
        }
        List<String> problems;
        if (part instanceof DatabasePart) {
          try (Host host = session.host(on != null ? on : site.host())) {
            problems = restore.verify(part, archive, host);
          }
        } else {
          problems = restore.verify(part, archive, null);
        }
        allGood &= problems.isEmpty();
        out.printf(
            "%s: %s (archive %s of %s)%n",
            name,
            problems.isEmpty() ? "ok" : "FAILED",
            archive.id(),
            local(archive.manifest().instant(), ZoneId.systemDefault()));
        for (String problem : problems) {
          out.println("  " + problem);
        }
      }
      return allGood;
    }

    private static void deleteTree(Path root) throws IOException {
      try (var paths = java.nio.file.Files.walk(root)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          if (!java.nio.file.Files.isSymbolicLink(p)) {
            p.toFile().setWritable(true);
          }
          java.nio.file.Files.deleteIfExists(p);
        }
      }
    }
  }

  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description = {
        "Restore a part: its files into a folder (--to), or a database dump streamed straight",
        "into a database on the site's host or another (--into-database, --on). The database is",
        "created when it does not exist. Every blob is checked against its hash on the way."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  hostkeep backup restore shop/files-www --to /srv/restore",
        "  hostkeep backup restore shop/mysql-shop --into-database shop_copy",
        "  hostkeep backup restore shop/mysql --database shop --into-database shop --on ssh://root@db2",
        "  hostkeep backup restore blog/postgres-blog --at '2026-11-30 03:00' --into-database blog_old"
      })
  static final class Restore implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SITE/PART")
    String ref;

    @Option(names = "--snapshot", paramLabel = "ID", description = "This snapshot (id or prefix).")
    String snapshot;

    @Option(
        names = "--at",
        paramLabel = "TIME",
        description =
            "The newest snapshot taken at or before TIME: 2026-11-30 (end of that day),"
                + " '2026-11-30 03:00', or an ISO instant (2026-11-30T03:00:00Z).")
    String at;

    @ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
      @Option(names = "--to", paramLabel = "DIR", description = "Restore the files under DIR.")
      Path folder;

      @Option(
          names = "--into-database",
          paramLabel = "NAME",
          description = "Load the dump into database NAME.")
      String database;
    }

    @Option(
        names = "--database",
        paramLabel = "NAME",
        description = "Which database's dump, when the part holds several.")
    String source;

    @Option(
        names = "--on",
        paramLabel = "HOST",
        description = "Load into the database server reached from HOST (default: the site's host).")
    String on;

    @Override
    public Integer call() throws IOException {
      Session session = HostkeepCommand.session(spec);
      int slash = ref.indexOf('/');
      if (slash < 0) {
        throw HostkeepException.usage(
            "give the part to restore as SITE/PART, e.g. shop/mysql-shop");
      }
      Site site = site(session, ref.substring(0, slash));
      Part part = part(site, ref.substring(slash + 1));
      if (snapshot != null && at != null) {
        throw HostkeepException.usage("give --snapshot or --at, not both");
      }
      if (target.database != null && !(part instanceof DatabasePart)) {
        throw HostkeepException.usage(
            ref + " is a " + part.kind() + " part; restore it with --to DIR");
      }
      Optional<Instant> when = Optional.ofNullable(at).map(Restore::time);
      try (SiteRepositories repositories = new SiteRepositories(session)) {
        if (repositories.isSealed(site.repository())) {
          return restoreSealed(session, repositories, site, part, when);
        }
        Repository repository = repositories.open(site.repository());
        SiteRestore restore = new SiteRestore(repository, RepoCommand.workers());
        Snapshot.Stored stored = restore.snapshot(site, part, Optional.ofNullable(snapshot), when);
        if (target.folder != null) {
          Restorer restorer = restore.toFolder(stored, target.folder);
          for (String warning : restorer.warnings()) {
            session.err().println("warning: " + warning);
          }
          session
              .out()
              .printf(
                  "restored %d files, %s from snapshot %s (%s) to %s%n",
                  restorer.files(),
                  RepoCommand.bytes(restorer.bytes()),
                  stored.id().shortForm(),
                  local(stored.snapshot().instant(), ZoneId.systemDefault()),
                  target.folder);
          return restorer.warnings().isEmpty() ? 0 : 1;
        }
        try (Host host = session.host(on != null ? on : site.host())) {
          long bytes =
              restore.intoDatabase(
                  (DatabasePart) part, stored, Optional.ofNullable(source), target.database, host);
          session
              .out()
              .printf(
                  "loaded %s from snapshot %s (%s) into database '%s' on %s%n",
                  RepoCommand.bytes(bytes),
                  stored.id().shortForm(),
                  local(stored.snapshot().instant(), ZoneId.systemDefault()),
                  target.database,
                  host.name());
          return 0;
        }
      }
    }

    private int restoreSealed(
        Session session,
        SiteRepositories repositories,
        Site site,
        Part part,
        Optional<Instant> when)
        throws IOException {
      SealedRestore restore = sealedRestore(repositories, site.repository());
      SealedArchives.Archive archive =
          restore.archive(site, part, Optional.ofNullable(snapshot), when);
      String from =
          "archive "
              + archive.id()
              + " ("
              + local(archive.manifest().instant(), ZoneId.systemDefault())
              + ")";
      if (target.folder != null) {
        long bytes = restore.toFolder(part, archive, target.folder);
        session
            .out()
            .printf("restored %s from %s to %s%n", RepoCommand.bytes(bytes), from, target.folder);
        return 0;
      }
      try (Host host = session.host(on != null ? on : site.host())) {
        long bytes =
            restore.intoDatabase(
                (DatabasePart) part, archive, Optional.ofNullable(source), target.database, host);
        session
            .out()
            .printf(
                "loaded %s from %s into database '%s' on %s%n",
                RepoCommand.bytes(bytes), from, target.database, host.name());
        return 0;
      }
    }

    static Instant time(String text) {
      ZoneId zone = ZoneId.systemDefault();
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        // not an instant; try the local forms
      }
      for (String pattern : List.of("yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm")) {
        try {
          return LocalDateTime.parse(text, DateTimeFormatter.ofPattern(pattern))
              .atZone(zone)
              .toInstant();
        } catch (DateTimeParseException e) {
          // next form
        }
      }
      try {
        return LocalDate.parse(text).plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1);
      } catch (DateTimeParseException e) {
        throw HostkeepException.usage(
            "--at: '"
                + text
                + "' is not a time; use 2026-11-30, '2026-11-30 03:00' or 2026-11-30T03:00:00Z");
      }
    }
  }

  /** One line on a terminal's stderr, rewritten each second, of the parts running. */
  static final class RunProgress implements SiteBackup.Listener, AutoCloseable {
    private final Session session;
    private final Map<String, BackupStats> running = new ConcurrentHashMap<>();
    private final Thread thread;
    private final java.util.concurrent.atomic.AtomicInteger done =
        new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closed;

    RunProgress(Session session) {
      this.session = session;
      Instant start = Instant.now();
      this.thread =
          session.terminal().stderrIsTerminal()
              ? Thread.ofPlatform().daemon().name("hostkeep-progress").start(() -> loop(start))
              : null;
    }

    @Override
    public void started(Site site, Part part, BackupStats stats) {
      running.put(site.name() + "/" + part.name(), stats);
    }

    @Override
    public void finished(SiteBackup.Outcome outcome) {
      running.remove(outcome.site() + "/" + outcome.part());
      done.incrementAndGet();
    }

    private void loop(Instant start) {
      while (!closed) {
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        }
        StringBuilder line =
            new StringBuilder(
                "[" + took(Duration.between(start, Instant.now())) + "] " + done.get() + " done");
        running.forEach(
            (name, stats) ->
                line.append(", ")
                    .append(name)
                    .append(' ')
                    .append(RepoCommand.bytes(stats.bytesProcessed())));
        session.err().print("\r" + line + "\033[K");
        session.err().flush();
      }
    }

    @Override
    public void close() {
      closed = true;
      if (thread != null) {
        thread.interrupt();
        session.err().print("\r\033[K");
        session.err().flush();
      }
    }
  }

  static String took(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
    }
    if (s < 86400) {
      return s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : s % 3600 / 60 + "m");
    }
    return s / 86400 + "d" + (s % 86400 / 3600 == 0 ? "" : s % 86400 / 3600 + "h");
  }

  private static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  static String local(Instant instant, ZoneId zone) {
    return LOCAL_TIME.format(instant.atZone(zone));
  }

  private static String abbreviate(String text, int max) {
    String one = text.replace('\n', ' ');
    return one.length() <= max ? one : one.substring(0, max - 1) + "…";
  }
}
