package dev.hostkeep.core.capability;

import dev.hostkeep.core.config.ConfigValue;

/**
 * A top-level config section that holds settings rather than a plan/apply capability, such as
 * {@code repositories}: capabilities and commands look its value up by name. Found by {@link
 * java.util.ServiceLoader}, like capabilities, and read the same way: every problem goes to the
 * section's reader, and the value is used only when the whole config had no errors.
 */
public interface ConfigSection {

  /** The section's key at the top of the config. */
  String name();

  /** One line for {@code config check}. */
  String summary();

  /** Reads the section into the value {@link dev.hostkeep.core.config.HostkeepConfig} holds. */
  Object configure(ConfigValue section);
}
