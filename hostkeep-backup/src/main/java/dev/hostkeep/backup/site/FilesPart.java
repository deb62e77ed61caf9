package dev.hostkeep.backup.site;

import java.util.List;

/**
 * A folder of the site, with excludes (restic's patterns), as one snapshot of its tree.
 *
 * @param followSymlinks back up what top-level symlinks point to rather than the links
 * @param oneFileSystem stay on the folder's filesystem
 */
public record FilesPart(
    String name,
    String path,
    List<String> excludes,
    boolean excludeCaches,
    boolean oneFileSystem,
    boolean followSymlinks)
    implements Part {

  public FilesPart {
    excludes = List.copyOf(excludes);
  }

  @Override
  public String kind() {
    return "files";
  }
}
