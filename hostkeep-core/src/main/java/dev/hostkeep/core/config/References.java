package dev.hostkeep.core.config;

import dev.hostkeep.core.secret.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} and {@code ${file:/path}} inside config values ({@code $${} writes a
 * literal {@code ${}). Every resolved value is registered with the {@link Redactor}, and a secret file
 * that group or others may read is warned about.
 */
final class References {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{|\\$\\{([^}]*)}");

  private final Function<String, String> environment;
  private final Redactor redactor;

  References(Function<String, String> environment, Redactor redactor) {
    this.environment = environment;
    this.redactor = redactor;
  }

  record Resolved(String value, boolean secret) {}

  Resolved resolve(String raw, Position position, Problems problems) {
    if (!raw.contains("${")) {
      return new Resolved(raw, false);
    }
    Matcher matcher = REFERENCE.matcher(raw);
    StringBuilder out = new StringBuilder();
    boolean secret = false;
    while (matcher.find()) {
      String replacement;
      if (matcher.group().equals("$${")) {
        replacement = "${";
      } else {
        replacement = lookup(matcher.group(1), position, problems);
        secret = true;
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    String value = out.toString();
    if (secret) {
      redactor.register(value);
    }
    return new Resolved(value, secret);
  }

  private String lookup(String reference, Position position, Problems problems) {
    int colon = reference.indexOf(':');
    String scheme = colon < 0 ? "" : reference.substring(0, colon);
    String name = colon < 0 ? reference : reference.substring(colon + 1);
    switch (scheme) {
      case "env" -> {
        String value = environment.apply(name);
        if (value == null) {
          problems.error(
              position, "environment variable " + name + " is not set (${env:" + name + "})");
          return "";
        }
        redactor.register(value);
        return value;
      }
      case "file" -> {
        return readSecretFile(Path.of(name), position, problems);
      }
      default -> {
        problems.error(
            position,
            "unknown reference ${"
                + reference
                + "}: write ${env:NAME} for an environment variable or ${file:/path} for a file");
        return "";
      }
    }
  }

  private String readSecretFile(Path path, Position position, Problems problems) {
    try {
      String value = Files.readString(path, StandardCharsets.UTF_8).strip();
      redactor.register(value);
      if (readableByOthers(path)) {
        problems.warning(
            position, "secret file " + path + " can be read by group or others: chmod 600 " + path);
      }
      return value;
    } catch (IOException e) {
      problems.error(position, "cannot read secret file " + path + ": " + describe(e));
      return "";
    }
  }

  static boolean readableByOthers(Path path) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
      return permissions.contains(PosixFilePermission.GROUP_READ)
          || permissions.contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static String describe(IOException e) {
    return switch (e) {
      case java.nio.file.NoSuchFileException n -> "no such file";
      case java.nio.file.AccessDeniedException a -> "permission denied";
      default -> e.getMessage();
    };
  }
}
