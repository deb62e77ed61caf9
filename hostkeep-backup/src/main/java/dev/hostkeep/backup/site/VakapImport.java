package dev.hostkeep.backup.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostkeep.core.HostkeepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns vakap's {@code settings.json} ({@code settings}: ssh key, S3 bucket, gpg key; {@code
 * hosts}: sites with components {@code MysqlComponent}, {@code PostgresComponent}, {@code
 * TgzComponent}, {@code DuplicityComponent}, each with its {@code host_string}) into a hostkeep
 * config: one repository in the old bucket, one site per vakap site and host, one part per
 * component.
 */
public final class VakapImport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private VakapImport() {}

  public static String toYaml(Path file) {
    JsonNode root = read(file);
    JsonNode settings = root.path("settings");
    String bucket = settings.path("backup_s3_bucket").asText("");
    StringBuilder yaml = new StringBuilder();
    yaml.append("# Imported from ").append(file).append(" (vakap) by hostkeep import.\n");
    yaml.append(
        "# 1. Put a new repository password in /etc/hostkeep/vakap-repo.pass (mode 0600) and\n");
    yaml.append(
        "#    S3 keys for the node that runs hostkeep (site hosts need none any more), then\n");
    yaml.append("#    'hostkeep repo init -r vakap'.\n");
    yaml.append(
        "# 2. Check it: hostkeep config check; hostkeep backup run --dry-run; hostkeep backup run\n");
    yaml.append("# 3. Replace vakap's cron line with 'hostkeep backup run --due' every hour.\n");
    if (settings.has("gpg_key")) {
      yaml.append("# vakap encrypted to gpg key ")
          .append(settings.path("gpg_key").asText())
          .append("; this repository is encrypted with its password instead.\n");
    }
    if (settings.has("default_ssh_key")) {
      yaml.append("# vakap's SSH key ")
          .append(settings.path("default_ssh_key"))
          .append(": hostkeep uses ~/.ssh/id_* or ssh-agent of the user running it.\n");
    }
    yaml.append("repositories:\n  vakap:\n");
    yaml.append("    url: ")
        .append(
            quote(
                bucket.isEmpty()
                    ? "s3:s3.amazonaws.com/CHANGE-ME/hostkeep"
                    : "s3:s3.amazonaws.com/" + bucket + "/hostkeep"))
        .append('\n');
    yaml.append("    password: '${file:/etc/hostkeep/vakap-repo.pass}'\n");
    yaml.append("sites:\n");
    JsonNode hosts = root.path("hosts");
    if (!hosts.isArray() || hosts.isEmpty()) {
      throw HostkeepException.usage(file + ": no \"hosts\" list of sites; nothing to import");
    }
    for (int i = 0; i < hosts.size(); i++) {
      site(file, i, hosts.get(i), yaml);
    }
    return yaml.toString();
  }

  private static void site(Path file, int index, JsonNode site, StringBuilder yaml) {
    String name = site.path("name").asText("");
    if (name.isEmpty()) {
      throw HostkeepException.usage(file + ": hosts[" + index + "] has no \"name\"");
    }
    Map<String, List<String>> partsByHost = new LinkedHashMap<>();
    JsonNode components = site.path("components");
    for (int c = 0; c < components.size(); c++) {
      JsonNode component = components.get(c);
      String where = file + ": hosts[" + index + "] (" + name + ") components[" + c + "]";
      String host = component.path("host_string").asText("");
      if (host.isEmpty()) {
        throw HostkeepException.usage(where + " has no \"host_string\"");
      }
      partsByHost.computeIfAbsent(host, h -> new ArrayList<>()).add(part(where, component));
    }
    if (partsByHost.isEmpty()) {
      throw HostkeepException.usage(file + ": site '" + name + "' has no components");
    }
    boolean split = partsByHost.size() > 1;
    for (Map.Entry<String, List<String>> entry : partsByHost.entrySet()) {
      String host = entry.getKey();
      String siteName =
          split ? name + "-" + host.replaceAll(".*@", "").replaceAll("[^A-Za-z0-9.-]", "-") : name;
      yaml.append("  - name: ").append(quote(siteName)).append('\n');
      if (split) {
        yaml.append("    # vakap's site '")
            .append(name)
            .append("' had components on several hosts\n");
      }
      yaml.append("    host: ").append(quote("ssh://" + host)).append('\n');
      yaml.append("    repository: vakap\n");
      yaml.append("    schedule: daily\n");
      yaml.append(
          "    keep: { daily: 7, weekly: 4, monthly: 12 }   # vakap kept everything; adjust\n");
      yaml.append("    parts:\n");
      for (String part : entry.getValue()) {
        yaml.append("      - ").append(part).append('\n');
      }
    }
  }

  private static String part(String where, JsonNode component) {
    String type = component.path("type").asText("");
    return switch (type) {
      case "MysqlComponent" -> "mysql: { " + database(where, component) + " }";
      case "PostgresComponent" -> "postgres: { " + database(where, component) + " }";
      case "TgzComponent" ->
          "files: { path: " + quote(path(where, component)) + ", follow_symlinks: true }";
      case "DuplicityComponent" -> {
        String path = path(where, component);
        yield "files: { path: " + quote(path) + ", exclude: [ " + quote(path + "/logs") + " ] }";
      }
      default ->
          throw HostkeepException.usage(
              where
                  + ": unknown component type '"
                  + type
                  + "'; known are MysqlComponent, PostgresComponent, TgzComponent,"
                  + " DuplicityComponent");
    };
  }

  private static String database(String where, JsonNode component) {
    String database = component.path("db_name").asText("");
    if (database.isEmpty()) {
      throw HostkeepException.usage(where + " has no \"db_name\"");
    }
    String user = component.path("db_user").asText("");
    return "database: " + quote(database) + (user.isEmpty() ? "" : ", user: " + quote(user));
  }

  private static String path(String where, JsonNode component) {
    String path = component.path("site_path").asText("");
    if (!path.startsWith("/")) {
      throw HostkeepException.usage(where + " needs an absolute \"site_path\", has '" + path + "'");
    }
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw HostkeepException.usage("no vakap settings at " + file);
    } catch (JsonProcessingException e) {
      throw HostkeepException.usage(
          file
              + ":"
              + e.getLocation().getLineNr()
              + ":"
              + e.getLocation().getColumnNr()
              + ": not valid JSON: "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw HostkeepException.usage("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** A YAML scalar in double quotes, so any text stays itself. */
  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
