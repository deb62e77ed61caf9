package dev.hostkeep.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;

/** Writes the bash completion script for the whole command tree; run by the build. */
final class Completion {
  private Completion() {}

  public static void main(String[] args) throws IOException {
    String script = AutoComplete.bash("hostkeep", Main.commandLine());
    Files.writeString(Path.of(args[0]), script, StandardCharsets.UTF_8);
  }
}
