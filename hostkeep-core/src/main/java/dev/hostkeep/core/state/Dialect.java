package dev.hostkeep.core.state;

/** The SQL that differs between the two databases the state store runs on. */
enum Dialect {
  SQLITE("sqlite", "", "json_each(?) ORDER BY key"),
  POSTGRESQL(
      "postgresql",
      " FOR UPDATE",
      "json_array_elements_text(CAST(? AS json)) WITH ORDINALITY AS t(value, n) ORDER BY n");

  /** The resource folder of this dialect's migration scripts. */
  final String scripts;

  /**
   * Appended to a SELECT that must lock the row it reads; SQLite's BEGIN IMMEDIATE already does.
   */
  final String forUpdate;

  /**
   * A table whose column {@code value} holds the strings of a JSON array bound as one parameter, in
   * the array's order (which an INSERT ... SELECT then gives its rows' ids).
   */
  final String jsonStrings;

  Dialect(String scripts, String forUpdate, String jsonStrings) {
    this.scripts = scripts;
    this.forUpdate = forUpdate;
    this.jsonStrings = jsonStrings;
  }
}
