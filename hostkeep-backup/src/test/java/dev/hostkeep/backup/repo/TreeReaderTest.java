package dev.hostkeep.backup.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trees read token by token come out exactly as Jackson's data binding reads them. */
class TreeReaderTest {
  private static final Id ID = Id.of(new byte[] {1});

  private static Node node(
      String name, String type, List<Node.Xattr> xattrs, List<String> content) {
    return new Node(
        name,
        type,
        0644,
        "2026-12-05T02:37:03.030437168Z",
        "2026-12-05T02:37:04Z",
        "2026-12-05T02:37:05.5+01:00",
        1000,
        1000,
        "web",
        "www-data",
        4_294_967_301L,
        66_306,
        12_345_678_901L,
        2,
        type.equals("symlink") ? "../target dir" : null,
        xattrs,
        type.equals("chardev") ? 0x501 : 0,
        content,
        type.equals("dir") ? ID.toString() : null);
  }

  @Test
  void whatHostkeepWritesIsReadBackByteForByte() {
    String raw = FileNames.decode(new byte[] {'a', (byte) 0xff, 'b'});
    Tree tree =
        Tree.sorted(
            List.of(
                node("plain.txt", "file", null, List.of(ID.toString(), ID.toString())),
                node("with \"quotes\"\nand a newline\t", "file", null, List.of()),
                node(raw, "file", null, List.of()),
                node("日本語 ✓ 𝄞", "dir", null, null),
                node("link", "symlink", null, null),
                node("tty", "chardev", null, null),
                node(
                    "tagged",
                    "file",
                    List.of(
                        new Node.Xattr("user.note", "hello".getBytes(StandardCharsets.UTF_8)),
                        new Node.Xattr("user.bin", new byte[] {0, (byte) 0xff, 10})),
                    List.of(ID.toString()))));
    byte[] json = tree.encode();

    Tree read = Tree.decode(json, ID);

    assertThat(read.encode()).isEqualTo(json);
    assertThat(read.find(raw)).isNotNull();
    assertThat(read.find("tagged").xattrs().get(1).value()).containsExactly(0, 0xff, 10);
  }

  @Test
  void agreesWithDataBindingOnNullsMissingFieldsAndFieldsItDoesNotKnow() {
    String[] samples = {
      "{\"nodes\":null}\n",
      "{}",
      "{\"nodes\":[],\"extra\":{\"a\":[1,2]}}",
      "{\"nodes\":[{\"name\":\"a\",\"type\":\"file\",\"mode\":420,\"content\":null,"
          + "\"generic_attributes\":{\"x\":[1,{\"y\":2}]},\"linktarget_raw\":\"YQ==\","
          + "\"uid\":null,\"size\":\"42\",\"extended_attributes\":[{\"name\":\"user.a\","
          + "\"value\":null,\"other\":1}],\"subtree\":null,\"user\":12}]}",
      "{\"nodes\":[{\"name\":\"b\\\\x41\",\"type\":\"dir\",\"subtree\":\"" + ID + "\"}]}"
    };
    for (String sample : samples) {
      byte[] json = sample.getBytes(StandardCharsets.UTF_8);
      Tree bound = RepoJson.read(json, Tree.class, "sample");
      Tree expected = bound.nodes() == null ? new Tree(List.of()) : bound;
      assertThat(Tree.decode(json, ID).encode()).as(sample).isEqualTo(expected.encode());
    }
  }

  @Test
  void damagedTreesAreRefusedWithTheirId() {
    for (String sample :
        new String[] {
          "not json", "[]", "{\"nodes\":{}}", "{\"nodes\":[1]}", "{\"nodes\":[{\"size\":[]}]}"
        }) {
      assertThatThrownBy(() -> Tree.decode(sample.getBytes(StandardCharsets.UTF_8), ID))
          .as(sample)
          .isInstanceOf(RepositoryException.class)
          .hasMessageContaining("tree " + ID);
    }
  }
}
