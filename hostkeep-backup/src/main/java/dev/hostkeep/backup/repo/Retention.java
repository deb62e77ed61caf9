package dev.hostkeep.backup.repo;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToLongBiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which snapshots a retention policy keeps, with restic's semantics exactly ({@code restic forget
 * --keep-*}), so a policy means the same in both programs:
 *
 * <ul>
 *   <li>Snapshots are considered newest first, within each group (by default: same host and paths).
 *   <li>{@code last N} keeps the N newest. {@code hourly/daily/weekly/monthly/yearly N} keeps the
 *       newest snapshot of each of the N most recent hours, days, ISO weeks, months or years that
 *       have a snapshot (periods without one do not count), in the time zone each snapshot was
 *       taken in.
 *   <li>{@code within D} keeps every snapshot taken less than D ({@code 1y2m3d4h}) before the
 *       newest snapshot of the group, not before now, so a host that stopped backing up keeps its
 *       last ones.
 *   <li>{@code tags} keeps every snapshot that has all tags of any one of the lists.
 *   <li>A snapshot is kept when any rule keeps it; an empty policy keeps everything.
 * </ul>
 */
public record Retention(
    int last,
    int hourly,
    int daily,
    int weekly,
    int monthly,
    int yearly,
    Within within,
    List<List<String>> tags) {

  public Retention {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** Nothing kept by policy: no rule given. */
  public boolean empty() {
    return last <= 0
        && hourly <= 0
        && daily <= 0
        && weekly <= 0
        && monthly <= 0
        && yearly <= 0
        && (within == null || within.zero())
        && tags.isEmpty();
  }

  /** A span in restic's {@code --keep-within} form: years, months, days, hours ({@code 1y6m}). */
  public record Within(int years, int months, int days, int hours) {
    private static final Pattern PART = Pattern.compile("(\\d+)([ymdh])");

    /** Parses {@code 2y5m7d3h} (any of the parts, in that order or not). */
    public static Within parse(String text) {
      String value = text.trim();
      Matcher part = PART.matcher(value);
      int years = 0;
      int months = 0;
      int days = 0;
      int hours = 0;
      int at = 0;
      while (part.find() && part.start() == at) {
        int number = Integer.parseInt(part.group(1));
        switch (part.group(2)) {
          case "y" -> years += number;
          case "m" -> months += number;
          case "d" -> days += number;
          default -> hours += number;
        }
        at = part.end();
      }
      if (at != value.length() || value.isEmpty()) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a duration like 1y6m, 30d or 12h (years, months, days, hours)");
      }
      return new Within(years, months, days, hours);
    }

    boolean zero() {
      return years == 0 && months == 0 && days == 0 && hours == 0;
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder();
      if (years > 0) {
        text.append(years).append('y');
      }
      if (months > 0) {
        text.append(months).append('m');
      }
      if (days > 0) {
        text.append(days).append('d');
      }
      if (hours > 0) {
        text.append(hours).append('h');
      }
      return text.isEmpty() ? "0h" : text.toString();
    }
  }

  /** What became of one group's snapshots: kept ones (with why), removed ones; newest first. */
  public record Decision(
      List<Snapshot.Stored> keep, List<Snapshot.Stored> remove, Map<Id, List<String>> reasons) {}

  /** Applies the policy to one group of snapshots. */
  public Decision apply(List<Snapshot.Stored> group) {
    Selection<Snapshot.Stored> selection =
        select(group, Retention::time, s -> s.snapshot().tagList());
    Map<Id, List<String>> reasons = new LinkedHashMap<>();
    selection.reasons().forEach((s, why) -> reasons.put(s.id(), why));
    return new Decision(selection.keep(), selection.remove(), reasons);
  }

  /** What the policy keeps of any timed items (newest first), and why. */
  public record Selection<T>(List<T> keep, List<T> remove, Map<T, List<String>> reasons) {}

  /**
   * Applies the policy to one group of items that have a time (in the zone they were taken in,
   * which decides their day and hour buckets) and tags, as restic applies it to snapshots.
   */
  public <T> Selection<T> select(
      List<T> group,
      java.util.function.Function<T, OffsetDateTime> timeOf,
      java.util.function.Function<T, List<String>> tagsOf) {
    List<T> newestFirst = new ArrayList<>(group);
    newestFirst.sort(Comparator.comparing((T s) -> timeOf.apply(s).toInstant()).reversed());
    Map<T, List<String>> reasons = new LinkedHashMap<>();
    if (empty()) {
      newestFirst.forEach(s -> reasons.put(s, List.of("no policy")));
      return new Selection<>(newestFirst, List.of(), reasons);
    }
    List<Bucket> buckets =
        List.of(
            new Bucket(last, (time, nr) -> nr, "last snapshot"),
            new Bucket(
                hourly,
                (time, nr) ->
                    time.getYear() * 1_000_000L
                        + time.getMonthValue() * 10_000L
                        + time.getDayOfMonth() * 100L
                        + time.getHour(),
                "hourly snapshot"),
            new Bucket(
                daily,
                (time, nr) ->
                    time.getYear() * 10_000L + time.getMonthValue() * 100L + time.getDayOfMonth(),
                "daily snapshot"),
            new Bucket(
                weekly,
                (time, nr) ->
                    time.get(IsoFields.WEEK_BASED_YEAR) * 100L
                        + time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR),
                "weekly snapshot"),
            new Bucket(
                monthly,
                (time, nr) -> time.getYear() * 100L + time.getMonthValue(),
                "monthly snapshot"),
            new Bucket(yearly, (time, nr) -> time.getYear(), "yearly snapshot"));
    OffsetDateTime withinStart = null;
    if (within != null && !within.zero() && !newestFirst.isEmpty()) {
      withinStart =
          timeOf
              .apply(newestFirst.getFirst())
              .minusYears(within.years())
              .minusMonths(within.months())
              .minusDays(within.days())
              .minusHours(within.hours());
    }
    List<T> keep = new ArrayList<>();
    List<T> remove = new ArrayList<>();
    for (int nr = 0; nr < newestFirst.size(); nr++) {
      T current = newestFirst.get(nr);
      OffsetDateTime time = timeOf.apply(current);
      List<String> why = new ArrayList<>();
      for (List<String> required : tags) {
        if (!required.isEmpty() && tagsOf.apply(current).containsAll(required)) {
          why.add("has tags " + required);
          break;
        }
      }
      if (withinStart != null && time.isAfter(withinStart)) {
        why.add("within " + within);
      }
      for (Bucket bucket : buckets) {
        if (bucket.count > 0) {
          long value = bucket.key.applyAsLong(time, nr);
          if (bucket.lastValue == null || value != bucket.lastValue) {
            why.add(bucket.reason);
            bucket.lastValue = value;
            bucket.count--;
          }
        }
      }
      if (why.isEmpty()) {
        remove.add(current);
      } else {
        keep.add(current);
        reasons.put(current, why);
      }
    }
    return new Selection<>(keep, remove, reasons);
  }

  /** A snapshot's time in the zone it was taken in, as restic buckets it. */
  private static OffsetDateTime time(Snapshot.Stored snapshot) {
    try {
      return OffsetDateTime.parse(snapshot.snapshot().time());
    } catch (DateTimeParseException e) {
      return snapshot.snapshot().instant().atOffset(java.time.ZoneOffset.UTC);
    }
  }

  private static final class Bucket {
    int count;
    final ToLongBiFunction<OffsetDateTime, Integer> key;
    final String reason;
    Long lastValue;

    Bucket(int count, ToLongBiFunction<OffsetDateTime, Integer> key, String reason) {
      this.count = count;
      this.key = key;
      this.reason = reason;
    }
  }

  /** What snapshots are grouped by before the policy applies to each group. */
  public record GroupBy(boolean host, boolean paths, boolean tags) {
    /** restic's default, {@code host,paths}. */
    public static GroupBy defaults() {
      return new GroupBy(true, true, false);
    }

    /** Parses {@code host,paths,tags} (any of them, or "" for one group of everything). */
    public static GroupBy parse(String text) {
      boolean host = false;
      boolean paths = false;
      boolean tags = false;
      for (String part : text.split(",")) {
        switch (part.trim()) {
          case "host" -> host = true;
          case "paths" -> paths = true;
          case "tags" -> tags = true;
          case "" -> {}
          default ->
              throw new IllegalArgumentException(
                  "'" + part.trim() + "' is not one of host, paths, tags");
        }
      }
      return new GroupBy(host, paths, tags);
    }

    /** The group {@code snapshot} falls in. */
    public Group of(Snapshot snapshot) {
      return new Group(
          host ? snapshot.hostname() : null,
          paths ? List.copyOf(new TreeSet<>(nullToEmpty(snapshot.paths()))) : null,
          tags ? List.copyOf(new TreeSet<>(snapshot.tagList())) : null);
    }

    private static List<String> nullToEmpty(List<String> list) {
      return list == null ? List.of() : list;
    }
  }

  /** A group's key; a {@code null} part is not grouped by. */
  public record Group(String host, List<String> paths, List<String> tags) {
    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      if (host != null) {
        parts.add("host [" + host + "]");
      }
      if (paths != null) {
        parts.add("paths " + paths);
      }
      if (tags != null) {
        parts.add("tags " + tags);
      }
      return parts.isEmpty() ? "all snapshots" : String.join(", ", parts);
    }
  }

  /** {@code snapshots} split by {@code groupBy}, groups in order of their oldest snapshot. */
  public static Map<Group, List<Snapshot.Stored>> group(
      List<Snapshot.Stored> snapshots, GroupBy groupBy) {
    List<Snapshot.Stored> oldestFirst = new ArrayList<>(snapshots);
    oldestFirst.sort(Comparator.comparing(s -> s.snapshot().instant()));
    Map<Group, List<Snapshot.Stored>> groups = new LinkedHashMap<>();
    for (Snapshot.Stored snapshot : oldestFirst) {
      groups.computeIfAbsent(groupBy.of(snapshot.snapshot()), g -> new ArrayList<>()).add(snapshot);
    }
    return groups;
  }
}
