package dev.hostkeep.cli;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.state.StateStore;
import dev.hostkeep.dns.ddns.DdnsConfImport;
import dev.hostkeep.dns.secondary.OvhDnsUpdaterImport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Turn another tool's config into hostkeep YAML, to move over in minutes.",
    synopsisSubcommandLabel = "TOOL")
final class ImportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "ovh-dnsupdater",
      mixinStandardHelpOptions = true,
      versionProvider = VersionCommand.Provider.class,
      description = {
        "Convert ovh-dnsupdater's INI config (default /etc/ovh-dnsupdater) into a 'secondary' entry",
        "with an OVH provider. The SOAP password is never copied: the REST API needs new keys, left",
        "as placeholders with instructions."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  hostkeep import ovh-dnsupdater /etc/ovh-dnsupdater",
        "  hostkeep import ovh-dnsupdater /etc/ovh-dnsupdater -o /etc/hostkeep/hostkeep.yaml"
      })
  static final class OvhDnsUpdater implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        arity = "0..1",
        paramLabel = "FILE",
        defaultValue = "/etc/ovh-dnsupdater",
        description = "ovh-dnsupdater's config (default ${DEFAULT-VALUE}).")
    Path file;

    @Mixin Output output;

    @Override
    public Integer call() throws IOException {
      return output.write(spec, OvhDnsUpdaterImport.toYaml(file));
    }
  }

  /** Where an importer's YAML goes: stdout, or {@code -o OUT} written with mode 0600. */
  static final class Output {
    @Option(
        names = {"-o", "--output"},
        paramLabel = "OUT",
        description = "Write the YAML here (mode 0600) instead of printing it.")
    Path file;

    @Option(names = "--overwrite", description = "Replace OUT if it exists.")
    boolean overwrite;

    int write(CommandSpec spec, String yaml) throws IOException {
      if (file == null) {
        spec.commandLine().getOut().print(yaml);
        spec.commandLine().getOut().flush();
        return 0;
      }
      if (Files.exists(file) && !overwrite) {
        throw HostkeepException.usage(file + " exists; use --overwrite to replace it");
      }
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, yaml, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
      spec.commandLine()
          .getErr()
          .println("hostkeep: wrote " + file + "; next: hostkeep config check -c " + file);
      return 0;
    }
  }

  @Command(
      name = "ddns-conf",
      mixinStandardHelpOptions = true,
      versionProvider = VersionCommand.Provider.class,
      description = {
        "Convert aliyun-ddns-client's INI config (default /etc/ddns.conf) into a 'ddns' entry with",
        "an alidns provider, and carry each record's cached id and value over into hostkeep's",
        "state, so the first run makes no provider request while the address is unchanged.",
        "The access key secret is not copied: the YAML reads it from a file you fill."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  hostkeep import ddns-conf /etc/ddns.conf",
        "  hostkeep import ddns-conf /etc/ddns.conf -o /etc/hostkeep/hostkeep.yaml",
        "  hostkeep import ddns-conf /etc/ddns.conf --no-state   # YAML only"
      })
  static final class DdnsConf implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        arity = "0..1",
        paramLabel = "FILE",
        defaultValue = "/etc/ddns.conf",
        description = "aliyun-ddns-client's config (default ${DEFAULT-VALUE}).")
    Path file;

    @Mixin Output output;

    @Option(
        names = "--no-state",
        description = "Do not carry the cached record ids and values into the state store.")
    boolean noState;

    @Override
    public Integer call() throws IOException {
      DdnsConfImport imported = DdnsConfImport.read(file);
      if (!noState) {
        Session session = HostkeepCommand.session(spec);
        int carried;
        try (StateStore state = session.state()) {
          carried = imported.carryOver(state, session.clock().instant());
          spec.commandLine()
              .getErr()
              .println(
                  "hostkeep: carried "
                      + carried
                      + " cached record ids and values into "
                      + state.location());
        }
      }
      return output.write(spec, imported.toYaml());
    }
  }

  @Command(
      name = "vakap",
      mixinStandardHelpOptions = true,
      versionProvider = VersionCommand.Provider.class,
      description = {
        "Convert vakap's settings.json into a 'sites' section and a repository in vakap's S3",
        "bucket: one site per vakap site and host, one part per component (MysqlComponent,",
        "PostgresComponent, TgzComponent, DuplicityComponent). No secret is copied."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  hostkeep import vakap settings.json",
        "  hostkeep import vakap settings.json -o /etc/hostkeep/hostkeep.yaml"
      })
  static final class Vakap implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        arity = "0..1",
        paramLabel = "FILE",
        defaultValue = "settings.json",
        description = "vakap's settings (default ${DEFAULT-VALUE}, as vakap reads it).")
    Path file;

    @Mixin Output output;

    @Override
    public Integer call() {
      try {
        return output.write(spec, dev.hostkeep.backup.site.VakapImport.toYaml(file));
      } catch (IOException e) {
        throw HostkeepException.usage("cannot write: " + e.getMessage());
      }
    }
  }
}
