package dev.hostkeep.testkit;

import java.io.IOException;
import java.time.Duration;

/**
 * The Alidns fake as a process of its own, for benchmarks that run hostkeep's real distribution
 * against it. Usage: {@code java -cp hostkeep-testkit.jar dev.hostkeep.testkit.FakeAlidnsMain
 * LATENCY_MS ZONE...} — each ZONE is a domain in the account. It prints one line {@code ready
 * ENDPOINT ACCESS_KEY_ID ACCESS_KEY_SECRET}, then answers commands on stdin: {@code count} prints
 * the number of API requests, {@code count ACTION} those of one action, {@code records ZONE} the
 * number of records in a zone, {@code add ZONE RR TYPE VALUE} seeds a record (TTL 600) and prints
 * its id, {@code value ZONE RR TYPE} prints the values held, space-separated; end of input stops
 * it.
 */
public final class FakeAlidnsMain {
  private FakeAlidnsMain() {}

  public static void main(String[] args) throws IOException {
    try (FakeAlidns alidns = FakeAlidns.start()) {
      alidns.latency(Duration.ofMillis(Long.parseLong(args[0])));
      for (int i = 1; i < args.length; i++) {
        alidns.addZone(args[i]);
      }
      FakeAlidns.Credentials credentials = alidns.credentials();
      System.out.println(
          "ready "
              + alidns.endpoint()
              + " "
              + credentials.accessKeyId()
              + " "
              + credentials.accessKeySecret());
      FakeCommands.serve(
          words ->
              switch (words[0]) {
                case "count" -> words.length > 1 ? alidns.count(words[1]) : alidns.count();
                case "records" -> alidns.zone(words[1]).records().size();
                case "add" -> alidns.zone(words[1]).add(words[2], words[3], words[4], 600).id();
                case "value" ->
                    String.join(
                        " ",
                        alidns.zone(words[1]).records(words[2], words[3]).stream()
                            .map(FakeAlidnsRecord::value)
                            .toList());
                default -> FakeCommands.unknown(words);
              });
    }
  }
}
