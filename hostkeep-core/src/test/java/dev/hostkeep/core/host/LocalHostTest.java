package dev.hostkeep.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.HostkeepException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalHostTest extends HostContract {
  private static Host host;

  @BeforeAll
  static void open() {
    host = new LocalHost();
  }

  @AfterAll
  static void close() {
    host.close();
  }

  @Override
  Host host() {
    return host;
  }

  @Test
  void isNamedLocal() {
    assertThat(host.name()).isEqualTo("local");
  }

  @Test
  void missingProgramIsAClearError() {
    assertThatThrownBy(() -> host.start(Command.of("no-such-program-hostkeep")))
        .isInstanceOf(HostkeepException.class)
        .hasMessageContaining("could not start `no-such-program-hostkeep` on local");
  }
}
