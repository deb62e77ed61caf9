package dev.hostkeep.dns.ddns.detect;

import dev.hostkeep.dns.record.RecordValues;
import java.net.InetAddress;
import java.time.Duration;

/** An address written in the config, checked when the config was read. */
record StaticSource(InetAddress address) implements AddressSource {
  @Override
  public String describe() {
    return "static " + RecordValues.format(address);
  }

  @Override
  public InetAddress detect(Family family, Duration timeout) {
    return address;
  }
}
