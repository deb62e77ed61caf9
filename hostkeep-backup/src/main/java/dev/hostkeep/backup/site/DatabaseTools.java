package dev.hostkeep.backup.site;

import dev.hostkeep.core.host.Command;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines that dump, list and load a part's databases on the site's host. Each runs as
 * {@code sh -c SCRIPT sh ARGS...}: the script finds the tool ({@code mariadb-dump} or {@code
 * mysqldump}, ...), takes the password from the first line of standard input into the tool's
 * environment ({@code MYSQL_PWD}, {@code PGPASSWORD}) so no other user sees it in {@code ps}, and
 * then {@code exec}s the tool, so the exit status hostkeep sees is the tool's own.
 */
final class DatabaseTools {
  private final DatabasePart part;

  DatabaseTools(DatabasePart part) {
    this.part = part;
  }

  private boolean mysql() {
    return part.engine() == DatabasePart.Engine.MYSQL;
  }

  /** What to write first to each command's standard input: the password line, or nothing. */
  byte[] stdinPrefix() {
    return part.login()
        .password()
        .map(p -> (p.reveal() + "\n").getBytes(StandardCharsets.UTF_8))
        .orElse(new byte[0]);
  }

  /** The file a database's dump gets in the part's snapshot. */
  String fileName(String database) {
    String safe = database.replace("%", "%25").replace("/", "%2F");
    if (safe.equals(".") || safe.equals("..")) {
      safe = safe.replace(".", "%2E");
    }
    return safe + (!mysql() && part.format() == DatabasePart.Format.CUSTOM ? ".dump" : ".sql");
  }

  /**
   * Lists the databases a part with {@code all: true} dumps, one per line in hexadecimal UTF-8
   * ({@link #listedNames}): a name may hold a newline, a backslash or spaces at either end, which
   * the clients' plain output would escape, split or lose.
   */
  Command listDatabases() {
    if (mysql()) {
      return mysqlClient(
          "-N",
          "-B",
          "-e",
          "SELECT HEX(CONVERT(SCHEMA_NAME USING utf8mb4)) FROM information_schema.SCHEMATA"
              + " ORDER BY SCHEMA_NAME");
    }
    return psql(
        "-A",
        "-t",
        "-c",
        "SELECT encode(convert_to(datname, 'UTF8'), 'hex') FROM pg_database"
            + " WHERE datallowconn AND NOT datistemplate ORDER BY datname");
  }

  /** The names in what {@link #listDatabases} printed. */
  static List<String> listedNames(String listed) {
    return listed
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .map(hex -> new String(java.util.HexFormat.of().parseHex(hex), StandardCharsets.UTF_8))
        .toList();
  }

  /** Whether a listed database is one of the server's own, which {@code all: true} leaves out. */
  boolean internal(String database) {
    return mysql() && List.of("information_schema", "performance_schema", "sys").contains(database);
  }

  /** Dumps one database to standard output, consistently. */
  Command dump(String database) {
    List<String> args = new ArrayList<>(connection());
    args.addAll(part.options());
    List<String> tool = part.program().map(List::of).orElse(null);
    if (mysql()) {
      // after "--", a name is a name: `all: true` dumps what the server lists, and a customer's
      // database may be called --result-file=...
      args.addAll(List.of("--", database));
      return script(tool != null ? tool : List.of("mariadb-dump", "mysqldump"), args);
    }
    if (part.format() == DatabasePart.Format.CUSTOM) {
      args.add("--format=custom");
    }
    args.add("--dbname=" + conninfo(database));
    return script(tool != null ? tool : List.of("pg_dump"), args);
  }

  /** Dumps PostgreSQL's roles and tablespaces. */
  Command globals() {
    List<String> args = new ArrayList<>(connection());
    args.addAll(List.of("--globals-only", "--dbname=" + conninfo("postgres")));
    return script(List.of("pg_dumpall"), args);
  }

  /** Prints {@code 1} when {@code database} exists (PostgreSQL) or creates it (MySQL). */
  Command ensureDatabase(String database) {
    if (mysql()) {
      return mysqlClient("-e", "CREATE DATABASE IF NOT EXISTS " + mysqlName(database));
    }
    return psql(
        "-A",
        "-t",
        "-c",
        "SELECT 1 FROM pg_database WHERE datname = '" + database.replace("'", "''") + "'");
  }

  /** Creates a PostgreSQL database. */
  Command createDatabase(String database) {
    return psql("-c", "CREATE DATABASE " + postgresName(database));
  }

  /** Drops a database (a scratch one {@code backup verify} made). */
  Command dropDatabase(String database) {
    if (mysql()) {
      return mysqlClient("-e", "DROP DATABASE IF EXISTS " + mysqlName(database));
    }
    return psql("-c", "DROP DATABASE IF EXISTS " + postgresName(database));
  }

