package dev.hostkeep.backup.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.HostkeepException;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocationTest {
  @Test
  void localFolders() {
    assertThat(Location.parse("/srv/repo", "me"))
        .isEqualTo(new Location.Local(Path.of("/srv/repo")));
    assertThat(Location.parse("local:/srv/repo/", "me"))
        .isEqualTo(new Location.Local(Path.of("/srv/repo")));
    assertThat(Location.parse("relative/repo", "me"))
        .isEqualTo(new Location.Local(Path.of("relative/repo").toAbsolutePath()));
  }

  @Test
  void s3WithAndWithoutAScheme() {
    assertThat(Location.parse("s3:http://127.0.0.1:9000/bucket/some/prefix/", "me"))
        .isEqualTo(new Location.S3(URI.create("http://127.0.0.1:9000"), "bucket", "some/prefix"));
    Location.S3 aws = (Location.S3) Location.parse("s3:s3.eu-west-1.amazonaws.com/backups", "me");
    assertThat(aws)
        .isEqualTo(
            new Location.S3(URI.create("https://s3.eu-west-1.amazonaws.com"), "backups", ""));
    assertThat(aws.amazon()).isTrue();
    assertThat(aws.display()).isEqualTo("s3:https://s3.eu-west-1.amazonaws.com/backups");
  }

  @Test
  void sftpInResticsForms() {
    assertThat(Location.parse("sftp:backup@host.example:/srv/repo", "me"))
        .isEqualTo(new Location.Sftp("backup", "host.example", 22, "/srv/repo"));
    assertThat(Location.parse("sftp:host.example:repo", "me"))
        .isEqualTo(new Location.Sftp("me", "host.example", 22, "repo"));
    assertThat(Location.parse("sftp://backup@[::1]:2222//srv/repo", "me"))
        .isEqualTo(new Location.Sftp("backup", "::1", 2222, "/srv/repo"));
    assertThat(Location.parse("sftp://backup@host:2222/repo", "me"))
        .isEqualTo(new Location.Sftp("backup", "host", 2222, "repo"));
    assertThat(Location.parse("sftp:[fd00::5]:/srv/repo", "me"))
        .isEqualTo(new Location.Sftp("me", "fd00::5", 22, "/srv/repo"));
  }

  @Test
  void mistakesAreNamedWithoutRepeatingAPassword() {
    assertThatThrownBy(() -> Location.parse("s3:https://AKID:hunter2@host/bucket", "me"))
        .isInstanceOf(HostkeepException.class)
        .hasMessageContaining("AWS_ACCESS_KEY_ID")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> Location.parse("sftp:user:hunter2@host:/srv", "me"))
        .hasMessageContaining("passwords in SFTP URLs are not supported")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> Location.parse("s3:https://host", "me"))
        .hasMessageContaining("no bucket");
    assertThatThrownBy(() -> Location.parse("sftp:host", "me")).hasMessageContaining("no ':'");
    assertThatThrownBy(() -> Location.parse("rest:http://host/", "me"))
        .hasMessageContaining("'rest:' is not a repository type");
  }
}
