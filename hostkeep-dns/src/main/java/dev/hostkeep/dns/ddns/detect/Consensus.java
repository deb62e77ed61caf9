package dev.hostkeep.dns.ddns.detect;

import dev.hostkeep.dns.record.RecordValues;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides from the answers: an address at least {@code agree} sources reported, when exactly one
 * address did. Two addresses both reaching {@code agree} is a conflict and gives no address.
 */
final class Consensus {
  private Consensus() {}

  /**
   * @param configured how many sources are configured; those beyond {@code answers} were not asked
   */
  static Verdict decide(Family family, List<Answer> answers, int agree, int configured) {
    Map<InetAddress, Integer> votes = new LinkedHashMap<>();
    for (Answer answer : answers) {
      answer.address().ifPresent(address -> votes.merge(address, 1, Integer::sum));
    }
    List<InetAddress> winners =
        votes.entrySet().stream()
            .filter(e -> e.getValue() >= agree)
            .map(Map.Entry::getKey)
            .toList();
    String rule = " (agree: " + agree + ")";
    String headline;
    if (winners.size() == 1) {
      InetAddress address = winners.getFirst();
      headline =
          family
              + " address "
              + RecordValues.format(address)
              + ", reported by "
              + votes.get(address)
              + " of "
              + answers.size()
              + (answers.size() == 1 ? " source asked" : " sources asked")
              + rule;
    } else if (winners.size() > 1) {
      headline =
          "no "
              + family
              + " address: sources disagree, "
              + winners.stream().map(RecordValues::format).collect(Collectors.joining(" and "))
              + " were each reported by at least "
              + agree
              + rule;
    } else if (votes.isEmpty()) {
      headline = "no " + family + " address: no source gave a usable answer";
    } else {
      headline =
          "no " + family + " address: no address was reported by " + agree + " sources" + rule;
    }
    int notAsked = configured - answers.size();
    String tail =
        notAsked == 0
            ? ""
            : "; " + notAsked + (notAsked == 1 ? " more source" : " more sources") + " not asked";
    String said = answers.stream().map(Answer::toString).collect(Collectors.joining("; "));
    Optional<InetAddress> address =
        winners.size() == 1 ? Optional.of(winners.getFirst()) : Optional.empty();
    return new Verdict(family, address, answers, headline + ". Answers: " + said + tail);
  }
}
