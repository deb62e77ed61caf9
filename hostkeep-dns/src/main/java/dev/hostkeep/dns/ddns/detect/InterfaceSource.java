package dev.hostkeep.dns.ddns.detect;

import dev.hostkeep.dns.record.RecordValues;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The address of a local network interface: for IPv4 its first globally routable one; for IPv6 a
 * usable (not deprecated, tentative or duplicate) global one, stable or temporary as configured.
 * IPv6 flags come from {@code ifInet6} (Linux's {@code /proc/net/if_inet6}); where that file is
 * missing, every address counts as stable.
 */
record InterfaceSource(String device, TemporaryAddresses temporary, Path ifInet6)
    implements AddressSource {
  @Override
  public String describe() {
    return "interface " + device;
  }

  @Override
  public InetAddress detect(Family family, Duration timeout) throws SourceProblem {
    List<IfInet6.Entry> entries =
        family == Family.IPV6 && Files.isReadable(ifInet6) ? fromFile() : fromJava(family);
    List<String> skipped = new ArrayList<>();
    List<IfInet6.Entry> usable = new ArrayList<>();
    for (IfInet6.Entry entry : entries) {
      String unusable = entry.unusable();
      Optional<String> special = GlobalAddresses.problem(entry.address());
      if (special.isPresent()) {
        skipped.add(RecordValues.format(entry.address()) + " (" + special.get() + ")");
      } else if (!unusable.isEmpty()) {
        skipped.add(RecordValues.format(entry.address()) + " (" + unusable + ")");
      } else if (entry.temporary() && temporary == TemporaryAddresses.NEVER) {
        skipped.add(RecordValues.format(entry.address()) + " (temporary)");
      } else {
        usable.add(entry);
      }
    }
    // A stable sort keeps the interface's own order among equals.
    Comparator<IfInet6.Entry> order = Comparator.comparing(IfInet6.Entry::temporary);
    usable.sort(temporary == TemporaryAddresses.PREFER ? order.reversed() : order);
    if (!usable.isEmpty()) {
      return usable.getFirst().address();
    }
    throw new SourceProblem(
        device
            + " has no globally routable "
            + family
            + " address"
            + (skipped.isEmpty() ? "" : ", only " + String.join(", ", skipped)));
  }

  private List<IfInet6.Entry> fromFile() throws SourceProblem {
    try {
      return IfInet6.read(ifInet6, device);
    } catch (IOException e) {
      throw new SourceProblem("could not read " + ifInet6 + ": " + e.getMessage());
    }
  }

  private List<IfInet6.Entry> fromJava(Family family) throws SourceProblem {
    NetworkInterface nif;
    try {
      nif = NetworkInterface.getByName(device);
    } catch (SocketException e) {
      throw new SourceProblem("could not list network interfaces: " + e.getMessage());
    }
    if (nif == null) {
      throw new SourceProblem("there is no network interface '" + device + "'");
    }
    return nif.inetAddresses()
        .filter(family::holds)
        .map(a -> new IfInet6.Entry(device, a, 0))
        .toList();
  }
}
