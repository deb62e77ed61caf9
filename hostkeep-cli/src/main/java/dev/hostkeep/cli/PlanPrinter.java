package dev.hostkeep.cli;

import dev.hostkeep.core.plan.Action;
import dev.hostkeep.core.plan.Change;
import dev.hostkeep.core.plan.Guard;
import dev.hostkeep.core.plan.Plan;
import dev.hostkeep.core.plan.TargetPlan;
import dev.hostkeep.core.secret.Redactor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shows plans to people (aligned, one line per change, counts per target, colour on a terminal) and
 * to machines ({@code --json}). Every text goes through the redactor on its way out.
 */
final class PlanPrinter {
  private static final String RESET = "\u001b[0m";

  private final PrintWriter out;
  private final boolean color;
  private final Redactor redactor;

  PlanPrinter(PrintWriter out, boolean color, Redactor redactor) {
    this.out = out;
    this.color = color;
    this.redactor = redactor;
  }

  void print(Plan plan, List<Guard.Refusal> refusals) {
    out.println(bold(plan.capability()));
    if (plan.targets().isEmpty()) {
      out.println("  no targets");
    }
    for (TargetPlan target : plan.targets()) {
      printTarget(target);
    }
    for (String note : plan.notes()) {
      out.println("  note: " + redactor.redact(note));
    }
    for (String problem : plan.problems()) {
      out.println(paint("  ! error: " + redactor.redact(problem), "\u001b[1;31m"));
    }
    for (Guard.Refusal refusal : refusals) {
      out.println(
          paint("  ! guard: " + refusal.target() + ": " + refusal.reason(), "\u001b[1;31m"));
    }
    out.flush();
  }

  void summary(List<Plan> plans) {
    long create = plans.stream().mapToLong(p -> p.count(Action.CREATE)).sum();
    long update = plans.stream().mapToLong(p -> p.count(Action.UPDATE)).sum();
    long delete = plans.stream().mapToLong(p -> p.count(Action.DELETE)).sum();
    if (create + update + delete == 0) {
      out.println("No changes: everything is as configured.");
    } else {
      out.printf("Plan: %d to create, %d to update, %d to delete.%n", create, update, delete);
    }
    out.flush();
  }

  private void printTarget(TargetPlan target) {
    String counts =
        target.changes().isEmpty()
            ? "up to date"
            : counts(target) + " (" + target.existing() + " now, " + target.after() + " after)";
    out.println("  " + redactor.redact(target.target()) + "  " + counts);
    int kindWidth = target.changes().stream().mapToInt(c -> c.kind().length()).max().orElse(0);
    int keyWidth = target.changes().stream().mapToInt(c -> c.key().length()).max().orElse(0);
    for (Change change : target.changes()) {
      String line =
          "    "
              + change.action().symbol()
              + " "
              + pad(change.kind(), kindWidth)
              + "  "
              + pad(change.key(), keyWidth)
              + detail(change);
      out.println(paint(redactor.redact(line.stripTrailing()), colorOf(change.action())));
    }
  }

  private static String counts(TargetPlan target) {
    List<String> parts = new ArrayList<>();
    addCount(parts, target.count(Action.CREATE), "to create");
    addCount(parts, target.count(Action.UPDATE), "to update");
    addCount(parts, target.count(Action.DELETE), "to delete");
    return String.join(", ", parts);
  }

  private static void addCount(List<String> parts, long count, String what) {
    if (count > 0) {
      parts.add(count + " " + what);
    }
  }

  private static String detail(Change change) {
    return switch (change.action()) {
      case CREATE -> change.after() == null ? "" : "  " + change.after();
      case DELETE -> change.before() == null ? "" : "  " + change.before();
      case UPDATE -> "  " + nullToDash(change.before()) + " -> " + nullToDash(change.after());
    };
  }

  private static String nullToDash(String text) {
    return text == null ? "-" : text;
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }

  private String bold(String text) {
    return paint(text, "\u001b[1m");
  }

  private String paint(String text, String code) {
    return color ? code + text + RESET : text;
  }

  private static String colorOf(Action action) {
    return switch (action) {
      case CREATE -> "\u001b[32m";
      case UPDATE -> "\u001b[33m";
      case DELETE -> "\u001b[31m";
    };
  }

  /** The documented JSON form of one plan (docs/json.md). */
  Map<String, Object> json(Plan plan, List<Guard.Refusal> refusals) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("capability", plan.capability());
    List<Map<String, Object>> targets = new ArrayList<>();
    for (TargetPlan target : plan.targets()) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("target", redactor.redact(target.target()));
      t.put("existing", target.existing());
      t.put("after", target.after());
      t.put(
          "refused",
          refusals.stream()
              .filter(r -> r.target().equals(target.target()))
              .map(Guard.Refusal::reason)
              .findFirst()
              .orElse(null));
      t.put("changes", target.changes().stream().map(this::json).toList());
      targets.add(t);
    }
    json.put("targets", targets);
    json.put("notes", plan.notes().stream().map(redactor::redact).toList());
    json.put("problems", plan.problems().stream().map(redactor::redact).toList());
    json.put(
        "counts",
        Map.of(
            "create", plan.count(Action.CREATE),
            "update", plan.count(Action.UPDATE),
            "delete", plan.count(Action.DELETE)));
    return json;
  }

  private Map<String, Object> json(Change change) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("action", change.action().name().toLowerCase());
    json.put("kind", change.kind());
    json.put("key", redactor.redact(change.key()));
    json.put("before", redactor.redact(change.before()));
    json.put("after", redactor.redact(change.after()));
    return json;
  }
}
