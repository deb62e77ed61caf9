package dev.hostkeep.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] words = line.strip().split("\\s+");
        switch (words[0]) {
          case "count" -> System.out.println(cloudflare.requests().size());
          case "records" -> System.out.println(cloudflare.zone(words[1]).records().size());
          default -> System.out.println("unknown command " + words[0]);
        }
      }
    }
  }
}
