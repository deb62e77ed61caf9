package dev.hostkeep.core.host;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A command as an argument vector. Over SSH it travels as one shell line, each argument quoted, so
 * an argument with spaces or quotes arrives as the same single argument.
 */
public record Command(List<String> argv) {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  public Command {
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a command needs at least a program name");
    }
  }

  public static Command of(String... argv) {
    return new Command(List.of(argv));
  }

  /** A command line for {@code sh -c}, as given (pipes and redirections keep their meaning). */
  public static Command shell(String line) {
    return new Command(List.of("sh", "-c", line));
  }

  /** The POSIX shell line that runs exactly this argument vector. */
  public String toShellLine() {
    StringBuilder line = new StringBuilder();
    for (String arg : argv) {
      if (!line.isEmpty()) {
        line.append(' ');
      }
      line.append(quote(arg));
    }
    return line.toString();
  }

  static String quote(String arg) {
    if (!arg.isEmpty() && SAFE.matcher(arg).matches()) {
      return arg;
    }
    return "'" + arg.replace("'", "'\\''") + "'";
  }

  @Override
  public String toString() {
    return toShellLine();
  }
}
