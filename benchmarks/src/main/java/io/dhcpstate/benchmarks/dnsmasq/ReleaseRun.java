package io.dhcpstate.benchmarks.dnsmasq;

import io.dhcpstate.agent.ResourceEvent;
import io.dhcpstate.model.Port;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code dnsmasq.releases_per_s}: leases released per second when ports that hold leases are
 * deleted. The network is enabled with all its ports at once, so the driver's initial lease
 * file gives every port an infinite lease before dnsmasq first starts (dnsmasq then owns the
 * file). The network has {@code --release-ports} ports (2,000 by default: dnsmasq's own work
 * per release and per reload grows with its lease count; at 10,000 leases it, not the driver,
 * sets the pace). Each round deletes {@code --releases} ports spread over the network ({@code
 * PortDeleted} events submitted back to back) and measures from the first submit until a
 * complete read of dnsmasq's lease file holds none of their leases and all the others, and the
 * driver has accounted for every one (its counters of releases verified and failed). The time
 * the driver's counter got there is printed too: it reads the same file to verify. The figure is
 * the mean of the rounds' rates; the error is half their range.
 */
final class ReleaseRun {
  private static final long TIMEOUT_NS = 120_000_000_000L;
  /** How long the lease file may still hold deleted ports' leases after the driver is done. */
  private static final long AFTER_DRIVER_NS = 15_000_000_000L;

  private final DnsmasqLab lab;
  private final Shape.Net net;

  ReleaseRun(DnsmasqLab lab, Shape.Net net) {
    this.lab = lab;
    this.net = net;
  }

  Figure run() {
    String name = "dnsmasq.releases_per_s";
    try {
      return measure(name);
    } catch (Exception e) {
      DnsmasqLab.info("releases failed: %s", e);
      return Figure.reported(name, Double.NaN, Double.NaN, "releases/s");
    }
  }

  private Figure measure(String name) throws Exception {
    long t = System.nanoTime();
    lab.source.put(net, net.ports());
    lab.agent.requestResync(net.id(), "benchmark network with leases");
    lab.awaitServed(net.id());
    long held = lab.leaseCount(net.id());
    DnsmasqLab.info("releases: network %s with %d ports enabled in %.2f s; its lease file holds"
        + " %d leases", net.id(), net.ports().size(), DnsmasqLab.seconds(t), held);
    if (held != net.ports().size()) {
      DnsmasqLab.info("releases: expected one lease per port");
      return Figure.reported(name, Double.NaN, Double.NaN, "releases/s");
    }
    int rounds = lab.releaseRounds;
    int per = Math.min(lab.releases, net.ports().size() / Math.max(1, rounds));
    int stride = net.ports().size() / (per * rounds);
    List<Double> rates = new ArrayList<>();
    Set<String> deleted = new HashSet<>();
    long problemsBefore = lab.listener.problems();
    for (int r = 0; r < rounds; r++) {
      List<Port> victims = new ArrayList<>(per);
      for (int k = 0; k < per; k++) {
        victims.add(net.ports().get((k * rounds + r) * stride));
      }
      long before = lab.driver.stats().leasesReleased();
      long failedBefore = lab.driver.stats().releaseFailures();
      long packetsBefore = lab.logCount(net.id(), "DHCPRELEASE");
      victims.forEach(p -> deleted.add(p.fixedIps().get(0).ip().toString()));
      Set<String> gone = new HashSet<>();
      victims.forEach(p -> gone.add(p.fixedIps().get(0).ip().toString()));
      int expected = net.ports().size() - deleted.size();
      long t0 = System.nanoTime();
      for (Port p : victims) {
        lab.source.delete(net.id(), p.id());
        lab.agent.submit(new ResourceEvent.PortDeleted(net.id(), p.id(), p.revision() + 1));
      }
      long driverDone = -1;
      long fileDone = -1;
      int stillHeld = -1;
      while (driverDone < 0 || fileDone < 0) {
        long now = System.nanoTime();
        long released = lab.driver.stats().leasesReleased() - before;
        long failed = lab.driver.stats().releaseFailures() - failedBefore;
        if (driverDone < 0 && released + failed >= per) {
          driverDone = now;
        }
        if (fileDone < 0) {
          Set<String> held = completeRead();
          if (held != null) {
            int left = 0;
            for (String ip : gone) {
              left += held.contains(ip) ? 1 : 0;
            }
            stillHeld = left;
            if (left == 0 && held.size() == expected) {
              fileDone = now;
            }
          }
        }
        boolean late = now - t0 > TIMEOUT_NS
            || driverDone > 0 && fileDone < 0 && now - driverDone > AFTER_DRIVER_NS;
        if (late) {
          DnsmasqLab.info("releases: round %d: after %.1f s the driver counts %d of %d released"
              + " and verified, %d failed verification; dnsmasq's lease file still holds %d of"
              + " them (dnsmasq logged %d DHCPRELEASE packets)", r, DnsmasqLab.seconds(t0),
              released, per, failed, stillHeld,
              lab.logCount(net.id(), "DHCPRELEASE") - packetsBefore);
          return Figure.reported(name, Double.NaN, Double.NaN, "releases/s");
        }
        Thread.sleep(5);
      }
      double seconds = (fileDone - t0) / 1e9;
      lab.awaitIdle("release round " + r);
      rates.add(per / seconds);
      DnsmasqLab.info("releases: round %d: %d leases gone from dnsmasq's lease file %.2f s after"
          + " the first delete (%.1f/s); the driver had counted them released %.2f s after it;"
          + " %d failed verification; dnsmasq logged %d DHCPRELEASE packets", r, per, seconds,
          per / seconds, (driverDone - t0) / 1e9,
          lab.driver.stats().releaseFailures() - failedBefore,
          lab.logCount(net.id(), "DHCPRELEASE") - packetsBefore);
    }
    if (lab.listener.problems() != problemsBefore) {
      DnsmasqLab.info("releases: WARNING: %d agent problem(s) during the rounds: %s",
          lab.listener.problems() - problemsBefore, lab.listener.lastProblem());
    }
    double mean = rates.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double min = rates.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    double max = rates.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    return Figure.reported(name, mean, (max - min) / 2, "releases/s");
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
