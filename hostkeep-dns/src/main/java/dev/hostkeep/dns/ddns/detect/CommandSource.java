package dev.hostkeep.dns.ddns.detect;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/** A local command whose first line of output is the address. */
record CommandSource(List<String> command, String text, CommandRunner runner)
    implements AddressSource {
  CommandSource {
    command = List.copyOf(command);
  }

  @Override
  public String describe() {
    return "command " + text;
  }

  @Override
  public InetAddress detect(Family family, Duration timeout)
      throws SourceProblem, InterruptedException {
    String line;
    try {
      line = runner.firstLine(command, timeout);
    } catch (IOException e) {
      throw new SourceProblem(e.getMessage());
    }
    return AddressText.parse(line, family);
  }
}
