package io.dhcpstate.driver.dnsmasq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;

/**
 * Temporary directories the dnsmasq user ({@code nobody}) can search: JUnit's own temporary
 * directories are {@code rwx------}, which dnsmasq, once it has dropped root, cannot enter.
 */
public final class TestDirs {
  private TestDirs() {}

  /**
   * Creates a fresh {@code rwxr-xr-x} directory under {@code /tmp}.
   *
   * @param prefix the name prefix
   * @return the directory
   */
  public static Path create(String prefix) {
    try {
      Path dir = Files.createTempDirectory(Path.of("/tmp"), prefix);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Deletes a directory tree, ignoring what is already gone.
   *
   * @param dir the directory
   */
  public static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