  /** The MySQL client with the part's connection and {@code args}. */
  private Command mysqlClient(String... args) {
    List<String> all = new ArrayList<>(connection());
    all.addAll(List.of(args));
    return script(client(), all);
  }

  /** psql on the {@code postgres} database, quiet and without ~/.psqlrc, with {@code args}. */
  private Command psql(String... args) {
    List<String> all = new ArrayList<>(connection());
    all.addAll(List.of("-X", "-q", "--dbname=" + conninfo("postgres")));
    all.addAll(List.of(args));
    return script(List.of("psql"), all);
  }

  private static String mysqlName(String database) {
    return "`" + database.replace("`", "``") + "`";
  }

  private static String postgresName(String database) {
    return "\"" + database.replace("\"", "\"\"") + "\"";
  }

  /**
   * Loads a dump read from standard input (after the password line) into {@code database}.
   * PostgreSQL loads are all or nothing: pg_restore runs as one transaction (a cut-off archive is
   * an error to it), and psql gets the plain dump between {@link #loadOpening} and {@link
   * #loadClosing}, the latter sent only once the whole dump was read; psql's own {@code
   * --single-transaction} would commit at the end of its input, even of one cut short. MySQL dumps
   * cannot be: their table definitions commit as they go.
   */
  Command load(String database, boolean custom) {
    List<String> args = new ArrayList<>(connection());
    if (mysql()) {
      args.addAll(List.of("--default-character-set=utf8mb4", "--", database));
      return script(client(), args);
    }
    if (custom) {
      args.addAll(
          List.of(
              "--exit-on-error",
              "--single-transaction",
              "--no-owner",
              "--dbname=" + conninfo(database)));
      return script(List.of("pg_restore"), args);
    }
    args.addAll(List.of("-X", "-q", "-v", "ON_ERROR_STOP=1", "--dbname=" + conninfo(database)));
    return script(List.of("psql"), args);
  }

  /** What goes before a dump on the loader's input: a transaction's start for a plain psql load. */
  byte[] loadOpening(boolean custom) {
    return mysql() || custom ? new byte[0] : "BEGIN;\n".getBytes(StandardCharsets.UTF_8);
  }

  /**
   * What follows a dump that was read to its end: the commit of a plain psql load. Without it psql
   * reaches the end of its input inside the transaction, and PostgreSQL rolls it back.
   */
  byte[] loadClosing(boolean custom) {
    return mysql() || custom ? new byte[0] : "\nCOMMIT;\n".getBytes(StandardCharsets.UTF_8);
  }

  private List<String> client() {
    return List.of("mariadb", "mysql");
  }

  private List<String> connection() {
    DatabaseLogin login = part.login();
    List<String> args = new ArrayList<>();
    if (mysql()) {
      login.optionFile().ifPresent(f -> args.add("--defaults-extra-file=" + f));
      login.user().ifPresent(u -> args.add("--user=" + u));
      login.server().ifPresent(h -> args.add("--host=" + h));
      login.port().ifPresent(p -> args.add("--port=" + p));
      login.socket().ifPresent(s -> args.add("--socket=" + s));
      return args;
    }
    args.add("--no-password");
    login.user().ifPresent(u -> args.add("--username=" + u));
    String host = login.socket().or(login::server).orElse(null);
    if (host != null) {
      args.add("--host=" + host);
    }
    login.port().ifPresent(p -> args.add("--port=" + p));
    return args;
  }

  /**
   * A libpq connection string naming {@code database}, so any name (with spaces, quotes, '=' or a
   * leading '-') is taken as a name and never as options.
   */
  private static String conninfo(String database) {
    return "dbname='" + database.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** {@code sh -c} running the first of {@code tools} that is installed, with {@code args}. */
  private Command script(List<String> tools, List<String> args) {
    StringBuilder script = new StringBuilder();
    if (part.login().password().isPresent()) {
      String variable = mysql() ? "MYSQL_PWD" : "PGPASSWORD";
      script.append("IFS= read -r ").append(variable).append(" || exit 125; export ");
      script.append(variable).append("; ");
    }
    StringBuilder find = new StringBuilder();
    for (String tool : tools) {
      find.append(find.isEmpty() ? "" : " || ").append("command -v ").append(Command.of(tool));
    }
    script
        .append("tool=$(")
        .append(find)
        .append(") || { echo \"")
        .append(String.join(" or ", tools))
        .append(" is not installed on this host\" >&2; exit 127; }; exec \"$tool\" \"$@\"");
    List<String> argv = new ArrayList<>(List.of("sh", "-c", script.toString(), "sh"));
    argv.addAll(args);
    return new Command(argv);
  }
}
