package dev.hostkeep.dns.ddns.detect;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one detection for one family: the address enough sources agreed on, or none. The
 * {@code answers} are those of every source asked, in configured order; sources not asked (with
 * {@code agree: 1} detection stops at the first good answer) are absent. {@code explanation} says
 * in one line why there is or is not an address, listing what each source said.
 */
public record Verdict(
    Family family, Optional<InetAddress> address, List<Answer> answers, String explanation) {
  public Verdict {
    answers = List.copyOf(answers);
    address.ifPresent(
        a -> {
          if (!family.holds(a)) {
            throw new IllegalArgumentException(a + " is not an " + family + " address");
          }
        });
  }

  @Override
  public String toString() {
    return explanation;
  }
}
