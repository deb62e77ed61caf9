package dev.hostkeep.cli;

import dev.hostkeep.backup.repo.Lock;
import dev.hostkeep.backup.repo.Pruner;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.backup.repo.Retention;
import dev.hostkeep.backup.repo.Snapshot;
import dev.hostkeep.backup.storage.FileType;
import dev.hostkeep.core.HostkeepException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hostkeep repo forget} and {@code hostkeep repo prune}: retention, as restic does it. */
final class RepoRetention {
  private RepoRetention() {}

  /**
   * The {@code --max-unused} and {@code --dry-run} options prune and {@code forget --prune} share.
   */
  static final class PruneOptions {
    @Option(
        names = "--max-unused",
        paramLabel = "PERCENT",
        defaultValue = "5%",
        description = {
          "How much of the repository may stay unused, to spare repacking packs that are mostly",
          "still used (default 5%%; 0%% repacks every partly used pack)."
        })
    String maxUnused;

    double share() {
      String value = maxUnused.trim();
      if (!value.endsWith("%")) {
        throw HostkeepException.usage("--max-unused: '" + maxUnused + "' is not a percentage");
      }
      try {
        double percent = Double.parseDouble(value.substring(0, value.length() - 1));
        if (percent < 0 || percent >= 100) {
          throw HostkeepException.usage("--max-unused must be from 0% to below 100%");
        }
        return percent / 100;
      } catch (NumberFormatException e) {
        throw HostkeepException.usage("--max-unused: '" + maxUnused + "' is not a percentage");
      }
    }
  }

  @Command(
      name = "forget",
      mixinStandardHelpOptions = true,
      description = {
        "Remove snapshots: the ones named, or those a policy does not keep. The policy works as",
        "restic's: per group of snapshots (same host and paths unless --group-by), --keep-daily 7",
        "keeps the newest snapshot of each of the 7 latest days that have one, and so on; a",
        "snapshot any rule keeps is kept. Only snapshot files are removed; --prune (or a later",
        "'repo prune') frees the space."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  hostkeep repo forget --keep-daily 7 --keep-weekly 5 --keep-monthly 12 --dry-run",
        "  hostkeep repo forget --keep-within 30d --host web1 --prune",
        "  hostkeep repo forget 3f1c0a2b"
      })
  static final class Forget implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RepoAccess access = new RepoAccess();
    @Mixin PruneOptions pruneOptions = new PruneOptions();

    @Parameters(paramLabel = "SNAPSHOT", arity = "0..*", description = "Snapshots to remove.")
    List<String> snapshots = new ArrayList<>();

    @Option(names = "--keep-last", paramLabel = "N", description = "Keep the N newest.")
    int last;

    @Option(names = "--keep-hourly", paramLabel = "N", description = "Keep one per hour, N hours.")
    int hourly;

    @Option(names = "--keep-daily", paramLabel = "N", description = "Keep one per day, N days.")
    int daily;

    @Option(names = "--keep-weekly", paramLabel = "N", description = "Keep one per week, N weeks.")
    int weekly;

    @Option(names = "--keep-monthly", paramLabel = "N", description = "One per month, N months.")
    int monthly;

    @Option(names = "--keep-yearly", paramLabel = "N", description = "One per year, N years.")
    int yearly;

    @Option(
        names = "--keep-within",
        paramLabel = "DURATION",
        description = "Keep all taken within DURATION (1y5m7d2h) of the group's newest snapshot.")
    String within;

    @Option(
        names = "--keep-tag",
        paramLabel = "TAG[,TAG]",
        description = "Keep snapshots with all these tags (repeatable: any one list).")
    List<String> keepTags = new ArrayList<>();

    @Option(names = "--host", paramLabel = "NAME", description = "Only snapshots from this host.")
    String host;

    @Option(names = "--tag", paramLabel = "TAG", description = "Only snapshots with this tag.")
    String tag;

    @Option(names = "--path", paramLabel = "PATH", description = "Only snapshots of this path.")
    String path;

    @Option(
        names = {"-g", "--group-by"},
        paramLabel = "host,paths,tags",
        defaultValue = "host,paths",
        description = "Apply the policy per group of these (default host,paths; '' for one group).")
    String groupBy;

