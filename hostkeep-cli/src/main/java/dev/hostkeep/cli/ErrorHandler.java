package dev.hostkeep.cli;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.config.ConfigException;
import dev.hostkeep.core.config.Problem;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into its exit code and one clear message on stderr (or a JSON error object
 * on stdout with {@code --json}). hostkeep's own errors carry their exit code; anything else is a
 * bug and says how to see the stack trace.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  private final HostkeepCommand top;

  ErrorHandler(HostkeepCommand top) {
    this.top = top;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
    GlobalOptions options = top.options;
    // the top command line's writers: where its caller (a test, the daemon) pointed them
    CommandLine root = commandLine.getCommandSpec().root().commandLine();
    PrintWriter err = root.getErr();
    ExitCode code = e instanceof HostkeepException h ? h.exitCode() : ExitCode.FAILURE;
    String message = top.redactor().redact(message(e));
    if (options.json) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("ok", false);
      json.put("exit_code", code.code());
      json.put("error", message);
      if (e instanceof ConfigException config) {
        json.put("problems", Json.problems(config.problems()));
      }
      Json.print(root.getOut(), json);
    }
    err.println("hostkeep: " + message);
    if (!(e instanceof HostkeepException) || options.verbose.length >= 2) {
      if (options.verbose.length >= 2) {
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        err.print(top.redactor().redact(trace.toString()));
      } else {
        err.println("(this is a bug in hostkeep; run with -vv for the stack trace)");
      }
    }
    if (e instanceof ConfigException config) {
      List<Problem> warnings =
          config.problems().stream().filter(p -> p.severity() == Problem.Severity.WARNING).toList();
      warnings.forEach(w -> err.println("  " + w));
    }
    err.flush();
    return code.code();
  }

  private static String message(Exception e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getName();
    }
    return e instanceof HostkeepException ? message : e.getClass().getSimpleName() + ": " + message;
  }
}
