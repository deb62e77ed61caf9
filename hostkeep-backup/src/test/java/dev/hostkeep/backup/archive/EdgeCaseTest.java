package dev.hostkeep.backup.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostkeep.backup.repo.Id;
import dev.hostkeep.backup.repo.Node;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.testkit.Restic;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files that break backup tools, backed up and judged by restic. */
class EdgeCaseTest {
  @TempDir Path temp;

  Path backUp(Path data) {
    Path repo = temp.resolve("repo");
    try (Repository repository = Repos.init(repo, 2)) {
      Archiver.Result result = Repos.backup(repository, data);
      assertThat(result.stats().warnings()).isEmpty();
    }
    return repo;
  }

  void resticRestoresTheSame(Path repo, Path data) throws IOException {
    Repos.resticChecksAndRestores(Restic.at(repo, Repos.PASSWORD), data, temp.resolve("restored"));
  }

  @Test
  void emptyFilesEmptyFoldersAndAnEmptyRoot() throws IOException {
    Path data = temp.resolve("data");
    Files.createDirectories(data.resolve("a/b/c"));
    Files.createDirectories(data.resolve("nothing"));
    Files.write(data.resolve("a/b/zero"), new byte[0]);
    resticRestoresTheSame(backUp(data), data);

    Path empty = Files.createDirectories(temp.resolve("empty"));
    Path repo = temp.resolve("repo2");
    try (Repository repository = Repos.init(repo, 2)) {
      assertThat(Repos.backup(repository, empty).stats().files()).isZero();
    }
    Restic.at(repo, Repos.PASSWORD).run("check").orFail();
  }

  @Test
  void namesWithNewlinesTabsAndNonLatinScriptsRoundTrip() throws IOException {
    Path data = temp.resolve("data");
    Files.createDirectories(data);
    for (String name :
        List.of(
            "line\nbreak",
            "tab\there",
            "  spaces  ",
            "say \"cheese\".txt",
            "C:\\Users\\web.ini",
            "bell\u0007nbsp\u00a0",
            "日本語のファイル",
            "emoji 🚀.txt",
            "-dash")) {
      Files.writeString(data.resolve(name), "content of " + name);
    }
    Path repo = backUp(data);
    resticRestoresTheSame(repo, data);
    String listing =
        Restic.at(repo, Repos.PASSWORD).run("ls", "--json", "latest").orFail().stdout();
    List<String> names = new ArrayList<>();
    for (String line : listing.split("\n")) {
      JsonNode node = new ObjectMapper().readTree(line);
      if (node.has("name")) {
        names.add(node.get("name").asText());
      }
    }
    assertThat(names)
        .contains(
            "line\nbreak",
            "tab\there",
            "say \"cheese\".txt",
            "C:\\Users\\web.ini",
            "bell\u0007nbsp\u00a0",
            "日本語のファイル",
            "emoji 🚀.txt");
  }

  @Test
  void aNameThatIsNotUtf8KeepsItsBytesThroughResticAndHostkeep() throws Exception {
    Path data = temp.resolve("data");
    Files.createDirectories(data);
    Files.writeString(data.resolve("fine.txt"), "fine");
    // A Latin-1 file name, as old FTP uploads leave them: byte 0xE9 alone is not UTF-8.
    shell(data, "printf latin1 > \"$(printf 'caf\\351.txt')\"");
    Path repo = backUp(data);

    Path byRestic = temp.resolve("by-restic");
    Restic restic = Restic.at(repo, Repos.PASSWORD);
    restic.run("check", "--read-data").orFail();
    restic.run("restore", "latest", "--target", byRestic.toString()).orFail();
    shell(
        byRestic.resolve(Path.of("/").relativize(data)),
        "test \"$(cat \"$(printf 'caf\\351.txt')\")\" = latin1");

    Path byHostkeep = temp.resolve("by-hostkeep");
    try (Repository repository = Repos.open(repo)) {
      new Restorer(repository, 2)
          .restore(
              repository.findSnapshot("latest").snapshot().treeId(), data.toString(), byHostkeep);
    }
    shell(byHostkeep, "test \"$(cat \"$(printf 'caf\\351.txt')\")\" = latin1");
    assertThat(byHostkeep.resolve("fine.txt")).hasContent("fine");
  }