    @Option(
        names = {"-n", "--dry-run"},
        description = "Show what would be removed; remove nothing.")
    boolean dryRun;

    @Option(names = "--prune", description = "Prune afterwards, to free the space.")
    boolean prune;

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      Retention policy = policy();
      Retention.GroupBy grouping;
      try {
        grouping = Retention.GroupBy.parse(groupBy);
      } catch (IllegalArgumentException e) {
        throw HostkeepException.usage("--group-by: " + e.getMessage());
      }
      if (policy.empty() && snapshots.isEmpty()) {
        session
            .err()
            .println("no policy was given (--keep-*) and no snapshot named; nothing removed");
        return 0;
      }
      if (!policy.empty() && !snapshots.isEmpty()) {
        throw HostkeepException.usage("name snapshots or give a policy, not both");
      }
      try (Repository repository = access.openKeysOnly(session);
          Lock lock = access.lock(repository, true)) {
        List<Snapshot.Stored> all = repository.snapshots();
        Set<Snapshot.Stored> remove = new LinkedHashSet<>();
        List<Map<String, Object>> json = new ArrayList<>();
        PrintWriter out = session.out();
        if (!snapshots.isEmpty()) {
          for (String ref : snapshots) {
            remove.add(repository.findSnapshot(ref));
          }
        } else {
          List<Snapshot.Stored> chosen = all.stream().filter(this::selected).toList();
          for (Map.Entry<Retention.Group, List<Snapshot.Stored>> group :
              Retention.group(chosen, grouping).entrySet()) {
            Retention.Decision decision = policy.apply(group.getValue());
            remove.addAll(decision.remove());
            if (session.json()) {
              json.add(groupJson(group.getKey(), decision));
            } else {
              out.println("snapshots for " + group.getKey() + ":");
              out.printf("keep %d snapshot(s):%n", decision.keep().size());
              RepoCommand.snapshotTable(out, decision.keep(), decision.reasons());
              if (!decision.remove().isEmpty()) {
                out.printf(
                    "%s %d snapshot(s):%n",
                    dryRun ? "would remove" : "remove", decision.remove().size());
                RepoCommand.snapshotTable(out, decision.remove(), Map.of());
              }
              out.println();
            }
          }
        }
        if (!dryRun) {
          for (Snapshot.Stored snapshot : remove) {
            repository.backend().remove(FileType.SNAPSHOT, snapshot.id().toString());
          }
        }
        if (session.json()) {
          Json.print(out, json);
        } else {
          out.printf("%s %d snapshot(s)%n", dryRun ? "would remove" : "removed", remove.size());
        }
        if (prune && !remove.isEmpty()) {
          repository.loadIndex();
          return RepoRetention.prune(session, repository, pruneOptions.share(), dryRun);
        }
        return 0;
      }
    }

    private boolean selected(Snapshot.Stored stored) {
      Snapshot snapshot = stored.snapshot();
      return (host == null || host.equals(snapshot.hostname()))
          && (tag == null || snapshot.tagList().contains(tag))
          && (path == null || (snapshot.paths() != null && snapshot.paths().contains(path)));
    }

    private Retention policy() {
      Retention.Within span = null;
      if (within != null) {
        try {
          span = Retention.Within.parse(within);
        } catch (IllegalArgumentException e) {
          throw HostkeepException.usage("--keep-within: " + e.getMessage());
        }
      }
      for (int count : new int[] {last, hourly, daily, weekly, monthly, yearly}) {
        if (count < 0) {
          throw HostkeepException.usage("--keep-* counts must be 0 or more");
        }
      }
      List<List<String>> tags = new ArrayList<>();
      for (String list : keepTags) {
        tags.add(List.of(list.split(",")));
      }
      return new Retention(last, hourly, daily, weekly, monthly, yearly, span, tags);
    }

    private static Map<String, Object> groupJson(
        Retention.Group group, Retention.Decision decision) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("tags", group.tags());
      entry.put("host", group.host());
      entry.put("paths", group.paths());
      entry.put("keep", decision.keep().stream().map(RepoCommand::snapshotJson).toList());
      entry.put("remove", decision.remove().stream().map(RepoCommand::snapshotJson).toList());
      List<Map<String, Object>> reasons = new ArrayList<>();
      for (Snapshot.Stored kept : decision.keep()) {
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("snapshot", RepoCommand.snapshotJson(kept));
        reason.put("matches", decision.reasons().get(kept.id()));
        reasons.add(reason);
      }
      entry.put("reasons", reasons);
      return entry;
    }
  }

  @Command(
      name = "prune",
      mixinStandardHelpOptions = true,
      description = {
        "Free the space of data no snapshot uses any more: delete packs nothing uses, and repack",
        "partly used ones (copying what is used into new packs) until at most --max-unused of",
        "the repository is unused. Safe to interrupt at any point: new packs and index are",
        "written before anything old is deleted. Needs an exclusive lock."
      })
  static final class Prune implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RepoAccess access = new RepoAccess();
    @Mixin PruneOptions pruneOptions = new PruneOptions();

    @Option(
        names = {"-n", "--dry-run"},
        description = "Show what would be deleted and repacked; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      double share = pruneOptions.share();
      try (Repository repository = access.open(session);
          Lock lock = access.lock(repository, true)) {
        return prune(session, repository, share, dryRun);
      }
    }
  }

  static int prune(Session session, Repository repository, double share, boolean dryRun) {
    Pruner pruner = new Pruner(repository, share);
    PrintWriter err = session.err();
    Pruner.Plan plan = pruner.plan(message -> err.println(message));
    PrintWriter out = session.out();
    long remainingBytes = plan.totalBytes() - plan.freedBytes();
    if (session.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("dry_run", dryRun);
      json.put("used_blobs", plan.usedBlobs());
      json.put("used_size", plan.usedBytes());
      json.put("unused_blobs", plan.unusedBlobs());
      json.put("unused_size", plan.unusedBytes());
      json.put("repack_blobs", plan.repackBlobs());
      json.put("repack_size", plan.repackBytes());
      json.put("delete_packs", plan.deletePacks().size());
      json.put("repack_packs", plan.repackPacks().size());
      json.put("unindexed_packs", plan.unindexedPacks());
      json.put("freed_size", plan.freedBytes());
      json.put("remaining_size", remainingBytes);
      json.put("unused_size_after", plan.unusedAfter());
      if (!dryRun) {
        Pruner.Result result = pruner.apply(plan, message -> err.println(message));
        json.put("packs_written", result.packsWritten());
        json.put("packs_deleted", result.packsDeleted());
      }
      Json.print(out, json);
      return 0;
    }
    out.printf(
        "used:         %d blobs / %s%n", plan.usedBlobs(), RepoCommand.bytes(plan.usedBytes()));
    out.printf(
        "unused:       %d blobs / %s%n", plan.unusedBlobs(), RepoCommand.bytes(plan.unusedBytes()));
    out.printf(
        "to repack:    %d blobs / %s from %d pack(s)%n",
        plan.repackBlobs(), RepoCommand.bytes(plan.repackBytes()), plan.repackPacks().size());
    out.printf(
        "to delete:    %d pack(s) / %s (%d no index listed)%n",
        plan.deletePacks().size(), RepoCommand.bytes(plan.deleteBytes()), plan.unindexedPacks());
    out.printf(
        "frees:        %s of %s (%d packs)%n",
        RepoCommand.bytes(plan.freedBytes()),
        RepoCommand.bytes(plan.totalBytes()),
        plan.totalPacks());
    out.printf(
        "unused after: %s (%.1f%% of the remaining %s)%n",
        RepoCommand.bytes(plan.unusedAfter()),
        remainingBytes == 0 ? 0.0 : 100.0 * plan.unusedAfter() / remainingBytes,
        RepoCommand.bytes(remainingBytes));
    if (plan.nothingToDo()) {
      out.println("nothing to prune");
      return 0;
    }
    if (dryRun) {
      out.println("dry run: nothing was changed");
      return 0;
    }
    Pruner.Result result = pruner.apply(plan, message -> err.println(message));
    out.printf(
        "done: wrote %d pack(s), deleted %d pack(s), freed %s%n",
        result.packsWritten(), result.packsDeleted(), RepoCommand.bytes(result.freedBytes()));
    return 0;
  }
}
