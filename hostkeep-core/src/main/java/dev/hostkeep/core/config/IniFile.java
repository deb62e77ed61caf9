package dev.hostkeep.core.config;

import dev.hostkeep.core.HostkeepException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An INI file as the tools hostkeep imports from wrote them: {@code [section]}, {@code key =
 * value}, {@code ;} and {@code #} comments. Section and key names are compared in lower case.
 */
public final class IniFile {
  private final Path path;
  private final Map<String, Map<String, String>> sections;

  private IniFile(Path path, Map<String, Map<String, String>> sections) {
    this.path = path;
    this.sections = sections;
  }

  public static IniFile read(Path path) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw HostkeepException.usage("cannot read " + path + ": " + e.getMessage());
    }
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> current = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        current = new LinkedHashMap<>();
        sections.put(
            line.substring(1, line.length() - 1).strip().toLowerCase(Locale.ROOT), current);
        continue;
      }
      int equals = line.indexOf('=');
      if (equals < 0 || current == null) {
        throw HostkeepException.usage(
            path
                + ":"
                + (i + 1)
                + ": expected 'key = value' inside a [section], found '"
                + line
                + "'");
      }
      current.put(
          line.substring(0, equals).strip().toLowerCase(Locale.ROOT),
          unquote(line.substring(equals + 1).strip()));
    }
    return new IniFile(path, sections);
  }

  /** The section names in file order, in lower case. */
  public List<String> sections() {
    return List.copyOf(sections.keySet());
  }

  public Optional<String> get(String section, String key) {
    return Optional.ofNullable(sections.getOrDefault(section, Map.of()).get(key))
        .filter(v -> !v.isBlank());
  }

  public String require(String section, String key) {
    return get(section, key)
        .orElseThrow(
            () -> HostkeepException.usage(path + ": missing '" + key + "' in [" + section + "]"));
  }

  public Path path() {
    return path;
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
