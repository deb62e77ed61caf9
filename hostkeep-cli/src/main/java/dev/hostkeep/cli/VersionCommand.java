package dev.hostkeep.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    name = "version",
    description = "Print hostkeep's version and the Java runtime it runs on.",
    footerHeading = "%nExamples:%n",
    footer = {"  hostkeep version", "  hostkeep version --json"})
final class VersionCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    HostkeepCommand top = (HostkeepCommand) spec.root().userObject();
    if (top.options.json) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("version", version());
      json.put("java", Runtime.version().toString());
      json.put("java_vendor", System.getProperty("java.vendor"));
      json.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
      Json.print(spec.commandLine().getOut(), json);
      return;
    }
    spec.commandLine().getOut().println(String.join("\n", lines()));
  }

  static String[] lines() {
    return new String[] {
      "hostkeep " + version(),
      "java "
          + Runtime.version()
          + " ("
          + System.getProperty("java.vendor")
          + ") on "
          + System.getProperty("os.name")
          + " "
          + System.getProperty("os.arch")
    };
  }

  static String version() {
    Properties properties = new Properties();
    try (InputStream in = VersionCommand.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version", "unknown");
  }

  /** Answers {@code hostkeep --version}. */
  static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return lines();
    }
  }
}
