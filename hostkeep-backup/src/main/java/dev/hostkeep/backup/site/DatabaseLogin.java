package dev.hostkeep.backup.site;

import dev.hostkeep.core.secret.Secret;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a dump tool on the site's host reaches its database server. Anything left empty is the tool's
 * own default (the local socket, the login user, {@code ~/.my.cnf} or {@code ~/.pgpass}). A
 * password travels on the dump's standard input, never on a command line another user could see.
 */
public record DatabaseLogin(
    Optional<String> user,
    Optional<Secret> password,
    Optional<String> server,
    OptionalInt port,
    Optional<String> socket,
    Optional<String> optionFile) {

  public static DatabaseLogin defaults() {
    return new DatabaseLogin(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        OptionalInt.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
