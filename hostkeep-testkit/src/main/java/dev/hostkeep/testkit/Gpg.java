package dev.hostkeep.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real GnuPG in a keyring of its own (a temporary {@code GNUPGHOME}): makes keys, exports them,
 * and opens sealed archives exactly as a user would, with {@code gpg -d FILE | zstd -d}.
 */
public final class Gpg {
  private final Path home;

  private Gpg(Path home) {
    this.home = home;
  }

  /**
   * A new, empty keyring in {@code home}; needs {@code gpg} (and {@code zstd} to open archives).
   */
  public static Gpg in(Path home) {
    Binaries.require("gpg");
    try {
      Files.createDirectories(home);
      Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Gpg(home);
  }

  /**
   * Makes a key with gpg's default usage and returns its fingerprint.
   *
   * @param algorithm gpg's name: {@code future-default} (ed25519 + a cv25519 encryption subkey),
   *     {@code rsa2048} (one RSA key for signing and certifying only, which nothing may encrypt
   *     to), ...
   * @param passphrase "" for none
   */
  public String generate(String userId, String algorithm, String passphrase) {
    return generate(userId, algorithm, passphrase, "default");
  }

  private String generate(String userId, String algorithm, String passphrase, String usage) {
    run(
        List.of("--passphrase", passphrase, "--quick-gen-key", userId, algorithm, usage, "never"),
        new byte[0]);
    String listing =
        new String(
            run(List.of("--with-colons", "--list-keys", userId), new byte[0]),
            StandardCharsets.UTF_8);
    return listing
        .lines()
        .filter(l -> l.startsWith("fpr:"))
        .findFirst()
        .map(l -> l.split(":")[9])
        .orElseThrow(() -> new IllegalStateException("gpg made no key:\n" + listing));
  }

  /**
   * Makes gpg's classic RSA key without a passphrase: an RSA primary key for signing and certifying
   * only, and an RSA subkey for encryption added at once (usually in the same second). Returns the
   * primary key's fingerprint.
   */
  public String generateClassicRsa(String userId) {
    String fingerprint = generate(userId, "rsa2048", "", "sign,cert");
    run(
        List.of("--passphrase", "", "--quick-add-key", fingerprint, "rsa2048", "encr", "never"),
        new byte[0]);
    return fingerprint;
  }

  /** The secret subkeys of a key, its primary key's secret left out (as on a restore machine). */
  public String exportSecretSubkeys(String fingerprint) {
    return new String(
        run(
            List.of("--passphrase", "", "--armor", "--export-secret-subkeys", fingerprint),
            new byte[0]),
        StandardCharsets.UTF_8);
  }

  /** Imports an armored key (public or secret) into this keyring. */
  public void importKey(String armored) {
    run(List.of("--import"), armored.getBytes(StandardCharsets.UTF_8));
  }

  public String exportPublic(String fingerprint) {
    return new String(
        run(List.of("--armor", "--export", fingerprint), new byte[0]), StandardCharsets.UTF_8);
  }

  public String exportSecret(String fingerprint, String passphrase) {
    return new String(
        run(
            List.of("--passphrase", passphrase, "--armor", "--export-secret-keys", fingerprint),
            new byte[0]),
        StandardCharsets.UTF_8);
  }

  /** What {@code gpg -d file | zstd -d} prints; fails when either exits with an error. */
  public byte[] openArchive(Path file, String passphrase) {
    Binaries.require("zstd");
    return shell(
        "set -o pipefail; gpg --batch --quiet --pinentry-mode loopback --passphrase \"$2\" -d"
            + " \"$1\" | zstd -d -q",
        file.toString(),
        passphrase);
  }

  /** Runs {@code script} under bash with this keyring, {@code args} as $1, $2, ...; its stdout. */
  public byte[] shell(String script, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", "-c", script, "bash"));
    command.addAll(List.of(args));
    return exec(command, new byte[0]);
  }

  private byte[] run(List<String> args, byte[] stdin) {
    List<String> command =
        new ArrayList<>(List.of("gpg", "--batch", "--quiet", "--pinentry-mode", "loopback"));
    command.addAll(args);
    return exec(command, stdin);
  }

  private byte[] exec(List<String> command, byte[] stdin) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put("GNUPGHOME", home.toString());
      Process process = builder.start();
      CompletableFuture<byte[]> out = read(process.getInputStream());
      CompletableFuture<byte[]> err = read(process.getErrorStream());
      try (var in = process.getOutputStream()) {
        in.write(stdin);
      }
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in 120 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command)
                + " exited with "
                + process.exitValue()
                + ":\n"
                + new String(err.join(), StandardCharsets.UTF_8));
      }
      return out.join();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static CompletableFuture<byte[]> read(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            stream.transferTo(bytes);
            return bytes.toByteArray();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
