package dev.hostkeep.cli;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.config.Durations;
import dev.hostkeep.core.engine.Engine;
import dev.hostkeep.core.engine.Engine.ApplyResult;
import dev.hostkeep.core.state.JournalEntry.Outcome;
import dev.hostkeep.core.state.StateStore;
import dev.hostkeep.dns.replicate.ConfiguredReplicate;
import dev.hostkeep.dns.replicate.NotifyListener;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "replicate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Mirror zones edited on a panel or primary to a central DNS service, atomically.",
    synopsisSubcommandLabel = "COMMAND")
final class ReplicateCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static ConfiguredReplicate configured(Session session) {
    return Entries.select(
        session,
        "replicate",
        ConfiguredReplicate.class,
        null,
        ConfiguredReplicate::entryNames,
        ConfiguredReplicate::only);
  }

  @Command(
      name = "sync",
      mixinStandardHelpOptions = true,
      versionProvider = VersionCommand.Provider.class,
      description = {
        "Bring every replicated zone (or the ones named) on the target in line with its source.",
        "Each zone's changes are applied as one unit: all of them or none. Records on the target",
        "that hostkeep did not put there are never changed. Quiet when nothing changed."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  hostkeep replicate sync                      # every zone of every entry",
        "  hostkeep replicate sync example.com --dry-run",
        "  hostkeep replicate sync --force              # past the guard, after checking the plan"
      })
  static final class Sync implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ZONE", description = "Only these zones.")
    List<String> zones = new ArrayList<>();

    @Option(
        names = "--dry-run",
        description = "Show the plan per zone (+ / - / ~) without changing anything.")
    boolean dryRun;

    @Option(names = "--force", description = "Apply even if the guard refuses a zone's plan.")
    boolean force;

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      ConfiguredReplicate replicate = configured(session);
      if (!zones.isEmpty()) {
        replicate = replicate.zones(zones);
      }
      return new QuietRun(session, "replicate")
          .run(replicate, dryRun, QuietRun.options(force, false));
    }
  }

  @Command(
      name = "push",
      mixinStandardHelpOptions = true,
      versionProvider = VersionCommand.Provider.class,
      description = {
        "Replicate one zone now: for a panel's event hook after a DNS change.",
        "Exits 0 when the target serves the zone's records; otherwise non-zero with one line on",
        "stderr saying why, so the panel can show the error."
      },
      footerHeading = "%nExamples:%n",
      footer = {"  hostkeep replicate push example.com"})
  static final class Push implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1", paramLabel = "ZONE", description = "The zone that changed.")
    String zone;

    @Option(names = "--force", description = "Apply even if the guard refuses the plan.")
    boolean force;

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      ConfiguredReplicate replicate = configured(session).zones(List.of(zone));
      ApplyResult result;
      try (StateStore state = session.state()) {
        result =
            session
                .engine()
                .apply(
                    replicate,
                    state,
                    QuietRun.options(force, false),
                    plan -> true,
                    new Engine.Events() {});
      }
      String reason = reason(result);
      if (reason != null) {
        session
            .err()
            .println("hostkeep: replicate push " + zone + ": " + session.redactor().redact(reason));
        session.err().flush();
        return Engine.exitCode(List.of(result)).code() == 0
            ? ExitCode.FAILURE.code()
            : Engine.exitCode(List.of(result)).code();
      }
      if (result.report() != null) {
        session
            .out()
            .println(
                zone + ": " + result.report().count(Outcome.APPLIED) + " RRset changes replicated");
        session.out().flush();
      }
      return 0;
    }

    private static String reason(ApplyResult result) {
      return switch (result.outcome()) {
        case APPLIED, NOTHING_TO_DO -> null;
        case REFUSED ->
            "the guard refused the plan (" + result.refusals().getFirst().reason() + ")";
        case DECLINED -> "not confirmed";
        default -> {
          if (result.report() != null && !result.report().failures().isEmpty()) {
            yield result.report().failures().getFirst().message();
          }
          if (result.plan() != null && !result.plan().problems().isEmpty()) {
            yield result.plan().problems().getFirst();
          }
          yield String.valueOf(result.error());
        }
      };
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      versionProvider = VersionCommand.Provider.class,
      description = {
        "Per zone: the source serial last seen, the serial last replicated, how long the target",
        "has been behind, and the last error. Reads the state store only: fast, contacts nothing."
      },
      footerHeading = "%nExamples:%n",
      footer = {"  hostkeep replicate status", "  hostkeep replicate status --json"})
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      ConfiguredReplicate replicate = configured(session);
      List<ConfiguredReplicate.ZoneStatus> status;
      try (StateStore state = session.readOnlyState()) {
        status = replicate.status(state);
      }
      Instant now = Instant.now();
      if (session.json()) {
        List<Map<String, Object>> json = new ArrayList<>();
        for (var zone : status) {
          Map<String, Object> z = new LinkedHashMap<>();
          z.put("zone", zone.target());
          z.put("source_serial", zone.sourceSerial().orElse(null));
          z.put("replicated_serial", zone.replicatedSerial().orElse(null));
          z.put("replicated_at", zone.replicatedAt().map(Object::toString).orElse(null));
          z.put("behind_since", zone.behindSince().map(Object::toString).orElse(null));
          z.put("owned_rrsets", zone.owned());
          z.put("last_error", zone.lastError().map(session.redactor()::redact).orElse(null));
          json.add(z);
        }
        Json.print(session.out(), Map.of("zones", json));
        return 0;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"ZONE", "SOURCE SERIAL", "REPLICATED", "LAG", "OWNED", "LAST ERROR"});
      for (var zone : status) {
        rows.add(
            new String[] {
              zone.target(),
              zone.sourceSerial().map(String::valueOf).orElse("-"),
              zone.replicatedSerial().map(String::valueOf).orElse("never"),
              zone.behindSince()
                  .map(t -> lag(Duration.between(t, now)))
                  .orElse(zone.replicatedSerial().isPresent() ? "0" : "-"),
              String.valueOf(zone.owned()),
              zone.lastError().map(session.redactor()::redact).orElse("")
            });
      }
      Table.print(session.out(), rows);
      session.out().flush();
      return 0;
    }

    private static String lag(Duration lag) {
      long s = Math.max(0, lag.toSeconds());
      return s < 120 ? s + "s" : s < 7200 ? s / 60 + "m" : s / 3600 + "h";
    }
  }

  @Command(
      name = "listen",
      mixinStandardHelpOptions = true,
      versionProvider = VersionCommand.Provider.class,
      description = {
        "Take DNS NOTIFY messages from the source servers, like a secondary, and replicate each",
        "notified zone at once; every zone is also reconciled at start and every reconcile_every.",
        "Runs until stopped. Configure the source to notify the address of each entry's notify.listen."
      },
      footerHeading = "%nExamples:%n",
      footer = {"  hostkeep replicate listen", "  hostkeep replicate listen -v"})
  static final class Listen implements Callable<Integer> {
    /**
     * How long to wait for more NOTIFYs before replicating: a panel often changes several zones.
     */
    static final Duration GATHER = Duration.ofMillis(20);

    /** How soon a run that could not go ahead is tried again (reconcile_every, if shorter). */
    static final Duration RETRY = Duration.ofSeconds(30);

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      Session session = HostkeepCommand.session(spec);
      ConfiguredReplicate replicate = configured(session);
      List<ConfiguredReplicate.Listening> listening = replicate.listeners();
      if (listening.isEmpty()) {
        throw HostkeepException.usage(
            "no replicate entry has notify.listen: add e.g. 'notify: { listen: 127.0.0.1:5300 }'");
      }
      BlockingQueue<String> dirty = new LinkedBlockingQueue<>();
      List<NotifyListener> listeners = new ArrayList<>();
      try {
        for (var entry : listening) {
          try {
            listeners.add(
                NotifyListener.start(
                    entry.host(),
                    entry.port(),
                    Set.copyOf(entry.zones()),
                    entry.allow(),
                    dirty::add));
          } catch (IOException e) {
            throw new HostkeepException(
                "replicate "
                    + entry.entry()
                    + ": cannot listen on "
                    + entry.host()
                    + ":"
                    + entry.port()
                    + ": "
                    + e.getMessage(),
                e);
          }
          session
              .err()
              .println(
                  "listening for NOTIFY on "
                      + entry.host()
                      + ":"
                      + entry.port()
                      + " ("
                      + entry.zones().size()
                      + " zones of "
                      + entry.entry()
                      + ")");
        }
        session.err().flush();
        loop(session, replicate, dirty);
      } finally {
        listeners.forEach(NotifyListener::close);
      }
      return 0;
    }

    private static void loop(
        Session session, ConfiguredReplicate replicate, BlockingQueue<String> dirty)
        throws InterruptedException {
      Duration every = replicate.reconcileEvery();
      Duration retry = every.compareTo(RETRY) < 0 ? every : RETRY;
      QuietRun run = new QuietRun(session, "replicate");
      Instant nextReconcile =
          Instant.now().plus(attempt(session, run, replicate, null, retry) ? every : retry);
      Set<String> pending = new TreeSet<>(); // notified zones whose run failed: tried again
      Instant retryAt = Instant.MAX;
      while (true) {
        Instant next = retryAt.isBefore(nextReconcile) ? retryAt : nextReconcile;
        long wait = Math.max(0, Duration.between(Instant.now(), next).toMillis());
        String first = dirty.poll(wait, TimeUnit.MILLISECONDS);
        Set<String> zones = new TreeSet<>(pending);
        if (first == null) {
          if (!Instant.now().isBefore(nextReconcile)) {
            boolean done = attempt(session, run, replicate, null, retry);
            nextReconcile = Instant.now().plus(done ? every : retry);
            if (done) {
              pending.clear();
              retryAt = Instant.MAX;
            }
            continue;
          }
          if (zones.isEmpty()) {
            continue;
          }
        } else {
          zones.add(first);
          for (String more = dirty.poll(GATHER.toMillis(), TimeUnit.MILLISECONDS);
              more != null;
              more = dirty.poll(GATHER.toMillis(), TimeUnit.MILLISECONDS)) {
            zones.add(more);
          }
        }
        pending.clear();
        retryAt = Instant.MAX;
        if (!attempt(session, run, replicate, zones, retry)) {
          pending.addAll(zones);
          retryAt = Instant.now().plus(retry);
        }
      }
    }

    /**
     * One run, of every zone ({@code zones} null) or of {@code zones}. A run that cannot go ahead
     * (another run holding the lock past its wait, a source that is down) is reported and tried
     * again after {@code retry}: the listener keeps listening.
     */
    private static boolean attempt(
        Session session,
        QuietRun run,
        ConfiguredReplicate replicate,
        Set<String> zones,
        Duration retry) {
      try {
        run.run(
            zones == null ? replicate : replicate.zones(zones),
            false,
            QuietRun.options(false, false));
        return true;
      } catch (HostkeepException e) {
        session
            .err()
            .println(
                "hostkeep: replicate "
                    + (zones == null ? "(every zone)" : String.join(" ", zones))
                    + ": "
                    + session.redactor().redact(e.getMessage())
                    + "; trying again in "
                    + Durations.format(retry));
        session.err().flush();
        return false;
      }
    }
  }
}
