package io.dhcpstate.benchmarks.dnsmasq;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Watches one network's directory from outside the driver, every 2 ms: when a new host or
 * options file appears (the driver renames a fresh file over the old one, so its inode changes;
 * a file whose content would not change is not rewritten) and when dnsmasq's log gains a line
 * saying it read the host file (it reads the options file right after). The times it records are when it noticed, up
 * to a poll interval late. Used to check the churn's confirmations independently and to split a
 * reload cycle into its parts. Also reads a process's CPU time from {@code /proc}. Thread-safe.
 */
final class CycleWatch implements AutoCloseable {
  private static final long POLL_MS = 2;

  private final Path host;
  private final Path opts;
  private final Path log;
  private final String readHost;
  private final Thread thread;
  private final List<Long> writes = new ArrayList<>();
  private final List<Long> rereads = new ArrayList<>();
  private final LongSupplier pid;
  /** CPU seconds per dnsmasq pid: when first seen (0 for processes started later) and last. */
  private final Map<Long, double[]> cpu = new HashMap<>();
  private volatile boolean running = true;

  CycleWatch(Path dir, LongSupplier dnsmasqPid) {
    this.pid = dnsmasqPid;
    sampleCpu(true);
    this.host = dir.resolve("host");
    this.opts = dir.resolve("opts");
    this.log = dir.resolve("log");
    this.readHost = "read " + host;
    this.thread = new Thread(this::loop, "dnsmasq-cycle-watch");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    Object lastKey = key();
    long offset = size(log);
    String carry = "";
    int polls = 0;
    while (running) {
      long now = System.nanoTime();
      Object k = key();
      if (k != null && !Objects.equals(k, lastKey)) {
        synchronized (this) {
          writes.add(now);
        }
        lastKey = k;
      }
      long s = size(log);
      if (s > offset) {
        String text = carry + read(log, offset, s);
        offset = s;
        int end = text.lastIndexOf('\n');
        String whole = end < 0 ? "" : text.substring(0, end + 1);
        carry = end < 0 ? text : text.substring(end + 1);
        int from = 0;
        while ((from = whole.indexOf(readHost, from)) >= 0) {
          synchronized (this) {
            rereads.add(now);
          }
          from += readHost.length();
        }
      }
      if (++polls % 20 == 0) {
        sampleCpu(false);
      }
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Identifies the host and options files as written: inode, time and size of each. */
  private Object key() {
    try {
      BasicFileAttributes a = Files.readAttributes(host, BasicFileAttributes.class);
      BasicFileAttributes b = Files.readAttributes(opts, BasicFileAttributes.class);
      return List.of(String.valueOf(a.fileKey()), a.lastModifiedTime().toMillis(), a.size(),
          String.valueOf(b.fileKey()), b.lastModifiedTime().toMillis(), b.size());
    } catch (IOException e) {
      return null;
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static String read(Path p, long from, long to) {
    try (FileChannel ch = FileChannel.open(p)) {
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(to - from, 8 << 20));
      ch.read(buf, from);
      return new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }

  private void sampleCpu(boolean first) {
    long p = pid.getAsLong();
    if (p <= 0) {
      return;
    }
    Optional<Double> c = cpuSeconds(p);
    if (c.isEmpty()) {
      return;
    }
    synchronized (this) {
      double[] v = cpu.get(p);
      if (v == null) {
        cpu.put(p, new double[] {first ? c.get() : 0, c.get()});
      } else {
        v[1] = c.get();
      }
    }
  }

  /**
   * CPU seconds the watched network's dnsmasq processes used while watched (sampled every
   * 40 ms or so, so a process that exits loses its last moments), and how many there were.
   */
  synchronized double[] dnsmasqCpu() {
    double sum = 0;
    for (double[] v : cpu.values()) {
      sum += v[1] - v[0];
    }
    return new double[] {sum, cpu.size()};
  }

  synchronized List<Long> writes() {
    return List.copyOf(writes);
  }

  synchronized List<Long> rereads() {
    return List.copyOf(rereads);
  }

  /** User plus system CPU seconds of a process, from {@code /proc/PID/stat}. */
  static Optional<Double> cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields after the command: state is f[0]; utime and stime are fields 14 and 15 of stat
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return Optional.of(ticks / 100.0);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    sampleCpu(false);
    running = false;
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
