package dev.hostkeep.testkit;

import java.nio.file.Path;
import java.util.List;

/** Asks a loopback DNS server with the real {@code dig}, as a user checking a server would. */
final class Dig {
  private Dig() {}

  /** The {@code +short} answer lines for {@code name}/{@code type} from 127.0.0.1:{@code port}. */
  static List<String> answers(int port, String name, String type) {
    String dig = Binaries.require("dig").toString();
    List<String> command =
        List.of(
            dig,
            "@127.0.0.1",
            "-p",
            Integer.toString(port),
            "+short",
            "+norecurse",
            "+time=2",
            "+tries=1",
            name,
            type);
    return ExternalCommand.run(Path.of("."), command).orFail().stdout().lines().toList();
  }
}
