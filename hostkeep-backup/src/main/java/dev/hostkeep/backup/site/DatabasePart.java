package dev.hostkeep.backup.site;

import java.util.List;
import java.util.Optional;

/**
 * A MySQL/MariaDB or PostgreSQL part: some databases, or all of them ({@code databases} empty),
 * each dumped consistently as one file of the part's snapshot.
 *
 * @param engine which server
 * @param options the dump tool's options; {@code null} means the engine's defaults
 * @param program the dump tool; empty finds the usual one on the host
 * @param format PostgreSQL only: {@code plain} SQL or pg_dump's {@code custom} format
 * @param globals PostgreSQL only: also dump roles and tablespaces ({@code pg_dumpall -g})
 */
public record DatabasePart(
    String name,
    Engine engine,
    List<String> databases,
    DatabaseLogin login,
    List<String> options,
    Optional<String> program,
    Format format,
    boolean globals)
    implements Part {

  public DatabasePart {
    databases = List.copyOf(databases);
    options = options == null ? engine.defaultOptions() : List.copyOf(options);
  }

  @Override
  public String kind() {
    return engine.kind;
  }

  /** Which database server a part dumps. */
  public enum Engine {
    MYSQL(
        "mysql",
        List.of(
            "--single-transaction",
            "--quick",
            "--routines",
            "--events",
            "--triggers",
            "--hex-blob",
            "--default-character-set=utf8mb4")),
    POSTGRES("postgres", List.of());

    private final String kind;
    private final List<String> defaults;

    Engine(String kind, List<String> defaults) {
      this.kind = kind;
      this.defaults = defaults;
    }

    public List<String> defaultOptions() {
      return defaults;
    }

    public String kind() {
      return kind;
    }
  }

  /** How a PostgreSQL database is dumped. */
  public enum Format {
    PLAIN,
    CUSTOM
  }
}
