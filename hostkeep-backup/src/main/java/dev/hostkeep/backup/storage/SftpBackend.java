package dev.hostkeep.backup.storage;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.host.Hosts;
import dev.hostkeep.core.host.SshHost;
import dev.hostkeep.core.host.SshOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * A repository in a folder on an SFTP server, laid out as restic lays it out, over one SSH session
 * (Apache MINA SSHD; host keys and keys as for every SSH host). Each thread borrows an SFTP channel
 * of its own from a small pool, so uploads and reads run in parallel. A file is written under a
 * temporary dot-name in its final folder and renamed into place once all of it is written; restic
 * and hostkeep both skip dot-names when they list.
 */
public final class SftpBackend implements Backend, ObjectStore {
  private final Location.Sftp location;
  private final SshHost host;
  private final LinkedBlockingDeque<SftpClient> idle = new LinkedBlockingDeque<>();
  private volatile String root;

  public SftpBackend(Location.Sftp location, SshOptions options) {
    this.location = location;
    this.host = Hosts.ssh(location.user(), location.host(), location.port(), options);
  }

  @Override
  public String location() {
    return location.display();
  }

  @Override
  public void create() {
    call(
        "create the repository folders",
        sftp -> {
          mkdirs(sftp, root(sftp));
          for (FileType type : FileType.values()) {
            if (type != FileType.CONFIG) {
              mkdirIfMissing(sftp, root(sftp) + "/" + type.folder());
            }
          }
          HexFormat hex = HexFormat.of();
          for (int i = 0; i < 256; i++) {
            mkdirIfMissing(sftp, root(sftp) + "/data/" + hex.toHexDigits((byte) i));
          }
          return null;
        });
  }

  @Override
  public void save(FileType type, String name, byte[] data, int length) {
    store(type, name, length, () -> new ByteArrayInputStream(data, 0, length));
  }

  /** Streams the file from disk to the server. */
  @Override
  public void save(FileType type, String name, Path file) {
    long length = Backend.sizeOf(file);
    store(type, name, length, () -> Files.newInputStream(file));
  }

  /** What is being stored, as a new stream each time (a retry reads it again). */
  @FunctionalInterface
  private interface Source {
    InputStream open() throws IOException;
  }

