package dev.hostkeep.dns.ddns.detect;

import dev.hostkeep.dns.record.RecordValues;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sources of one family and how many must agree. With {@code agree: 1} the sources are asked
 * one after another in configured order until one gives a usable address, which spares the other
 * services a request. With more, all are asked at once, each on its own virtual thread, and each is
 * abandoned once its timeout (plus a little grace for its own timeout to report) has passed.
 */
record FamilyDetection(
    Family family,
    List<AddressSource> sources,
    int agree,
    Duration timeout,
    DetectionContext context) {
  private static final Logger LOG = LoggerFactory.getLogger(FamilyDetection.class);
  // Sources stop themselves at their timeout and say why (a DNS timeout, a killed command); the
  // guard only catches those that cannot, so it leaves them time to report first.
  private static final Duration GRACE = Duration.ofSeconds(1);

  FamilyDetection {
    sources = List.copyOf(sources);
    if (agree < 1 || agree > sources.size()) {
      throw new IllegalArgumentException(
          "agree must be between 1 and " + sources.size() + ", got " + agree);
    }
  }

  Verdict detect() {
    List<Answer> answers = new ArrayList<>();
    if (agree == 1) {
      for (AddressSource source : sources) {
        Answer answer = await(start(source));
        answers.add(answer);
        if (answer.address().isPresent()) {
          break;
        }
      }
    } else {
      List<Asked> asked = sources.stream().map(this::start).toList();
      asked.forEach(a -> answers.add(await(a)));
    }
    Verdict verdict = Consensus.decide(family, answers, agree, sources.size());
    LOG.debug("{}", verdict.explanation());
    return verdict;
  }

  /**
   * {@code deadlineNanos} is on {@link System#nanoTime()}: waiting is real even under a test clock.
   */
  private record Asked(
      AddressSource source, FutureTask<InetAddress> task, Instant started, long deadlineNanos) {}

  private Asked start(AddressSource source) {
    FutureTask<InetAddress> task = new FutureTask<>(() -> source.detect(family, timeout));
    Instant started = context.clock().instant();
    long deadline = System.nanoTime() + timeout.plus(GRACE).toNanos();
    // A platform daemon thread: the first virtual thread would start the ForkJoinPool and the
    // socket pollers that carry it, several milliseconds a cron run spends for one small request.
    Thread.ofPlatform().daemon().name("hostkeep-detect-" + family.key()).start(task);
    return new Asked(source, task, started, deadline);
  }

  private Answer await(Asked asked) {
    String name = asked.source().describe();
    try {
      long left = Math.max(0, asked.deadlineNanos() - System.nanoTime());
      InetAddress address = asked.task().get(left, TimeUnit.NANOSECONDS);
      LOG.debug("{} {}: {}", family, name, RecordValues.format(address));
      return Answer.of(name, address, took(asked));
    } catch (TimeoutException e) {
      asked.task().cancel(true);
      return rejected(asked, "no answer within " + Timeouts.text(timeout));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      return rejected(
          asked,
          cause instanceof SourceProblem problem
              ? problem.getMessage()
              : "failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
    } catch (InterruptedException e) {
      asked.task().cancel(true);
      Thread.currentThread().interrupt();
      return rejected(asked, "interrupted before it answered");
    }
  }

  private Answer rejected(Asked asked, String problem) {
    LOG.warn("{} source {} rejected: {}", family, asked.source().describe(), problem);
    return Answer.problem(asked.source().describe(), problem, took(asked));
  }

  private Duration took(Asked asked) {
    return Duration.between(asked.started(), context.clock().instant());
  }
}
