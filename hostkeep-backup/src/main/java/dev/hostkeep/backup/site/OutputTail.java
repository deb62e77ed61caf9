package dev.hostkeep.backup.site;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the last few KiB written to it: a command's stderr, for the message when it fails. */
final class OutputTail extends OutputStream {
  private static final int KEEP = 4096;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  @Override
  public synchronized void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] data, int offset, int length) {
    bytes.write(data, offset, length);
    if (bytes.size() > 2 * KEEP) {
      byte[] all = bytes.toByteArray();
      bytes.reset();
      bytes.write(all, all.length - KEEP, KEEP);
    }
  }

  synchronized String text() {
    byte[] all = bytes.toByteArray();
    int from = Math.max(0, all.length - KEEP);
    return new String(all, from, all.length - from, StandardCharsets.UTF_8).strip();
  }
}
