package dev.hostkeep.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostsTest {

  @ParameterizedTest
  @CsvSource({
    "ssh://backup@db1.example.com,       backup, db1.example.com, 22,   ssh://backup@db1.example.com",
    "ssh://root@10.0.0.5:2222,           root,   10.0.0.5,        2222, ssh://root@10.0.0.5:2222",
    "ssh://u@[2001:db8::1]:22,           u,      2001:db8::1,     22,   ssh://u@[2001:db8::1]",
  })
  void parsesSshTargets(String spec, String user, String host, int port, String name) {
    SshTarget target = SshTarget.parse(spec);

    assertThat(target).isEqualTo(new SshTarget(user, host, port));
    assertThat(target.toString()).isEqualTo(name);
  }

  @ParameterizedTest
  @CsvSource({
    "ssh://db1.example.com,             no user",
    "sftp://u@db1,                      unknown scheme",
    "ssh://u@db1/var,                   unexpected path",
    "ssh://u@db1:0,                     port 0 is out of range",
    "ssh://u@db1:99999,                 port 99999 is out of range",
    "ssh://u@,                          no host name",
    "db1.example.com,                   unknown scheme",
  })
  void rejectsBadSpecsAsUsageErrors(String spec, String problem) {
    assertThatThrownBy(() -> Hosts.open(spec, SshOptions.defaults()))
        .isInstanceOfSatisfying(
            HostkeepException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("invalid host '" + spec + "'")
        .hasMessageContaining(problem)
        .hasMessageContaining("ssh://user@host[:port]");
  }

  @Test
  void passwordInAUriIsNotRepeatedInTheError() {
    assertThatThrownBy(() -> Hosts.open("ssh://u:s3cret@db1", SshOptions.defaults()))
        .isInstanceOf(HostkeepException.class)
        .hasMessageContaining("'ssh://u:***@db1'")
        .message()
        .doesNotContain("s3cret");
  }

  @ParameterizedTest
  @ValueSource(strings = {"local"})
  void localIsThisMachine(String spec) {
    try (Host host = Hosts.open(spec, SshOptions.defaults())) {
      assertThat(host).isInstanceOf(LocalHost.class);
    }
  }
}
