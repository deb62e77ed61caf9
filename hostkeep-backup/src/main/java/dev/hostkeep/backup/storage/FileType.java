package dev.hostkeep.backup.storage;

/** The kinds of file a repository holds, each in its own folder as restic lays them out. */
public enum FileType {
  CONFIG("config"),
  KEY("keys"),
  LOCK("locks"),
  SNAPSHOT("snapshots"),
  INDEX("index"),
  PACK("data");

  private final String folder;

  FileType(String folder) {
    this.folder = folder;
  }

  /** The folder name ({@code config} is a single file at the top instead). */
  public String folder() {
    return folder;
  }

  /** The path of {@code name} below the repository root: packs sit in {@code data/<2 hex>/}. */
  public String path(String name) {
    return switch (this) {
      case CONFIG -> "config";
      case PACK -> folder + "/" + name.substring(0, 2) + "/" + name;
      default -> folder + "/" + name;
    };
  }
}
