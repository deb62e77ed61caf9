package dev.hostkeep.core.config;

import dev.hostkeep.core.config.ConfigNode.MapNode;
import dev.hostkeep.core.config.ConfigNode.ScalarNode;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.secret.Secret;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The shared state of one config read: the problems found so far, the redactor that learns every
 * secret, and which values are secret (so {@code config check} masks them).
 */
public final class ConfigReader {
  private final Problems problems;
  private final Redactor redactor;
  private final boolean fileReadableByOthers;
  private final String file;
  private final Set<Position> secretPositions = new HashSet<>();
  private boolean warnedInlineSecret;

  ConfigReader(Problems problems, Redactor redactor, String file, boolean fileReadableByOthers) {
    this.problems = problems;
    this.redactor = redactor;
    this.file = file;
    this.fileReadableByOthers = fileReadableByOthers;
  }

  public Problems problems() {
    return problems;
  }

  public Redactor redactor() {
    return redactor;
  }

  /** Reports an error at {@code node}'s position. */
  public void error(ConfigNode node, String message) {
    problems.error(node.position(), message);
  }

  /** Reports an error at a value's position. */
  public void error(ConfigValue value, String message) {
    problems.error(value.position(), message);
  }

  Secret secret(ScalarNode scalar) {
    secretPositions.add(scalar.position());
    if (!scalar.secret() && fileReadableByOthers && !warnedInlineSecret) {
      warnedInlineSecret = true;
      problems.warning(
          scalar.position(),
          "this config holds a secret inline and can be read by group or others: chmod 600 "
              + file
              + ", or move the secret to ${env:NAME} or ${file:/path}");
    }
    return Secret.of(scalar.value(), redactor);
  }

  boolean isSecret(ScalarNode scalar) {
    return scalar.secret() || secretPositions.contains(scalar.position());
  }

  ConfigObject empty(String path, Position position) {
    return new ConfigObject(new MapNode(position, Map.of()), path, this);
  }
}
