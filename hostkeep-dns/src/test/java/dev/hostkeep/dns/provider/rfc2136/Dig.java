package dev.hostkeep.dns.provider.rfc2136;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Asks a loopback server with the real {@code dig}, as a user checking the primary would. */
public final class Dig {
  private Dig() {}

  public static List<String> answers(int port, String name, String type) {
    String dig = dev.hostkeep.testkit.Binaries.require("dig").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                dig,
                "@127.0.0.1",
                "-p",
                Integer.toString(port),
                "+short",
                "+norecurse",
                "+time=2",
                "+tries=1",
                name,
                type)
            .redirectErrorStream(true);
    try {
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      return out.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
