package dev.hostkeep.testkit;

import java.io.IOException;
import java.time.Duration;

/**
 * The Cloudflare fake as a process of its own, for benchmarks that run hostkeep's real distribution
 * against it. Usage: {@code java -cp hostkeep-testkit.jar dev.hostkeep.testkit.FakeCloudflareMain
 * LATENCY_MS ZONE...}. It prints one line {@code ready BASE_URL API_TOKEN}, then answers commands
 * on stdin: {@code count} prints the number of API requests, {@code records ZONE} the number of
 * records of a zone; end of input stops it.
 */
public final class FakeCloudflareMain {
  private FakeCloudflareMain() {}

  public static void main(String[] args) throws IOException {
    try (FakeCloudflare cloudflare = FakeCloudflare.start()) {
      cloudflare.latency(Duration.ofMillis(Long.parseLong(args[0])));
      for (int i = 1; i < args.length; i++) {
        cloudflare.addZone(args[i]);
      }
      System.out.println("ready " + cloudflare.baseUrl() + " " + cloudflare.token());
      FakeCommands.serve(
          words ->
              switch (words[0]) {
                case "count" -> cloudflare.requests().size();
                case "records" -> cloudflare.zone(words[1]).records().size();
                default -> FakeCommands.unknown(words);
              });
    }
  }
}
