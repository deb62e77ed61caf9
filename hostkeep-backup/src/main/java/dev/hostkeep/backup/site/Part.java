package dev.hostkeep.backup.site;

/**
 * One thing of a site that is backed up on its own: a database dump, a folder, a command's output.
 * Each part of each site gets snapshots of its own, tagged {@code site=NAME} and {@code part=NAME},
 * so two databases of one site never collide.
 */
public sealed interface Part permits DatabasePart, FilesPart, CommandPart {

  /** Unique within its site: letters, digits, '.', '_' and '-'. */
  String name();

  /** {@code mysql}, {@code postgres}, {@code files} or {@code command}. */
  String kind();
}
