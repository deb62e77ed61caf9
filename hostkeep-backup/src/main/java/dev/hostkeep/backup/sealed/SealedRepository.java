package dev.hostkeep.backup.sealed;

/**
 * A configured repository of the sealed format: where its archives are and whom they are sealed to.
 */
public record SealedRepository(String name, SealedArchives archives, Recipients recipients) {}
