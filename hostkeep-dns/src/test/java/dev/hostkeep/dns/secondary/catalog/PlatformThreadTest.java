package dev.hostkeep.dns.secondary.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.core.HostkeepException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PlatformThreadTest {
  @Test
  void workCalledOnAVirtualThreadRunsOnAPlatformThread() throws Exception {
    AtomicReference<Boolean> virtual = new AtomicReference<>();
    Thread caller =
        Thread.ofVirtual()
            .start(
                () ->
                    virtual.set(
                        PlatformThread.call("test", () -> Thread.currentThread().isVirtual())));
    caller.join();

    assertThat(virtual.get()).isFalse();
  }

  @Test
  void workCalledOnAPlatformThreadRunsRightThere() {
    Thread caller = Thread.currentThread();

    assertThat(PlatformThread.call("test", Thread::currentThread)).isSameAs(caller);
  }

  @Test
  void theWorksFailureReachesTheVirtualCaller() throws Exception {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    PlatformThread.run(
                        "test",
                        () -> {
                          throw HostkeepException.retriable("primary gone", null);
                        });
                  } catch (RuntimeException e) {
                    thrown.set(e);
                  }
                });
    caller.join();

    assertThat(thrown.get()).isInstanceOf(HostkeepException.class).hasMessage("primary gone");
  }
}
