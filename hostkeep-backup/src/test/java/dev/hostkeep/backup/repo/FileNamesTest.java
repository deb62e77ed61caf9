package dev.hostkeep.backup.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Names quoted as Go's strconv.Quote quotes them (vectors from Go's own rules). */
class FileNamesTest {
  static String raw(int... bytes) {
    byte[] array = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      array[i] = (byte) bytes[i];
    }
    return FileNames.decode(array);
  }

  @Test
  void quotesLikeGo() {
    assertThat(FileNames.quote("plain name.txt")).isEqualTo("plain name.txt");
    assertThat(FileNames.quote("a\nb\tc\rd")).isEqualTo("a\\nb\\tc\\rd");
    assertThat(FileNames.quote("say \"hi\"")).isEqualTo("say \\\"hi\\\"");
    assertThat(FileNames.quote("C:\\dir")).isEqualTo("C:\\\\dir");
    assertThat(FileNames.quote("\u0007\u000b\f\b")).isEqualTo("\\a\\v\\f\\b");
    assertThat(FileNames.quote("\u0001\u007f")).isEqualTo("\\x01\\x7f");
    assertThat(FileNames.quote("nbsp\u00a0bom\ufeff")).isEqualTo("nbsp\\u00a0bom\\ufeff");
    assertThat(FileNames.quote("\ue000\udbff\udffd")).isEqualTo("\\ue000\\U0010fffd");
    assertThat(FileNames.quote("日本 🚀 é")).isEqualTo("日本 🚀 é");
    assertThat(FileNames.quote(raw('c', 'a', 'f', 0xe9))).isEqualTo("caf\\xe9");
    assertThat(FileNames.quote(raw(0xc3))).isEqualTo("\\xc3");
  }

  @Test
  void unquotesLikeGo() {
    assertThat(FileNames.unquote("a\\nb")).isEqualTo("a\nb");
    assertThat(FileNames.unquote("\\101\\x42\\u0043\\U00000044")).isEqualTo("ABCD");
    assertThat(FileNames.unquote("caf\\xc3\\xa9")).isEqualTo("café");
    assertThat(FileNames.bytes(FileNames.unquote("caf\\xe9"))).containsExactly('c', 'a', 'f', 0xe9);
    assertThatThrownBy(() -> FileNames.unquote("bad\\q"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FileNames.unquote("end\\"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anyBytesRoundTrip() {
    Random random = new Random(3);
    for (int n = 0; n < 2000; n++) {
      byte[] bytes = new byte[1 + random.nextInt(12)];
      random.nextBytes(bytes);
      String name = FileNames.decode(bytes);
      assertThat(FileNames.bytes(name)).isEqualTo(bytes);
      assertThat(FileNames.unquote(FileNames.quote(name))).isEqualTo(name);
    }
  }
}