  static void shell(Path dir, String script) throws Exception {
    Process process =
        new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).inheritIO().start();
    assertThat(process.waitFor()).as(script).isZero();
  }

  @Test
  void symlinkLoopsAreStoredAsLinksNotFollowed() throws IOException {
    Path data = temp.resolve("data");
    Files.createDirectories(data.resolve("dir"));
    Files.createSymbolicLink(data.resolve("a"), Path.of("b"));
    Files.createSymbolicLink(data.resolve("b"), Path.of("a"));
    Files.createSymbolicLink(data.resolve("dir/self"), Path.of("."));
    Files.createSymbolicLink(data.resolve("dir/up"), Path.of("../dir"));
    Files.createSymbolicLink(data.resolve("dangling"), Path.of("/nonexistent/target"));
    Files.writeString(data.resolve("dir/file"), "x");
    resticRestoresTheSame(backUp(data), data);
  }

  @Test
  void extendedAttributesRoundTripThroughRestic() throws IOException {
    Path data = temp.resolve("data");
    Files.createDirectories(data.resolve("folder"));
    Path file = data.resolve("tagged.txt");
    Files.writeString(file, "with attributes");
    byte[] binary = {0, 1, 2, (byte) 0xff, 10};
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    view.write("comment", StandardCharsets.UTF_8.encode("kept by hostkeep"));
    view.write("binary", ByteBuffer.wrap(binary));
    Files.getFileAttributeView(data.resolve("folder"), UserDefinedFileAttributeView.class)
        .write("folder.note", StandardCharsets.UTF_8.encode("on a folder"));
    Path repo = backUp(data);

    Path byRestic = temp.resolve("by-restic");
    Restic.at(repo, Repos.PASSWORD)
        .run("restore", "latest", "--target", byRestic.toString())
        .orFail();
    Path restored = byRestic.resolve(Path.of("/").relativize(data));
    assertThat(xattr(restored.resolve("tagged.txt"), "comment"))
        .isEqualTo("kept by hostkeep".getBytes(StandardCharsets.UTF_8));
    assertThat(xattr(restored.resolve("tagged.txt"), "binary")).isEqualTo(binary);

    Path byHostkeep = temp.resolve("by-hostkeep");
    try (Repository repository = Repos.open(repo)) {
      new Restorer(repository, 2)
          .restore(
              repository.findSnapshot("latest").snapshot().treeId(), data.toString(), byHostkeep);
    }
    assertThat(xattr(byHostkeep.resolve("tagged.txt"), "binary")).isEqualTo(binary);
    assertThat(xattr(byHostkeep.resolve("folder"), "folder.note"))
        .isEqualTo("on a folder".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anUnchangedFileKeepsItsAttributesAndAChangedAttributeIsReadAgain() throws Exception {
    Path data = temp.resolve("data");
    Files.createDirectories(data);
    Path kept = Files.writeString(data.resolve("kept.txt"), "untouched");
    Path retagged = Files.writeString(data.resolve("retagged.txt"), "same bytes");
    UserDefinedFileAttributeView keptView =
        Files.getFileAttributeView(kept, UserDefinedFileAttributeView.class);
    UserDefinedFileAttributeView retaggedView =
        Files.getFileAttributeView(retagged, UserDefinedFileAttributeView.class);
    keptView.write("note", StandardCharsets.UTF_8.encode("first"));
    retaggedView.write("note", StandardCharsets.UTF_8.encode("first"));
    retaggedView.write("gone", StandardCharsets.UTF_8.encode("removed later"));
    Path repo = temp.resolve("repo");
    try (Repository repository = Repos.init(repo, 2)) {
      Repos.backup(repository, data);
      Object backedUp = Files.getAttribute(retagged, "unix:ctime");
      retaggedView.delete("gone");
      // Re-tagged until the change time moves past the one backed up: the kernel stamps it
      // from a coarse clock (and some file systems keep whole seconds).
      long deadline = System.nanoTime() + 3_000_000_000L;
      do {
        Thread.sleep(10);
        retaggedView.write("note", StandardCharsets.UTF_8.encode("second"));
      } while (Files.getAttribute(retagged, "unix:ctime").equals(backedUp)
          && System.nanoTime() < deadline);
      Archiver archiver = new Archiver(repository, java.time.Clock.systemUTC(), 2);
      Archiver.Result second =
          archiver.backup(
              List.of(data),
              Excludes.NONE,
              repository.findSnapshot("latest"),
              Repos.META,
              new BackupStats());
      assertThat(second.stats().filesUnmodified.get()).isEqualTo(2);
    }

    Path restored = temp.resolve("restored");
    Restic.at(repo, Repos.PASSWORD)
        .run("restore", "latest", "--target", restored.toString())
        .orFail();
    Path root = restored.resolve(Path.of("/").relativize(data));
    assertThat(new String(xattr(root.resolve("kept.txt"), "note"), StandardCharsets.UTF_8))
        .isEqualTo("first");
    assertThat(new String(xattr(root.resolve("retagged.txt"), "note"), StandardCharsets.UTF_8))
        .isEqualTo("second");
    assertThat(
            Files.getFileAttributeView(
                    root.resolve("retagged.txt"), UserDefinedFileAttributeView.class)
                .list())
        .containsExactly("note");
  }

  @Test
  void restoringOverAnEarlierRestoreReplacesWhatChanged() throws Exception {
    Path data = temp.resolve("data");
    Files.createDirectories(data.resolve("sub"));
    Files.writeString(data.resolve("a.txt"), "the snapshot's a");
    Files.writeString(data.resolve("sub").resolve("b.txt"), "the snapshot's b");
    Path repo = backUp(data);
    Path target = temp.resolve("target");
    Path a = target.resolve("a.txt");
    Path b = target.resolve("sub").resolve("b.txt");
    try (Repository repository = Repos.open(repo)) {
      Id root = repository.findSnapshot("latest").snapshot().treeId();
      new Restorer(repository, 2).restore(root, data.toString(), target);
      Files.writeString(a, "changed after the restore, and longer than before");
      Files.setPosixFilePermissions(
          b, java.nio.file.attribute.PosixFilePermissions.fromString("r--------"));
      Restorer again = new Restorer(repository, 2);
      again.restore(root, data.toString(), target);
      assertThat(again.warnings()).isEmpty();
    }
    assertThat(Files.readString(a)).isEqualTo("the snapshot's a");
    assertThat(Files.readString(b)).isEqualTo("the snapshot's b");
    assertThat(SampleTree.describe(target)).isEqualTo(SampleTree.describe(data));
  }

  static byte[] xattr(Path path, String name) throws IOException {
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(path, UserDefinedFileAttributeView.class);
    ByteBuffer value = ByteBuffer.allocate(view.size(name));
    view.read(name, value);
    return value.array();
  }

  @Test
  void aSparseFileBeyond4GiBKeepsEveryByteInPlace() throws Exception {
    Path data = temp.resolve("data");
    Files.createDirectories(data);
    Path huge = data.resolve("disk.img");
    long size = (4L << 30) + (300L << 20) + 12_345;
    byte[] island = new byte[3 << 20];
    new Random(9).nextBytes(island);
    long[] offsets = {0, (2L << 30) - 1_000_000, (4L << 30) - 500_000, size - island.length};
    try (RandomAccessFile out = new RandomAccessFile(huge.toFile(), "rw")) {
      out.setLength(size);
      for (long offset : offsets) {
        out.seek(offset);
        out.write(island);
      }
    }
    String expected = sha256(huge);

    Path repo = backUp(data);

    try (Repository repository = Repos.open(repo)) {
      SnapshotWalker walker = new SnapshotWalker(repository);
      Node node =
          walker.find(repository.findSnapshot("latest").snapshot().treeId(), huge.toString());
      assertThat(node.size()).isEqualTo(size);
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      long[] written = {0};
      walker.dump(
          node,
          new OutputStream() {
            @Override
            public void write(int b) {
              digest.update((byte) b);
              written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
              digest.update(b, off, len);
              written[0] += len;
            }
          });
      assertThat(written[0]).isEqualTo(size);
      assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(expected);
      assertThat(repository.storedBytes()).isZero();
    }
    assertThat(dirSize(repo)).as("zeros are stored once").isLessThan(40L << 20);
    Restic.at(repo, Repos.PASSWORD).run("check", "--read-data").orFail();
  }

  static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (var in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 20];
      int read;
      while ((read = in.read(buffer)) > 0) {
        digest.update(buffer, 0, read);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static long dirSize(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  @Test
  void aHundredThousandSmallFiles() throws IOException {
    Path data = temp.resolve("data");
    for (int d = 0; d < 100; d++) {
      Path dir = Files.createDirectories(data.resolve("d" + d));
      for (int f = 0; f < 1000; f++) {
        Files.writeString(dir.resolve("f" + f + ".txt"), "file " + d + "/" + f + "\n");
      }
    }
    Path repo = temp.resolve("repo");
    try (Repository repository = Repos.init(repo, 2)) {
      Archiver.Result result = Repos.backup(repository, data);
      assertThat(result.stats().files()).isEqualTo(100_000);
      assertThat(result.stats().warnings()).isEmpty();
    }
    Restic restic = Restic.at(repo, Repos.PASSWORD);
    restic.run("check", "--read-data").orFail();
    String files = restic.run("ls", "latest", data.resolve("d42").toString()).orFail().stdout();
    assertThat(files.lines().filter(line -> line.contains("/d42/f")).count()).isEqualTo(1000);
    Path target = temp.resolve("restored");
    try (Repository repository = Repos.open(repo)) {
      new Restorer(repository, 2)
          .restore(repository.findSnapshot("latest").snapshot().treeId(), data.toString(), target);
    }
    assertThat(Files.readString(target.resolve("d99/f999.txt"))).isEqualTo("file 99/999\n");
    try (var all = Files.walk(target)) {
      assertThat(all.filter(Files::isRegularFile).count()).isEqualTo(100_000);
    }
  }

  @Test
  void fifosAndDevicesAreRestoredAsWhatTheyWere() throws Exception {
    Path data = temp.resolve("data");
    Files.createDirectories(data);
    Files.writeString(data.resolve("plain.txt"), "plain");
    shell(data, "mkfifo -m 640 queue");
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      shell(data, "mknod -m 600 null-device c 1 3");
    }
    Path repo = backUp(data);
    Restic.at(repo, Repos.PASSWORD).run("check", "--read-data").orFail();

    Path target = temp.resolve("restored");
    Restorer restorer;
    try (Repository repository = Repos.open(repo)) {
      restorer = new Restorer(repository, 2);
      restorer.restore(
          repository.findSnapshot("latest").snapshot().treeId(), data.toString(), target);
    }
    assertThat(restorer.warnings()).isEmpty();
    assertThat(mode(target.resolve("queue")) & 0170000).isEqualTo(0010000);
    assertThat(mode(target.resolve("queue")) & 0777).isEqualTo(0640);
    assertThat(
            Files.getLastModifiedTime(
                target.resolve("queue"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
        .isEqualTo(
            Files.getLastModifiedTime(
                data.resolve("queue"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    if (root) {
      assertThat(mode(target.resolve("null-device")) & 0170000).isEqualTo(0020000);
      assertThat(Files.getAttribute(target.resolve("null-device"), "unix:rdev"))
          .isEqualTo(Files.getAttribute(data.resolve("null-device"), "unix:rdev"));
    }
    assertThat(target.resolve("plain.txt")).hasContent("plain");
  }

  static int mode(Path path) throws IOException {
    return (Integer) Files.getAttribute(path, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
  }
}
