package dev.hostkeep.backup.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostkeep.backup.archive.BackupStats;
import dev.hostkeep.backup.repo.Keys;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.backup.repo.Retention;
import dev.hostkeep.backup.repo.Snapshot;
import dev.hostkeep.backup.storage.LocalBackend;
import dev.hostkeep.core.host.Host;
import dev.hostkeep.core.host.Hosts;
import dev.hostkeep.core.host.SshOptions;
import dev.hostkeep.core.state.StateStore;
import dev.hostkeep.core.state.StateStores;
import dev.hostkeep.testkit.FakeClock;
import dev.hostkeep.testkit.Restic;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site backed up every night for 400 simulated days (a fake clock), its policy applied after each
 * night as a scheduler would: what is left is exactly what the policy keeps of all 400 nights, and
 * restic, judging the same group with the same numbers, would remove nothing more.
 */
class SiteRetentionTest {
  private static final String PASSWORD = "retention";

  @TempDir Path dir;

  @Test
  void fourHundredNightsLeaveExactlyWhatThePolicyKeeps() throws Exception {
    Path repo = dir.resolve("repo");
    Repository.init(
            new LocalBackend(repo),
            PASSWORD,
            2,
            new Keys.Origin("tester", "testhost", Instant.now()),
            Repository.Options.defaults())
        .close();
    Retention keep = new Retention(0, 0, 7, 4, 12, 2, null, List.of());
    Part part = new CommandPart("export", "echo orders", "orders.csv");
    Site site =
        new Site(
            "shop",
            "local",
            "main",
            Schedule.daily(),
            keep,
            List.of(part),
            Optional.empty(),
            List.of(),
            List.of(),
            null);
    Part other = new CommandPart("other", "echo other", "other.txt");
    Site untouched =
        new Site(
            "blog",
            "local",
            "main",
            Schedule.daily(),
            new Retention(0, 0, 0, 0, 0, 0, null, List.of()),
            List.of(other),
            Optional.empty(),
            List.of(),
            List.of(),
            null);
    FakeClock clock = new FakeClock(Instant.parse("2025-01-01T02:00:00Z"));
    List<Instant> nights = new ArrayList<>();
    try (StateStore state = StateStores.open("sqlite:" + dir.resolve("state.db"), clock);
        Repository repository = open(repo);
        Host host = Hosts.open("local", SshOptions.defaults())) {
      SiteBackup backup =
          new SiteBackup(
              spec -> host, name -> repository, state, clock, 1, SiteBackup.Limits.defaults());
      Map<Site, List<Part>> selection = new LinkedHashMap<>();
      selection.put(site, List.of(part));
      for (int night = 0; night < 400; night++) {
        nights.add(clock.instant());
        if (night % 50 == 0) {
          selection.put(untouched, List.of(other));
        }
        assertThat(backup.run(selection, quiet())).allMatch(SiteBackup.Outcome::ok);
        selection.remove(untouched);
        SiteRetention.apply(repository, SiteRetention.plan(repository.snapshots(), site, part));
        SiteRetention.apply(
            repository, SiteRetention.plan(repository.snapshots(), untouched, other));
        clock.advance(Duration.ofDays(1).plusMinutes(night % 7)); // a little later each night
      }
      Set<Instant> left = new TreeSet<>();
      for (Snapshot.Stored s : repository.snapshots()) {
        if (s.snapshot().tagList().contains("site=shop")) {
          left.add(s.snapshot().instant());
        }
      }
      assertThat(left).isEqualTo(new TreeSet<>(keptOfAll(keep, repository, nights)));
      // at least one per month kept, and far fewer than the 400 nights
      assertThat(left).hasSizeBetween(12, 30);
      // the site without a policy keeps all of its 8 snapshots
      assertThat(repository.snapshots())
          .filteredOn(s -> s.snapshot().tagList().contains("site=blog"))
          .hasSize(8);
    }
    JsonNode judged =
        new ObjectMapper()
            .readTree(
                Restic.at(repo, PASSWORD)
                    .run(
                        "forget",
                        "--dry-run",
                        "--json",
                        "--tag",
                        "site=shop,part=export",
                        "--group-by",
                        "",
                        "--keep-daily",
                        "7",
                        "--keep-weekly",
                        "4",
                        "--keep-monthly",
                        "12",
                        "--keep-yearly",
                        "2")
                    .orFail()
                    .stdout());
    assertThat(judged).hasSize(1);
    assertThat(judged.get(0).get("remove").isNull() || judged.get(0).get("remove").isEmpty())
        .as(judged.toString())
        .isTrue();
    Restic.at(repo, PASSWORD).run("check").orFail();
  }

  /** What the policy keeps when it judges all the nights at once. */
  private static List<Instant> keptOfAll(
      Retention keep, Repository repository, List<Instant> nights) {
    Snapshot template =
        repository.snapshots().stream()
            .filter(s -> s.snapshot().tagList().contains("site=shop"))
            .findFirst()
            .orElseThrow()
            .snapshot();
    List<Snapshot.Stored> all = new ArrayList<>();
    for (Instant night : nights) {
      Snapshot snapshot =
          new Snapshot(
              dev.hostkeep.backup.repo.GoTime.format(night, java.time.ZoneOffset.UTC),
              null,
              template.tree(),
              template.paths(),
              template.hostname(),
              template.username(),
              template.uid(),
              template.gid(),
              null,
              template.tags(),
              null,
              null,
              null);
      all.add(
          new Snapshot.Stored(
              dev.hostkeep.backup.repo.Id.of(snapshot.time().getBytes()), snapshot));
    }
    return keep.apply(all).keep().stream().map(s -> s.snapshot().instant()).toList();
  }

  private static Repository open(Path repo) {
    Repository repository =
        Repository.open(new LocalBackend(repo), PASSWORD, Repository.Options.defaults());
    repository.loadIndex();
    return repository;
  }

  private static SiteBackup.Listener quiet() {
    return new SiteBackup.Listener() {
      @Override
      public void started(Site site, Part part, BackupStats stats) {}

      @Override
      public void finished(SiteBackup.Outcome outcome) {}
    };
  }
}
