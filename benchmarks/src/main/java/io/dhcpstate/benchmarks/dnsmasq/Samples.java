package io.dhcpstate.benchmarks.dnsmasq;

import java.util.Arrays;
import java.util.List;

/**
 * The churn's confirmed changes: when each was submitted and when the agent reported it ready,
 * and, against the host/opts writes and log re-reads {@link CycleWatch} saw, where the time of
 * a change went. Not thread-safe.
 */
final class Samples {
  /** How late the watcher may notice a re-read relative to the driver (its poll and ours). */
  private static final long TOLERANCE_NS = 25_000_000L;

  private long[] submitted = new long[1 << 14];
  private long[] confirmed = new long[1 << 14];
  private int size;

  void add(long submitNanos, long confirmNanos) {
    if (size == submitted.length) {
      submitted = Arrays.copyOf(submitted, size * 2);
      confirmed = Arrays.copyOf(confirmed, size * 2);
    }
    submitted[size] = submitNanos;
    confirmed[size] = confirmNanos;
    size++;
  }

  int size() {
    return size;
  }

  double latencyMs(double q) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] lat = new long[size];
    for (int i = 0; i < size; i++) {
      lat[i] = confirmed[i] - submitted[i];
    }
    Arrays.sort(lat);
    return lat[(int) Math.min(size - 1, Math.round(q * (size - 1)))] / 1e6;
  }

  /**
   * Prints, as info lines, how many confirmations the watcher can vouch for (the last re-read
   * logged before the confirmation is of host or options files written after the submit) and
   * the mean
   * time of each part of a change: submit to files written (waiting for the flush in
   * progress, the agent, the batching window, render, write), written to re-read logged (the
   * other two files written, signal or restart, dnsmasq re-reading), re-read to confirmed (the
   * driver seeing the log line, the agent reporting the port ready).
   */
  void explain(List<Long> writes, List<Long> rereads) {
    long[] w = writes.stream().mapToLong(Long::longValue).toArray();
    long[] r = rereads.stream().mapToLong(Long::longValue).toArray();
    int[] perReread = new int[r.length];
    int vouched = 0;
    double toWrite = 0;
    double toReread = 0;
    double toConfirm = 0;
    for (int i = 0; i < size; i++) {
      // the flush that confirmed the change: the last re-read logged before the confirmation,
      // and the last write of the files before that re-read
      int ri = lastAtOrBefore(r, confirmed[i] + TOLERANCE_NS);
      if (ri < 0) {
        continue;
      }
      int wi = lastAtOrBefore(w, r[ri]);
      if (wi < 0 || w[wi] < submitted[i]) {
        continue;
      }
      vouched++;
      perReread[ri]++;
      toWrite += w[wi] - submitted[i];
      toReread += r[ri] - w[wi];
      toConfirm += Math.max(0, confirmed[i] - r[ri]);
    }
    DnsmasqLab.info("churn: the watcher saw %d host/opts writes and %d re-reads logged; %d of"
        + " %d confirmations came after a re-read (±%d ms) of files written after their"
        + " submit", w.length, r.length, vouched, size, TOLERANCE_NS / 1_000_000);
    if (vouched > 0) {
      DnsmasqLab.info("churn: mean time per change: submit -> files written %.0f ms"
          + " (the flush in progress, agent, batching window, render, write);"
          + " written -> re-read logged %.0f ms (other files, SIGHUP or restart, dnsmasq);"
          + " logged -> confirmed %.0f ms (driver sees the log, agent reports ready)",
          toWrite / vouched / 1e6, toReread / vouched / 1e6, toConfirm / vouched / 1e6);
    }
    StringBuilder sizes = new StringBuilder();
    for (int i = 0; i < perReread.length && i < 60; i++) {
      sizes.append(i == 0 ? "" : " ").append(perReread[i]);
    }
    DnsmasqLab.info("churn: changes confirmed by each re-read, in order: %s%s", sizes,
        perReread.length > 60 ? " ..." : "");
    if (w.length > 1) {
      double cycle = (w[w.length - 1] - w[0]) / 1e6 / (w.length - 1);
      DnsmasqLab.info("churn: one write of the files every %.0f ms on average", cycle);
    }
  }

  /** Index of the last element of sorted {@code a} at or before {@code t}, or -1. */
  private static int lastAtOrBefore(long[] a, long t) {
    int i = Arrays.binarySearch(a, t);
    if (i < 0) {
      i = -i - 2;
    }
    return i;
  }
}
