package dev.hostkeep.backup.site;

import dev.hostkeep.backup.repo.Id;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.backup.repo.Retention;
import dev.hostkeep.backup.repo.Snapshot;
import dev.hostkeep.backup.sealed.SealedArchives;
import dev.hostkeep.backup.storage.FileType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A site's {@code keep} policy applied to each of its parts on its own: the part's snapshots (by
 * their site and part tags, whatever host or path they record) are one group, and the policy has
 * restic's {@code forget --keep-*} meaning, so {@code restic forget} with the same numbers on the
 * same group decides the same.
 */
public final class SiteRetention {
  private SiteRetention() {}

  /** What the policy decides for one part: snapshots newest first. */
  public record Decision(
      Site site,
      Part part,
      List<Snapshot.Stored> keep,
      List<Snapshot.Stored> remove,
      Map<Id, List<String>> reasons) {}

  /** The decision for {@code part}; never changes anything. */
  public static Decision plan(List<Snapshot.Stored> all, Site site, Part part) {
    List<Snapshot.Stored> group =
        PartBackup.of(all, site, part).stream()
            .sorted(Comparator.comparing((Snapshot.Stored s) -> s.snapshot().instant()).reversed())
            .toList();
    Retention policy = site.keep();
    if (policy.empty()) {
      return new Decision(site, part, group, List.of(), Map.of());
    }
    Retention.Decision decision = policy.apply(group);
    return new Decision(site, part, decision.keep(), decision.remove(), decision.reasons());
  }

  /** Removes the snapshots {@code decision} does not keep; returns how many. */
  public static int apply(Repository repository, Decision decision) {
    for (Snapshot.Stored snapshot : decision.remove()) {
      repository.backend().remove(FileType.SNAPSHOT, snapshot.id().toString());
    }
    return decision.remove().size();
  }

  /** What the policy decides for one part of a sealed repository: runs newest first. */
  public record SealedDecision(
      Site site,
      Part part,
      List<SealedArchives.Archive> keep,
      List<SealedArchives.Archive> remove,
      Map<SealedArchives.Archive, List<String>> reasons) {}

  /** The decision for {@code part}'s runs in a sealed repository; never changes anything. */
  public static SealedDecision plan(SealedArchives archives, Site site, Part part) {
    List<SealedArchives.Archive> group = archives.list(site.name(), part.name());
    Retention policy = site.keep();
    if (policy.empty()) {
      return new SealedDecision(site, part, group, List.of(), Map.of());
    }
    Retention.Selection<SealedArchives.Archive> selection =
        policy.select(group, a -> a.manifest().offsetTime(), a -> List.of());
    return new SealedDecision(
        site, part, selection.keep(), selection.remove(), selection.reasons());
  }

  /** Deletes the runs {@code decision} does not keep; returns how many. */
  public static int apply(SealedArchives archives, SealedDecision decision) {
    for (SealedArchives.Archive archive : decision.remove()) {
      archives.delete(archive);
    }
    return decision.remove().size();
  }
}
