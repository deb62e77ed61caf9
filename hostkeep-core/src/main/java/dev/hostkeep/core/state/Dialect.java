package dev.hostkeep.core.state;

/** The SQL that differs between the two databases the state store runs on. */
enum Dialect {
  SQLITE("sqlite", ""),
  POSTGRESQL("postgresql", " FOR UPDATE");

  /** The resource folder of this dialect's migration scripts. */
  final String scripts;

  /**
   * Appended to a SELECT that must lock the row it reads; SQLite's BEGIN IMMEDIATE already does.
   */
  final String forUpdate;

  Dialect(String scripts, String forUpdate) {
    this.scripts = scripts;
    this.forUpdate = forUpdate;
  }
}
