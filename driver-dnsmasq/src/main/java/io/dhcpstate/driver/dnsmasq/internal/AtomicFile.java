package io.dhcpstate.driver.dnsmasq.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes a file atomically: a temporary file in the same directory, written, forced to disk,
 * given its mode, then renamed over the target. A failure at any step leaves the previous file
 * in place and removes the temporary one. Stateless.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /**
   * Replaces {@code target} with {@code content}, unless it already holds exactly that.
   *
   * @param target the file
   * @param content the new content
   * @param mode the file's permissions
   * @return true if the file was written, false if it was already up to date
   * @throws IOException if writing failed; the previous file is intact
   * @throws IllegalArgumentException if the content holds anything but printable ASCII, tabs
   *     and line feeds (writers render validated values only, so this is a bug, and such a
   *     character is never written)
   */
  public static boolean write(Path target, String content, Set<PosixFilePermission> mode)
      throws IOException {
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      if (c >= 0x7f || c < 0x20 && c != '\n' && c != '\t') {
        throw new IllegalArgumentException("not printable ASCII at index " + i + " of "
            + target.getFileName());
      }
    }
    byte[] bytes = content.getBytes(StandardCharsets.US_ASCII);
    if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
        && Files.size(target) == bytes.length
        && java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
      if (!Files.getPosixFilePermissions(target).equals(mode)) {
        Files.setPosixFilePermissions(target, mode); // same content, but dnsmasq may not read it
      }
      return false;
    }
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    if (Files.isRegularFile(tmp, LinkOption.NOFOLLOW_LINKS)) {
      Files.delete(tmp); // left by a crash; anything else there is not ours and fails below
    }
    boolean created = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        created = true;
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.setPosixFilePermissions(tmp, mode);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      created = false;
      return true;
    } catch (IOException | RuntimeException e) {
      if (created) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    }
  }
}
