package dev.hostkeep.core.capability;

import dev.hostkeep.core.config.ConfigObject;

/**
 * A kind of service hostkeep talks to (an OVH account, a PowerDNS server, an S3 bucket), found by
 * {@link java.util.ServiceLoader}. It reads the config of each {@code providers:} entry of its type
 * and returns an object implementing the small role interfaces (record store, secondary target,
 * ...) that capabilities ask for.
 */
public interface ProviderType {

  /** The value of {@code type:} that selects it, e.g. {@code powerdns}. */
  String type();

  String summary();

  /** Reads one provider entry; problems go to {@code section}'s reader. */
  Object configure(ConfigObject section);
}
