package dev.hostkeep.backup.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalBackendTest extends BackendContract {
  @TempDir Path temp;

  @Override
  Backend open(String name) {
    return new LocalBackend(temp.resolve(name));
  }
}
