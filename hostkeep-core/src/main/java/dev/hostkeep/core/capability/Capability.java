package dev.hostkeep.core.capability;

import dev.hostkeep.core.config.ConfigValue;

/**
 * One thing hostkeep keeps in order (secondary DNS, dynamic DNS, backups, ...), found by {@link
 * java.util.ServiceLoader}. A capability owns the config section named after it and reads all of it
 * up front, reporting every problem through the config reader; it never reaches into the engine,
 * which plans, guards, applies and records for it.
 */
public interface Capability {

  /** The name of its config section and of its CLI argument, e.g. {@code secondary}. */
  String name();

  /** One line for {@code --help} and {@code config check}. */
  String summary();

  /**
   * Reads this capability's section. Problems go to {@code section}'s reader; the result is used
   * only when the whole config had no errors.
   */
  ConfiguredCapability configure(ConfigValue section, ConfigureContext context);
}
