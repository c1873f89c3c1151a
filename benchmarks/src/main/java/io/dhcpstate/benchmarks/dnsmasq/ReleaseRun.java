package io.dhcpstate.benchmarks.dnsmasq;

import io.dhcpstate.agent.ResourceEvent;
import io.dhcpstate.model.Port;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code dnsmasq.releases_per_s}: leases released per second when ports that hold leases are
 * deleted, and {@code dnsmasq.release_burst_leases_left}: leases a bigger burst of deletes
 * leaves behind.
 *
 * <p>The network is enabled with all its ports at once, so the driver's initial lease file gives
 * every port an infinite lease before dnsmasq first starts (dnsmasq then owns the file). It has
 * {@code --release-ports} ports (2,000 by default: dnsmasq's own work per release and per reload
 * grows with its lease count; at 10,000 leases dnsmasq, not the driver, sets the pace).
 *
 * <p>Each of {@code --release-rounds} rounds deletes {@code --releases} ports (100 by default)
 * spread over the network, {@code PortDeleted} events submitted back to back, and measures from
 * the first submit until a complete read of dnsmasq's lease file holds none of their leases and
 * all the others, and the driver has accounted for every one (its counters of releases verified
 * and failed). The time the driver's counter got there is printed too. The figure is the mean of
 * the rounds' rates; the error is half their range.
 *
 * <p>Then one burst of {@code --release-burst} deletes (300 by default) checks that none is lost:
 * the driver runs {@code dhcp_release} for all of them back to back, and dnsmasq, which rewrites
 * and syncs its lease file for each release, may fall so far behind that its socket buffer
 * overflows and release packets are dropped; the driver must notice (its verification) and
 * retry. The second figure is how many of the burst's leases are still in the file 15 s after
 * the driver has accounted for all of them (bar: 0).
 */
final class ReleaseRun {
  private static final long TIMEOUT_NS = 120_000_000_000L;
  private static final int EXEC_SAMPLES = 21;
  /** How long the lease file may still hold deleted ports' leases after the driver is done. */
  private static final long AFTER_DRIVER_NS = 15_000_000_000L;

  private final DnsmasqLab lab;
  private final Shape.Net net;
  private final Set<String> deleted = new HashSet<>();
  private int next;

  /** What one round saw; {@code seconds} is NaN when leases were left behind. */
  private record Round(double seconds, double driverSeconds, int left, long failed,
      long packets, String udp) {}

  ReleaseRun(DnsmasqLab lab, Shape.Net net) {
    this.lab = lab;
    this.net = net;
  }

  List<Figure> run() {
    Figure rate = Figure.reported("dnsmasq.releases_per_s", Double.NaN, Double.NaN,
        "releases/s");
    Figure left = Figure.atMost("dnsmasq.release_burst_leases_left", Double.NaN, Double.NaN,
        "leases", 0);
    try {
      if (!enable()) {
        return List.of(rate, left);
      }
      long problemsBefore = lab.listener.problems();
      List<Double> rates = new ArrayList<>();
      for (int r = 0; r < lab.releaseRounds; r++) {
        Round round = round(lab.releases);
        DnsmasqLab.info("releases: round %d: %s", r, describe(round, lab.releases));
        if (Double.isNaN(round.seconds)) {
          rates.clear();
          break;
        }
        rates.add(lab.releases / round.seconds);
      }
      if (!rates.isEmpty()) {
        double mean = rates.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double min = rates.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = rates.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        rate = Figure.reported(rate.name(), mean, (max - min) / 2, rate.unit());
      }
      if (lab.releaseBurst > 0) {
        Round burst = round(lab.releaseBurst);
        DnsmasqLab.info("releases: burst of %d: %s", lab.releaseBurst,
            describe(burst, lab.releaseBurst));
        left = Figure.atMost(left.name(), burst.left, Double.NaN, left.unit(), 0);
      }
      if (lab.listener.problems() != problemsBefore) {
        DnsmasqLab.info("releases: WARNING: %d agent problem(s) during the rounds: %s",
            lab.listener.problems() - problemsBefore, lab.listener.lastProblem());
      }
    } catch (Exception e) {
      DnsmasqLab.info("releases failed: %s", e);
    }
    return List.of(rate, left);
  }

  private boolean enable() throws IOException, InterruptedException {
    long t = System.nanoTime();
    lab.source.put(net, net.ports());
    lab.agent.requestResync(net.id(), "benchmark network with leases");
    lab.awaitServed(net.id());
    long held = -1;
    for (int i = 0; i < 100 && held != net.ports().size(); i++) { // a read may catch a rewrite
      Set<String> inFile = completeRead();
      held = inFile == null ? -1 : inFile.size();
      if (held != net.ports().size()) {
        Thread.sleep(50);
      }
    }
    DnsmasqLab.info("releases: network %s with %d ports enabled in %.2f s; its lease file holds"
        + " %d leases", net.id(), net.ports().size(), DnsmasqLab.seconds(t), held);
    if (held != net.ports().size()) {
      DnsmasqLab.info("releases: expected one lease per port");
      return false;
    }
    DnsmasqLab.info("releases: one dhcp_release run the driver's way (ip netns exec, from this"
        + " JVM, for an address with no lease) takes %.0f ms (median of %d)", execMs(),
        EXEC_SAMPLES);
    return true;
  }

  private static String describe(Round r, int count) {
    String head = Double.isNaN(r.seconds)
        ? String.format(Locale.ROOT, "%d of %d leases still in dnsmasq's lease file %.0f s after"
            + " the driver had accounted for all of them", r.left, count,
            AFTER_DRIVER_NS / 1e9)
        : String.format(Locale.ROOT, "%d leases gone from dnsmasq's lease file %.2f s after the"
            + " first delete (%.1f/s)", count, r.seconds, count / r.seconds);
    return head + String.format(Locale.ROOT, "; the driver counted them released and verified"
        + " after %.2f s (%d failed verification); dnsmasq logged %d DHCPRELEASE packets; UDP in"
        + " the server namespace: %s", r.driverSeconds, r.failed, r.packets, r.udp);
  }