  private void store(FileType type, String name, long length, Source content) {
    call(
        "store " + type.path(name),
        sftp -> {
          String target = root(sftp) + "/" + type.path(name);
          String folder = target.substring(0, target.lastIndexOf('/'));
          String temp =
              folder
                  + "/."
                  + name
                  + ".tmp-"
                  + Long.toHexString(ThreadLocalRandom.current().nextLong());
          try {
            write(sftp, temp, content);
          } catch (SftpException e) {
            if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
              throw e;
            }
            mkdirs(sftp, folder);
            write(sftp, temp, content);
          }
          try {
            sftp.rename(temp, target);
          } catch (IOException e) {
            removeQuietly(sftp, temp);
            // A retry after a lost answer finds the file there already; its name is its content.
            if (!(e instanceof SftpException) || size(sftp, target) != length) {
              throw e;
            }
          }
          return null;
        });
  }

  private static void write(SftpClient sftp, String path, Source content) throws IOException {
    try (InputStream in = content.open();
        OutputStream out =
            sftp.write(
                path,
                SftpClient.OpenMode.Write,
                SftpClient.OpenMode.Create,
                SftpClient.OpenMode.Exclusive)) {
      in.transferTo(out);
    } catch (IOException e) {
      removeQuietly(sftp, path);
      throw e;
    }
  }

  @Override
  public byte[] load(FileType type, String name) {
    return call(
        "read " + type.path(name),
        sftp -> {
          try (InputStream in = sftp.read(root(sftp) + "/" + type.path(name))) {
            return in.readAllBytes();
          }
        });
  }

  @Override
  public byte[] load(FileType type, String name, long offset, int length) {
    return call(
        "read " + type.path(name),
        sftp -> {
          byte[] bytes = new byte[length];
          String path = root(sftp) + "/" + type.path(name);
          try (SftpClient.CloseableHandle handle = sftp.open(path, SftpClient.OpenMode.Read)) {
            int done = 0;
            while (done < length) {
              int read = sftp.read(handle, offset + done, bytes, done, length - done);
              if (read < 0) {
                throw new HostkeepException(
                    location()
                        + ": "
                        + type.path(name)
                        + " ends before byte "
                        + (offset + length)
                        + " (it has "
                        + (offset + done)
                        + ")");
              }
              done += read;
            }
          }
          return bytes;
        });
  }

  @Override
  public boolean exists(FileType type, String name) {
    return call(
        "look for " + type.path(name), sftp -> size(sftp, root(sftp) + "/" + type.path(name)) >= 0);
  }

  @Override
  public List<Entry> list(FileType type) {
    return call(
        "list " + type.folder(),
        sftp -> {
          List<Entry> entries = new ArrayList<>();
          String root = root(sftp);
          if (type == FileType.CONFIG) {
            long size = size(sftp, root + "/config");
            if (size >= 0) {
              entries.add(new Entry("config", size));
            }
          } else if (type == FileType.PACK) {
            for (SftpClient.DirEntry sub : readDir(sftp, root + "/data")) {
              if (sub.getAttributes().isDirectory() && !sub.getFilename().startsWith(".")) {
                listInto(sftp, root + "/data/" + sub.getFilename(), entries);
              }
            }
          } else {
            listInto(sftp, root + "/" + type.folder(), entries);
          }
          return entries;
        });
  }

  private static void listInto(SftpClient sftp, String folder, List<Entry> entries)
      throws IOException {
    for (SftpClient.DirEntry entry : readDir(sftp, folder)) {
      String name = entry.getFilename();
      if (!name.startsWith(".") && entry.getAttributes().isRegularFile()) {
        entries.add(new Entry(name, entry.getAttributes().getSize()));
      }
    }
  }

  private static Iterable<SftpClient.DirEntry> readDir(SftpClient sftp, String folder)
      throws IOException {
    try {
      List<SftpClient.DirEntry> entries = new ArrayList<>();
      try {
        sftp.readDir(folder).forEach(entries::add);
      } catch (java.io.UncheckedIOException e) {
        throw e.getCause(); // the iterator opens the folder lazily and wraps what fails
      }
      return entries;
    } catch (SftpException e) {
      if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
        return List.of();
      }
      throw e;
    }
  }

  @Override
  public void remove(FileType type, String name) {
    call(
        "delete " + type.path(name),
        sftp -> {
          try {
            sftp.remove(root(sftp) + "/" + type.path(name));
          } catch (SftpException e) {
            if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
              throw e;
            }
          }
          return null;
        });
  }

  @Override
  public long put(String key, Content content) throws IOException {
    ObjectStore.checkKey(key);
    SftpClient sftp = borrow();
    String target = root(sftp) + "/" + key;
    String folder = target.substring(0, target.lastIndexOf('/'));
    String temp =
        folder
            + "/."
            + target.substring(folder.length() + 1)
            + ".tmp-"
            + Long.toHexString(ThreadLocalRandom.current().nextLong());
    boolean done = false;
    try {
      mkdirs(sftp, folder);
      long stored;
      try (Counting out =
          new Counting(
              new java.io.BufferedOutputStream(
                  sftp.write(
                      temp,
                      SftpClient.OpenMode.Write,
                      SftpClient.OpenMode.Create,
                      SftpClient.OpenMode.Exclusive),
                  1 << 16))) {
        content.writeTo(out);
        out.flush();
        stored = out.count();
      }
      SftpClient.Attributes attributes = new SftpClient.Attributes();
      attributes.setPermissions(0400);
      sftp.setStat(temp, attributes);
      sftp.rename(temp, target);
      done = true;
      return stored;
    } finally {
      if (!done) {
        removeQuietly(sftp, temp);
      }
      if (sftp.isOpen()) {
        idle.push(sftp);
      }
    }
  }

  @Override
  public InputStream open(String key) {
    ObjectStore.checkKey(key);
    SftpClient sftp = borrow();
    try {
      InputStream in = sftp.read(root(sftp) + "/" + key);
      return new java.io.FilterInputStream(in) {
        @Override
        public void close() throws IOException {
          try {
            super.close();
          } finally {
            idle.push(sftp);
          }
        }
      };
    } catch (SftpException e) {
      idle.push(sftp);
      if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
        throw new NotFoundException(location() + ": " + key);
      }
      throw new HostkeepException("could not read " + key + " in " + location() + ": " + e, e);
    } catch (IOException e) {
      closeQuietly(sftp);
      throw HostkeepException.retriable(
          "could not read " + key + " in " + location() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<Entry> list(String prefix) {
    return call(
        "list " + prefix,
        sftp -> {
          List<Entry> entries = new ArrayList<>();
          int slash = prefix.lastIndexOf('/');
          String base = root(sftp);
          String folder = slash < 0 ? base : base + "/" + prefix.substring(0, slash);
          walk(sftp, folder, base.length() + 1, prefix, entries);
          return entries;
        });
  }

  private static void walk(
      SftpClient sftp, String folder, int rootLength, String prefix, List<Entry> entries)
      throws IOException {
    for (SftpClient.DirEntry entry : readDir(sftp, folder)) {
      String name = entry.getFilename();
      if (name.startsWith(".")) {
        continue;
      }
      String path = folder + "/" + name;
      String key = path.substring(rootLength);
      if (entry.getAttributes().isDirectory()) {
        if (key.startsWith(prefix) || prefix.startsWith(key + "/")) {
          walk(sftp, path, rootLength, prefix, entries);
        }
      } else if (entry.getAttributes().isRegularFile() && key.startsWith(prefix)) {
        entries.add(new Entry(key, entry.getAttributes().getSize()));
      }
    }
  }

  @Override
  public void delete(String key) {
    ObjectStore.checkKey(key);
    call(
        "delete " + key,
        sftp -> {
          try {
            sftp.remove(root(sftp) + "/" + key);
          } catch (SftpException e) {
            if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
              throw e;
            }
          }
          return null;
        });
  }

  @Override
  public void close() {
    SftpClient sftp;
    while ((sftp = idle.poll()) != null) {
      closeQuietly(sftp);
    }
    host.close();
  }

  /** The repository folder as an absolute path on the server. */
  private String root(SftpClient sftp) throws IOException {
    String known = root;
    if (known == null) {
      String path = location.path();
      known = path.startsWith("/") ? path : sftp.canonicalPath(".") + "/" + path;
      while (known.length() > 1 && known.endsWith("/")) {
        known = known.substring(0, known.length() - 1);
      }
      root = known;
    }
    return known;
  }

  /** The size of a regular file, or -1 when there is none. */
  private static long size(SftpClient sftp, String path) throws IOException {
    try {
      SftpClient.Attributes attributes = sftp.stat(path);
      return attributes.isRegularFile() ? attributes.getSize() : -1;
    } catch (SftpException e) {
      if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
        return -1;
      }
      throw e;
    }
  }

  private static void mkdirs(SftpClient sftp, String path) throws IOException {
    StringBuilder at = new StringBuilder();
    for (String part : path.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      at.append('/').append(part);
      mkdirIfMissing(sftp, at.toString());
    }
  }

  private static void mkdirIfMissing(SftpClient sftp, String path) throws IOException {
    try {
      sftp.mkdir(path);
    } catch (SftpException e) {
      // OpenSSH answers "failure" rather than "exists"; what counts is a folder being there.
      SftpClient.Attributes attributes;
      try {
        attributes = sftp.stat(path);
      } catch (SftpException missing) {
        throw e;
      }
      if (!attributes.isDirectory()) {
        throw e;
      }
    }
  }

  private static void removeQuietly(SftpClient sftp, String path) {
    try {
      sftp.remove(path);
    } catch (IOException e) {
      // A leftover temporary dot-name is not a repository file; nothing lists it.
    }
  }

  private static void closeQuietly(SftpClient sftp) {
    try {
      sftp.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @FunctionalInterface
  private interface Operation<T> {
    T run(SftpClient sftp) throws IOException;
  }

  private <T> T call(String what, Operation<T> operation) {
    SftpClient sftp = borrow();
    boolean healthy = false;
    try {
      T result = operation.run(sftp);
      healthy = true;
      return result;
    } catch (SftpException e) {
      healthy = true; // the server answered; the channel still works
      if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
        throw new NotFoundException(location() + ": " + what.substring(what.indexOf(' ') + 1));
      }
      String message = "could not " + what + " in " + location() + ": " + e.getMessage();
      throw e.getStatus() == SftpConstants.SSH_FX_PERMISSION_DENIED
          ? new HostkeepException(message, e)
          : HostkeepException.retriable(message, e);
    } catch (IOException e) {
      throw HostkeepException.retriable(
          "could not " + what + " in " + location() + ": " + e.getMessage(), e);
    } finally {
      if (healthy && sftp.isOpen()) {
        idle.push(sftp);
      } else {
        closeQuietly(sftp);
      }
    }
  }

  private SftpClient borrow() {
    SftpClient sftp;
    while ((sftp = idle.poll()) != null) {
      if (sftp.isOpen()) {
        return sftp;
      }
      closeQuietly(sftp);
    }
    try {
      return SftpClientFactory.instance().createSftpClient(host.session());
    } catch (IOException e) {
      throw HostkeepException.retriable(
          "could not open an SFTP channel to " + location() + ": " + e.getMessage(), e);
    }
  }
}
