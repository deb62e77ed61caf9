package dev.hostkeep.backup.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.testkit.Gpg;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which key of a certificate sealed archives are encrypted to, checked with the real gpg. */
class RecipientsTest {
  @TempDir Path dir;

  @Test
  void aClassicRsaKeyIsEncryptedToItsSubkeySoTheSubkeyAloneDecrypts() throws Exception {
    Gpg owner = Gpg.in(dir.resolve("owner"));
    String fingerprint = owner.generateClassicRsa("Backups <backups@example.test>");
    Recipients recipients = Recipients.parse(owner.exportPublic(fingerprint), Instant.now());
    Path archive = dir.resolve("dump.sql.gpg");
    try (OutputStream file = Files.newOutputStream(archive);
        OutputStream sealed = OpenPgp.encrypt(file, recipients, "dump.sql", new Date())) {
      sealed.write("SELECT 1;\n".getBytes(StandardCharsets.UTF_8));
    }
    // The restore machine holds the encryption subkey only; the primary key stays offline.
    Gpg restorer = Gpg.in(dir.resolve("restorer"));
    restorer.importKey(owner.exportSecretSubkeys(fingerprint));

    byte[] plain = restorer.shell("gpg --batch --quiet -d \"$1\"", archive.toString());

    assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("SELECT 1;\n");
    assertThat(recipients.all())
        .singleElement()
        .satisfies(r -> assertThat(r.key().isMasterKey()).isFalse());
  }

  @Test
  void aKeyForSigningOnlyIsRefusedAsGpgRefusesToEncryptToIt() {
    Gpg owner = Gpg.in(dir.resolve("owner"));
    // gpg's rsa2048 "default" usage: one RSA key flagged for signing and certifying
    String fingerprint = owner.generate("Signer <signer@example.test>", "rsa2048", "");

    assertThatThrownBy(() -> Recipients.parse(owner.exportPublic(fingerprint), Instant.now()))
        .isInstanceOf(HostkeepException.class)
        .hasMessageContaining("the key of Signer <signer@example.test> has no valid encryption");
  }
}
