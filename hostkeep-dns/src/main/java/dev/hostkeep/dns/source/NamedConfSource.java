package dev.hostkeep.dns.source;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.dns.InvalidZoneNameException;
import dev.hostkeep.dns.ZoneName;
import dev.hostkeep.dns.secondary.ZoneListing;
import dev.hostkeep.dns.secondary.ZoneSource;
import dev.hostkeep.dns.source.NamedConfStatements.Statement;
import dev.hostkeep.dns.source.NamedConfTokens.Kind;
import dev.hostkeep.dns.source.NamedConfTokens.Token;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The zones a BIND server is primary for, read from named.conf and the files it includes.
 *
 * <p>Zones inside views count like top-level ones (a zone in several views is listed once); {@code
 * in-view}, {@code hint}, {@code forward}, {@code stub} and other types are skipped, as are zones
 * of a class other than IN and the loopback zones every BIND ships ({@code localhost}, {@code
 * 127.in-addr.arpa}, ...), which no secondary service would take. A relative include is resolved
 * against the {@code directory} option when one was read before it, else against the including
 * file's folder. Zones added at run time with {@code rndc addzone} are not in named.conf and are
 * not listed.
 *
 * <p>A file that cannot be read or is not valid named.conf syntax throws, naming the file and line:
 * a partial list would make zones look deleted. A zone with an invalid name or no type is a
 * problem.
 */
public final class NamedConfSource implements ZoneSource {
  private static final Set<String> PRIMARY = Set.of("primary", "master");
  private static final Set<String> SECONDARY = Set.of("secondary", "slave");
  private static final Set<String> LOOPBACK_ZONES =
      Set.of(
          "localhost",
          "localhost.localdomain",
          "127.in-addr.arpa",
          "1.0.0.127.in-addr.arpa",
          "0.in-addr.arpa",
          "255.in-addr.arpa",
          "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa",
          "0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa");

  private final NamedConfSettings settings;

  public NamedConfSource(NamedConfSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "named.conf " + settings.file();
  }

  @Override
  public ZoneListing read() {
    Reading reading = new Reading(settings.file().toAbsolutePath().getParent());
    reading.file(settings.file(), null);
    return new ZoneListing(reading.zones, reading.problems);
  }

  private final class Reading {
    final TreeSet<String> zones = new TreeSet<>();
    final List<String> problems = new ArrayList<>();
    final Deque<Path> open = new ArrayDeque<>();
    final Path base;
    Path directory;

    Reading(Path base) {
      this.base = base;
    }

    void file(Path file, Token includedAt) {
      Path key = file.toAbsolutePath().normalize();
      if (open.contains(key)) {
        throw new HostkeepException(
            includedAt.where()
                + ": include \""
                + file
                + "\" includes a file that is already being read (an include loop)");
      }
      open.push(key);
      walk(file, NamedConfStatements.parse(file, text(file, includedAt)));
      open.pop();
    }

    private void walk(Path file, List<Statement> statements) {
      for (Statement statement : statements) {
        switch (statement.keyword().toLowerCase(Locale.ROOT)) {
          case "include" -> include(file, statement);
          case "options" -> options(statement);
          case "view" -> {
            if (statement.block() != null) {
              walk(file, statement.block().statements());
            }
          }
          case "zone" -> zone(statement);
          default -> {}
        }
      }
    }

    private void include(Path from, Statement statement) {
      List<Token> head = statement.head();
      if (head.size() != 2 || head.get(1).kind() != Kind.STRING) {
        throw NamedConfTokens.syntax(
            from, statement.first().line(), "include must be followed by a quoted file name");
      }
      Path target = Path.of(head.get(1).text());
      if (!target.isAbsolute()) {
        target =
            (directory != null ? directory : from.toAbsolutePath().getParent()).resolve(target);
      }
      file(target, statement.first());
    }

    private void options(Statement statement) {
      if (statement.block() == null) {
        return;
      }
      for (Statement option : statement.block().statements()) {
        List<Token> head = option.head();
        if (option.keyword().equalsIgnoreCase("directory") && head.size() == 2) {
          directory = base.resolve(head.get(1).text());
        }
      }
    }

    private void zone(Statement statement) {
      List<Token> head = statement.head();
      Token first = statement.first();
      if (head.size() < 2 || statement.block() == null) {
        problems.add(first.where() + ": a zone statement without a name or a { } block; skipped");
        return;
      }
      if (head.size() >= 3 && !head.get(2).text().equalsIgnoreCase("in")) {
        return;
      }
      String type = null;
      for (Statement option : statement.block().statements()) {
        String keyword = option.keyword().toLowerCase(Locale.ROOT);
        if (keyword.equals("in-view")) {
          return;
        }
        if (keyword.equals("type") && option.head().size() == 2) {
          type = option.head().get(1).text().toLowerCase(Locale.ROOT);
        }
      }
      String raw = head.get(1).text();
      if (type == null) {
        problems.add(first.where() + ": zone \"" + raw + "\" has no type; not listed");
        return;
      }
      if (!PRIMARY.contains(type) && !(settings.includeSecondary() && SECONDARY.contains(type))) {
        return;
      }
      try {
        String zone = ZoneName.parse(raw).toString();
        if (!LOOPBACK_ZONES.contains(zone)) {
          zones.add(zone);
        }
      } catch (InvalidZoneNameException e) {
        problems.add(first.where() + ": zone \"" + raw + "\": " + e.reason() + "; not listed");
      }
    }
  }

  private String text(Path file, Token includedAt) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      String why = e instanceof NoSuchFileException ? "no such file" : e.toString();
      String what =
          includedAt == null
              ? "cannot read named.conf " + file
              : includedAt.where() + ": cannot read include \"" + file + "\"";
      throw new HostkeepException(
          what + " (" + why + "); without it the zone list is incomplete", e);
    }
  }
}
