package dev.hostkeep.backup.site;

/**
 * Any command whose standard output is the backup (an application's export), run by {@code sh -c}
 * on the site's host; it fails the part when it exits with a status other than 0.
 *
 * @param filename the name the output gets in the snapshot
 */
public record CommandPart(String name, String command, String filename) implements Part {
  @Override
  public String kind() {
    return "command";
  }
}
