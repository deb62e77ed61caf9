package dev.hostkeep.backup.repo;

/** What a blob holds: file content or a directory listing. They never share a pack. */
public enum BlobType {
  DATA("data"),
  TREE("tree");

  private final String json;

  BlobType(String json) {
    this.json = json;
  }

  /** The name the index uses. */
  public String json() {
    return json;
  }

  static BlobType ofJson(String name) {
    return switch (name) {
      case "data" -> DATA;
      case "tree" -> TREE;
      default -> throw new RepositoryException("unknown blob type '" + name + "' in an index");
    };
  }
}