  /** Deletes the next {@code count} ports (spread over the network) and waits as described. */
  private Round round(int count) throws IOException, InterruptedException {
    List<Port> victims = new ArrayList<>(count);
    Set<String> gone = new HashSet<>();
    int size = net.ports().size();
    int stride = 7; // coprime with the size, so the walk visits every port once
    while (java.math.BigInteger.valueOf(stride).gcd(java.math.BigInteger.valueOf(size)).intValue()
        != 1) {
      stride++;
    }
    while (victims.size() < count && deleted.size() < size) {
      Port p = net.ports().get((int) ((long) next++ * stride % size));
      if (deleted.add(p.fixedIps().get(0).ip().toString())) {
        victims.add(p);
        gone.add(p.fixedIps().get(0).ip().toString());
      }
    }
    int expected = size - deleted.size();
    long before = lab.driver.stats().leasesReleased();
    long failedBefore = lab.driver.stats().releaseFailures();
    long packetsBefore = lab.logCount(net.id(), "DHCPRELEASE");
    long[] udpBefore = udpCounters();
    long t0 = System.nanoTime();
    for (Port p : victims) {
      lab.source.delete(net.id(), p.id());
      lab.agent.submit(new ResourceEvent.PortDeleted(net.id(), p.id(), p.revision() + 1));
    }
    long driverDone = -1;
    long fileDone = -1;
    int stillHeld = victims.size();
    while (driverDone < 0 || fileDone < 0) {
      long now = System.nanoTime();
      long accounted = lab.driver.stats().leasesReleased() - before
          + lab.driver.stats().releaseFailures() - failedBefore;
      if (driverDone < 0 && accounted >= victims.size()) {
        driverDone = now;
      }
      if (fileDone < 0) {
        Set<String> inFile = completeRead();
        if (inFile != null) {
          int left = 0;
          for (String ip : gone) {
            left += inFile.contains(ip) ? 1 : 0;
          }
          stillHeld = left;
          if (left == 0 && inFile.size() == expected) {
            fileDone = now;
          }
        }
      }
      if (now - t0 > TIMEOUT_NS
          || driverDone > 0 && fileDone < 0 && now - driverDone > AFTER_DRIVER_NS) {
        break;
      }
      Thread.sleep(5);
    }
    lab.awaitIdle("releases");
    return new Round(fileDone < 0 ? Double.NaN : (fileDone - t0) / 1e9,
        driverDone < 0 ? Double.NaN : (driverDone - t0) / 1e9, fileDone < 0 ? stillHeld : 0,
        lab.driver.stats().releaseFailures() - failedBefore,
        lab.logCount(net.id(), "DHCPRELEASE") - packetsBefore, udpDelta(udpBefore));
  }

  /** The median time of a {@code dhcp_release} run, as the driver runs it, for no lease. */
  private double execMs() throws IOException, InterruptedException {
    double[] ms = new double[EXEC_SAMPLES];
    for (int i = 0; i < EXEC_SAMPLES; i++) {
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder("timeout", "10", "ip", "netns", "exec", lab.srvNs,
          "/usr/bin/dhcp_release", lab.srvIf, Shape.away(i).toString(),
          Shape.mac(i).toString()).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      p.getInputStream().readAllBytes();
      p.waitFor();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    java.util.Arrays.sort(ms);
    return ms[EXEC_SAMPLES / 2];
  }

  /** The server namespace's UDP counters InDatagrams, InErrors and RcvbufErrors, or null. */
  private long[] udpCounters() {
    try {
      Process p = new ProcessBuilder("timeout", "10", "ip", "netns", "exec", lab.srvNs, "cat",
          "/proc/net/snmp").redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      p.waitFor();
      String[] lines = text.split("\n");
      for (int i = 0; i + 1 < lines.length; i++) {
        if (lines[i].startsWith("Udp:") && lines[i + 1].startsWith("Udp:")) {
          List<String> names = List.of(lines[i].trim().split("\\s+"));
          String[] values = lines[i + 1].trim().split("\\s+");
          return new long[] {Long.parseLong(values[names.indexOf("InDatagrams")]),
              Long.parseLong(values[names.indexOf("InErrors")]),
              Long.parseLong(values[names.indexOf("RcvbufErrors")])};
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  private String udpDelta(long[] before) {
    long[] now = udpCounters();
    if (before == null || now == null) {
      return "unknown";
    }
    return String.format(Locale.ROOT, "%d datagrams received, %d receive errors (%d for a full"
        + " socket buffer)", now[0] - before[0], now[1] - before[1], now[2] - before[2]);
  }

  /**
   * The IPv4 addresses dnsmasq's lease file holds, or null when the read may be partial: dnsmasq
   * rewrites the file in place (truncate, then buffered writes), so a read can catch it empty or
   * cut short. A read counts only if it is empty or ends with a line feed and every line has
   * the five fields; the caller also compares the count with the leases that must remain.
   */
  private Set<String> completeRead() throws IOException {
    String text = Files.readString(lab.dir(net.id()).resolve("leases"),
        StandardCharsets.ISO_8859_1);
    if (!text.isEmpty() && !text.endsWith("\n")) {
      return null;
    }
    Set<String> ips = new HashSet<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("duid ")) {
        continue;
      }
      String[] f = line.split(" ");
      if (f.length != 5) {
        return null;
      }
      ips.add(f[2]);
    }
    return ips;
  }
}
