package dev.hostkeep.dns.secondary;

import java.util.Set;

/**
 * What planning saw of one target: the zones it holds ({@code fullRead}: read from the target now;
 * otherwise the zones the state remembers it confirmed), and the digest of the source list the plan
 * was made from. {@code inLine}: the target was brought in line with this very source list and not
 * read again, so there is nothing to do and nothing to contact.
 */
record Observation(
    String target, boolean fullRead, Set<String> zones, String sourceDigest, boolean inLine) {}
