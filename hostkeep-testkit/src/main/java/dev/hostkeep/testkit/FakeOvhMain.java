package dev.hostkeep.testkit;

import java.io.IOException;
import java.time.Duration;

/**
 * The OVH fake as a process of its own, for benchmarks that run hostkeep's real distribution
 * against it. Usage: {@code java -cp hostkeep-testkit.jar dev.hostkeep.testkit.FakeOvhMain
 * LATENCY_MS SERVICE...} — each SERVICE is a dedicated server. It prints one line {@code ready
 * BASE_URL APPLICATION_KEY APPLICATION_SECRET CONSUMER_KEY}, then answers commands on stdin: {@code
 * count} prints the number of API requests (not counting {@code /auth/time}), {@code domains
 * SERVICE} the number of secondary domains of a service; end of input stops it.
 */
public final class FakeOvhMain {
  private FakeOvhMain() {}

  public static void main(String[] args) throws IOException {
    try (FakeOvh ovh = FakeOvh.start()) {
      ovh.latency(Duration.ofMillis(Long.parseLong(args[0])));
      for (int i = 1; i < args.length; i++) {
        ovh.addDedicated(args[i]);
      }
      FakeOvh.Credentials credentials = ovh.credentials();
      System.out.println(
          "ready "
              + ovh.baseUrl()
              + " "
              + credentials.applicationKey()
              + " "
              + credentials.applicationSecret()
              + " "
              + credentials.consumerKey());
      FakeCommands.serve(
          words ->
              switch (words[0]) {
                case "count" ->
                    ovh.requests().stream().filter(r -> !r.path().endsWith("/auth/time")).count();
                case "domains" -> ovh.dedicated(words[1]).domains().size();
                default -> FakeCommands.unknown(words);
              });
    }
  }
}
