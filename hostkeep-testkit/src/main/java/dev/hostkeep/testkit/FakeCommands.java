package dev.hostkeep.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** The stdin loop of the fakes' {@code *Main} processes: a command a line, a line of answer. */
final class FakeCommands {
  private FakeCommands() {}

  /** Prints what {@code command} answers to each line's words, until the end of input. */
  static void serve(Function<String[], Object> command) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      System.out.println(command.apply(line.strip().split("\\s+")));
    }
  }

  static String unknown(String[] words) {
    return "unknown command " + words[0];
  }
}
