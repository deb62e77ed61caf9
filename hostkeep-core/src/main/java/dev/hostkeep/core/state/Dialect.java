package dev.hostkeep.core.state;

/** The SQL that differs between the two databases the state store runs on. */
enum Dialect {
  SQLITE("sqlite", "", "json_each(?)"),
  POSTGRESQL("postgresql", " FOR UPDATE", "json_array_elements_text(CAST(? AS json)) AS t(value)");

  /** The resource folder of this dialect's migration scripts. */
  final String scripts;

  /**
   * Appended to a SELECT that must lock the row it reads; SQLite's BEGIN IMMEDIATE already does.
   */
  final String forUpdate;

  /** A table of one column, {@code value}: the strings of a JSON array bound as one parameter. */
  final String jsonStrings;

  Dialect(String scripts, String forUpdate, String jsonStrings) {
    this.scripts = scripts;
    this.forUpdate = forUpdate;
    this.jsonStrings = jsonStrings;
  }
}
