package dev.hostkeep.backup.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostkeep.backup.repo.GoTime;
import dev.hostkeep.backup.repo.Id;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.backup.repo.Retention;
import dev.hostkeep.backup.repo.Snapshot;
import dev.hostkeep.backup.repo.Tree;
import dev.hostkeep.testkit.Restic;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * hostkeep's retention decides exactly as {@code restic forget} does: the same 120 snapshots (two
 * hosts, two path sets, tags, irregular times over three years in two time zones) are judged by
 * both for each policy, and the kept snapshots must be the same in every group.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionOracleTest {
  @TempDir static Path temp;
  static Path repo;
  static List<Snapshot.Stored> snapshots;

  @BeforeAll
  static void makeSnapshots() {
    repo = temp.resolve("repo");
    Random random = new Random(5);
    try (Repository repository = Repos.init(repo, 2)) {
      Id tree = repository.saveTree(Tree.sorted(List.of()).encode());
      repository.flush();
      OffsetDateTime time = OffsetDateTime.of(2023, 12, 30, 22, 15, 0, 0, ZoneOffset.UTC);
      for (int i = 0; i < 120; i++) {
        time = time.plus(Duration.ofMinutes(20 + random.nextInt(60 * 24 * 12)));
        ZoneOffset zone = i % 3 == 0 ? ZoneOffset.ofHours(2) : ZoneOffset.UTC;
        String host = i % 4 == 0 ? "db1" : "web1";
        List<String> paths = i % 5 == 0 ? List.of("/srv") : List.of("/var/www");
        List<String> tags = i % 7 == 0 ? List.of("monthly-dump", "db") : List.of();
        repository.saveSnapshot(
            new Snapshot(
                GoTime.format(time.toInstant(), zone),
                null,
                tree.toString(),
                paths,
                host,
                "tester",
                0,
                0,
                null,
                tags.isEmpty() ? null : tags,
                null,
                null,
                null));
      }
      snapshots = repository.snapshots();
    }
    assertThat(snapshots).hasSize(120);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "--keep-last 3",
        "--keep-daily 7",
        "--keep-hourly 5 --keep-daily 3",
        "--keep-weekly 6",
        "--keep-monthly 12",
        "--keep-yearly 5",
        "--keep-daily 4 --keep-weekly 3 --keep-monthly 6 --keep-yearly 2",
        "--keep-within 2m15d",
        "--keep-within 1y --keep-last 2",
        "--keep-tag db,monthly-dump --keep-last 1",
        "--keep-monthly 3 --group-by host",
        "--keep-weekly 2 --group-by host,paths,tags",
        "--keep-last 4 --group-by ''"
      })
  void keepsWhatResticKeeps(String flags) throws Exception {
    List<String> args = new ArrayList<>(List.of("forget", "--dry-run", "--json"));
    for (String flag : flags.split(" ")) {
      args.add(flag.equals("''") ? "" : flag);
    }
    String json =
        Restic.at(repo, Repos.PASSWORD).run(args.toArray(String[]::new)).orFail().stdout();
    Set<String> resticKeeps = new TreeSet<>();
    for (JsonNode group : new ObjectMapper().readTree(json)) {
      for (JsonNode kept : group.get("keep")) {
        resticKeeps.add(kept.get("id").asText());
      }
    }

    Retention policy = policy(flags);
    Retention.GroupBy groupBy =
        flags.contains("--group-by ''")
            ? Retention.GroupBy.parse("")
            : flags.contains("--group-by ")
                ? Retention.GroupBy.parse(flags.substring(flags.indexOf("--group-by ") + 11))
                : Retention.GroupBy.defaults();
    Set<String> hostkeepKeeps = new TreeSet<>();
    Map<Retention.Group, List<Snapshot.Stored>> groups = Retention.group(snapshots, groupBy);
    for (List<Snapshot.Stored> group : groups.values()) {
      policy.apply(group).keep().forEach(s -> hostkeepKeeps.add(s.id().toString()));
    }

    assertThat(hostkeepKeeps).as(json).isNotEmpty().hasSizeLessThan(120).isEqualTo(resticKeeps);
  }

  static Retention policy(String flags) {
    Map<String, String> values = new TreeMap<>();
    String[] parts = flags.split(" ");
    for (int i = 0; i + 1 < parts.length; i += 2) {
      values.put(parts[i], parts[i + 1]);
    }
    return new Retention(
        count(values, "--keep-last"),
        count(values, "--keep-hourly"),
        count(values, "--keep-daily"),
        count(values, "--keep-weekly"),
        count(values, "--keep-monthly"),
        count(values, "--keep-yearly"),
        values.containsKey("--keep-within")
            ? Retention.Within.parse(values.get("--keep-within"))
            : null,
        values.containsKey("--keep-tag")
            ? List.of(List.of(values.get("--keep-tag").split(",")))
            : List.of());
  }

  static int count(Map<String, String> values, String flag) {
    return values.containsKey(flag) ? Integer.parseInt(values.get(flag)) : 0;
  }
}
