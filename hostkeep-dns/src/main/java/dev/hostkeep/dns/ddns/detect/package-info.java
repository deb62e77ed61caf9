/**
 * Detecting this host's public IPv4 and IPv6 address for the ddns capability: echo services, local
 * interfaces, DNS lookups, commands and static values as sources, several of which can be required
 * to agree. {@link dev.hostkeep.dns.ddns.detect.AddressDetection} is the entry point; {@link
 * dev.hostkeep.dns.ddns.detect.Ipv6Suffix} puts a fixed interface id on a detected prefix.
 */
package dev.hostkeep.dns.ddns.detect;
