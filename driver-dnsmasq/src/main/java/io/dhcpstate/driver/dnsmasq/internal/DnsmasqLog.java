package io.dhcpstate.driver.dnsmasq.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * A network's dnsmasq log ({@code --log-facility}), read to verify that dnsmasq re-read its
 * files after a start or SIGHUP. Stateless apart from its paths; thread-safe.
 */
final class DnsmasqLog {
  /** The most of the log read in one verification. */
  private static final int MAX_READ = 1 << 20;

  private final String networkId;
  private final Path dir;
  private final Path file;
  private final String user;

  DnsmasqLog(String networkId, Path dir, String user) {
    this.networkId = networkId;
    this.dir = dir;
    this.file = dir.resolve("log");
    this.user = user;
  }

  /** The log's size now: where to look from for the next re-read. */
  long size() throws IOException {
    return Files.exists(file) ? Files.size(file) : 0;
  }

  /**
   * Waits until the log shows, after {@code from}, that dnsmasq read the host and options
   * files: lines ending {@code "]: read PATH"}. A line such as {@code "cannot read PATH:
   * Permission denied"} fails at once, since dnsmasq would serve without the file.
   *
   * @param from the log size before the start or signal
   * @param alive whether the process still runs
   * @throws IOException if it did not, or dnsmasq exited, within {@link Config#RELOAD_VERIFY}
   */
  void awaitReread(long from, BooleanSupplier alive) throws IOException {
    String host = "]: read " + dir.resolve("host");
    String opts = "]: read " + dir.resolve("opts");
    boolean hostRead = false;
    boolean optsRead = false;
    long pos = from;
    String partial = "";
    long deadline = System.nanoTime() + Config.RELOAD_VERIFY.toNanos();
    while (System.nanoTime() < deadline) {
      long size = size();
      while (pos < size) { // scan what was appended, line by line, in bounded chunks
        String chunk = partial + read(pos, (int) Math.min(size - pos, MAX_READ));
        pos += Math.min(size - pos, MAX_READ);
        int end = chunk.lastIndexOf('\n');
        partial = chunk.substring(end + 1);
        for (String line : chunk.substring(0, end + 1).split("\n")) {
          hostRead |= line.endsWith(host);
          optsRead |= line.endsWith(opts);
          checkReadable(line);
        }
      }
      if (hostRead && optsRead) {
        return;
      }
      if (!alive.getAsBoolean()) {
        throw new IOException("dnsmasq for network " + networkId + " exited; see " + file);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for dnsmasq", e);
      }
    }
    throw new IOException("dnsmasq for network " + networkId + " did not re-read its files within "
        + Config.RELOAD_VERIFY + "; see " + file);
  }

  private void checkReadable(String line) throws IOException {
    if (line.contains(dir.toString()) && (line.contains("cannot read")
        || line.contains("failed to load") || line.contains("Permission denied"))) {
      throw new IOException("dnsmasq for network " + networkId + " (user " + user
          + ") could not read its files"
          + (line.contains("Permission denied") ? ": Permission denied" : "") + "; see " + file);
    }
  }

  private String read(long from, int length) throws IOException {
    try (FileChannel ch = FileChannel.open(file)) {
      ByteBuffer buf = ByteBuffer.allocate(length);
      while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {
        // read on
      }
      return new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
    }
  }
}
