package dev.hostkeep.dns.ddns.detect;

import java.net.InetAddress;
import java.time.Duration;

/** An address written in the config, checked when the config was read. */
record StaticSource(InetAddress address) implements AddressSource {
  @Override
  public String describe() {
    return "static " + Addresses.text(address);
  }

  @Override
  public InetAddress detect(Family family, Duration timeout) {
    return address;
  }
}
