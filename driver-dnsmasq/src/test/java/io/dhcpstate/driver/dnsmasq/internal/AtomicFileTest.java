package io.dhcpstate.driver.dnsmasq.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic replacement of the driver's files. */
class AtomicFileTest {
  private static final Set<PosixFilePermission> RW_R_R =
      PosixFilePermissions.fromString("rw-r--r--");

  @TempDir
  Path dir;

  private static Object inode(Path p) throws IOException {
    return Files.getAttribute(p, "unix:ino");
  }

  private long tempFiles() throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
    }
  }

  @Test
  void write_newFile_writesContentAndMode() throws IOException {
    Path host = dir.resolve("host");

    assertThat(AtomicFile.write(host, "a\n", RW_R_R)).isTrue();

    assertThat(Files.readString(host)).isEqualTo("a\n");
    assertThat(Files.getPosixFilePermissions(host)).isEqualTo(RW_R_R);
    assertThat(tempFiles()).isZero();
  }

  @Test
  void write_changedContent_replacesTheFile() throws IOException {
    Path host = dir.resolve("host");
    AtomicFile.write(host, "a\n", RW_R_R);
    Object before = inode(host);

    assertThat(AtomicFile.write(host, "b\n", RW_R_R)).isTrue();

    assertThat(Files.readString(host)).isEqualTo("b\n");
    assertThat(inode(host)).as("replaced by rename, not rewritten in place").isNotEqualTo(before);
  }

  @Test
  void write_unchangedContent_isNotRewritten() throws IOException {
    Path host = dir.resolve("host");
    AtomicFile.write(host, "same\n", RW_R_R);
    Object before = inode(host);
    var modified = Files.getLastModifiedTime(host);

    assertThat(AtomicFile.write(host, "same\n", RW_R_R)).isFalse();

    assertThat(inode(host)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(host)).isEqualTo(modified);
  }

  @Test
  void write_unchangedContentOtherMode_fixesTheModeOnly() throws IOException {
    Path host = dir.resolve("host");
    AtomicFile.write(host, "same\n", PosixFilePermissions.fromString("rw-------"));
    Object before = inode(host);

    assertThat(AtomicFile.write(host, "same\n", RW_R_R)).isFalse();

    assertThat(inode(host)).isEqualTo(before);
    assertThat(Files.getPosixFilePermissions(host)).isEqualTo(RW_R_R);
  }

  @Test
  void write_targetIsADirectory_failsAndLeavesNoTemporaryFile() throws IOException {
    Path host = dir.resolve("host");
    Files.createDirectory(host);
    Files.writeString(host.resolve("keep"), "x");

    assertThatThrownBy(() -> AtomicFile.write(host, "new\n", RW_R_R))
        .isInstanceOf(IOException.class);

    assertThat(host).isDirectory();
    assertThat(host.resolve("keep")).hasContent("x");
    assertThat(tempFiles()).isZero();
  }

  @Test
  void write_temporaryPathBlocked_failsAndLeavesPreviousFileIntact() throws IOException {
    Path host = dir.resolve("host");
    AtomicFile.write(host, "old\n", RW_R_R);
    Path obstacle = dir.resolve(".host.tmp");
    Files.createDirectory(obstacle);
    Files.writeString(obstacle.resolve("not-ours"), "x");

    assertThatThrownBy(() -> AtomicFile.write(host, "new\n", RW_R_R))
        .isInstanceOf(IOException.class);

    assertThat(host).hasContent("old\n");
    assertThat(obstacle.resolve("not-ours")).as("what is not ours is left alone").exists();
  }

  @Test
  void write_readOnlyDirectory_failsAndLeavesPreviousFileIntact() throws IOException {
    assumeFalse("root".equals(System.getProperty("user.name")),
        "root ignores directory permissions; the blocked-path and directory cases cover it");
    Path host = dir.resolve("host");
    AtomicFile.write(host, "old\n", RW_R_R);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
    try {
      assertThatThrownBy(() -> AtomicFile.write(host, "new\n", RW_R_R))
          .isInstanceOf(IOException.class);
      assertThat(host).hasContent("old\n");
      assertThat(tempFiles()).isZero();
    } finally {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void write_leftoverTemporaryFile_isReplaced() throws IOException {
    Path host = dir.resolve("host");
    Files.writeString(dir.resolve(".host.tmp"), "left by a crash");

    assertThat(AtomicFile.write(host, "new\n", RW_R_R)).isTrue();

    assertThat(host).hasContent("new\n");
    assertThat(tempFiles()).isZero();
  }

  @Test
  void write_controlOrNonAsciiCharacter_isRefusedAndNothingWritten() throws IOException {
    Path host = dir.resolve("host");
    AtomicFile.write(host, "old\n", RW_R_R);

    for (String bad : new String[] {"a\rb\n", "caf\u00e9\n", "a\u0000\n", "a\u2028b\n"}) {
      assertThatThrownBy(() -> AtomicFile.write(host, bad, RW_R_R))
          .isInstanceOf(IllegalArgumentException.class);
    }

    assertThat(host).hasContent("old\n");
    assertThat(tempFiles()).isZero();
  }
}
