package dev.hostkeep.backup.repo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;

/**
 * One entry of a tree blob with restic's node fields. {@code mode} is Go's {@code os.FileMode}
 * (permission bits plus {@link #MODE_DIR}, {@link #MODE_SYMLINK}...); times are Go RFC 3339. Zero
 * values are left out as Go's {@code omitempty} leaves them, except {@code uid}, {@code gid} and
 * {@code content}, which restic always writes.
 */
@JsonPropertyOrder({
  "name",
  "type",
  "mode",
  "mtime",
  "atime",
  "ctime",
  "uid",
  "gid",
  "user",
  "group",
  "inode",
  "device_id",
  "size",
  "links",
  "linktarget",
  "extended_attributes",
  "device",
  "content",
  "subtree"
})
@JsonInclude(Include.NON_DEFAULT)
public record Node(
    @JsonProperty("name")
        @JsonSerialize(using = FileNames.QuotedSerializer.class)
        @JsonDeserialize(using = FileNames.QuotedDeserializer.class)
        String name,
    @JsonProperty("type") String type,
    @JsonProperty("mode") long mode,
    @JsonProperty("mtime") String mtime,
    @JsonProperty("atime") String atime,
    @JsonProperty("ctime") String ctime,
    @JsonProperty("uid") @JsonInclude(Include.ALWAYS) long uid,
    @JsonProperty("gid") @JsonInclude(Include.ALWAYS) long gid,
    @JsonProperty("user") String user,
    @JsonProperty("group") String group,
    @JsonProperty("inode") long inode,
    @JsonProperty("device_id") long deviceId,
    @JsonProperty("size") long size,
    @JsonProperty("links") long links,
    @JsonProperty("linktarget") String linkTarget,
    @JsonProperty("extended_attributes") List<Xattr> xattrs,
    @JsonProperty("device") long device,
    @JsonProperty("content") @JsonInclude(Include.ALWAYS) List<String> content,
    @JsonProperty("subtree") String subtree) {

  public static final long MODE_DIR = 1L << 31;
  public static final long MODE_SYMLINK = 1L << 27;
  public static final long MODE_DEVICE = 1L << 26;
  public static final long MODE_NAMED_PIPE = 1L << 25;
  public static final long MODE_SOCKET = 1L << 24;
  public static final long MODE_SETUID = 1L << 23;
  public static final long MODE_SETGID = 1L << 22;
  public static final long MODE_CHAR_DEVICE = 1L << 21;
  public static final long MODE_STICKY = 1L << 20;

  public boolean isDir() {
    return "dir".equals(type);
  }

  public boolean isFile() {
    return "file".equals(type);
  }

  public boolean isSymlink() {
    return "symlink".equals(type);
  }

  /** The POSIX permission bits, setuid/setgid/sticky included, as {@code chmod} takes them. */
  public int permissions() {
    int perm = (int) (mode & 0777);
    if ((mode & MODE_SETUID) != 0) {
      perm |= 04000;
    }
    if ((mode & MODE_SETGID) != 0) {
      perm |= 02000;
    }
    if ((mode & MODE_STICKY) != 0) {
      perm |= 01000;
    }
    return perm;
  }

  public List<Id> contentIds() {
    return content == null ? List.of() : content.stream().map(Id::parse).toList();
  }

  public Node withContent(List<String> content, long size) {
    return new Node(
        name,
        type,
        mode,
        mtime,
        atime,
        ctime,
        uid,
        gid,
        user,
        group,
        inode,
        deviceId,
        size,
        links,
        linkTarget,
        xattrs,
        device,
        content,
        subtree);
  }

  public Node withSubtree(Id tree) {
    return new Node(
        name,
        type,
        mode,
        mtime,
        atime,
        ctime,
        uid,
        gid,
        user,
        group,
        inode,
        deviceId,
        size,
        links,
        linkTarget,
        xattrs,
        device,
        content,
        tree.toString());
  }

  public Node withName(String newName) {
    return new Node(
        newName,
        type,
        mode,
        mtime,
        atime,
        ctime,
        uid,
        gid,
        user,
        group,
        inode,
        deviceId,
        size,
        links,
        linkTarget,
        xattrs,
        device,
        content,
        subtree);
  }

  /** This node as one of {@code links} hard links to the file {@code inode} on {@code device}. */
  public Node withLink(long newInode, long newDeviceId, long newLinks) {
    return new Node(
        name,
        type,
        mode,
        mtime,
        atime,
        ctime,
        uid,
        gid,
        user,
        group,
        newInode,
        newDeviceId,
        size,
        newLinks,
        linkTarget,
        xattrs,
        device,
        content,
        subtree);
  }

  /** An extended attribute; the value is base64 in JSON, as Go encodes a byte slice. */
  public record Xattr(@JsonProperty("name") String name, @JsonProperty("value") byte[] value) {}
}
