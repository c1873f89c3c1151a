package io.dhcpstate.benchmarks.dnsmasq;

import io.dhcpstate.agent.ResourceEvent;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.Port;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code dnsmasq.change_visible_ms}: the median over {@link #CHANGES} changes of the time from a
 * port's IP change entering the agent ({@code submit}) until a DHCP client started after the
 * change gets the new address. The port (the probe) is one of the network's ports with the MAC
 * of the client's veth end; each change moves it to a fresh address. Right after {@code submit}
 * the benchmark starts {@code udhcpc} in the client namespace; a run that still gets the old
 * address (dnsmasq has not re-read its files yet) is followed at once by another, until one gets
 * the new address; the time is taken when that run exits (it quits as soon as it is bound). The
 * agent is then let go idle (the driver releases the old lease) before the next change.
 */
final class VisibleRun {
  static final int CHANGES = 20;
  private static final long CHANGE_TIMEOUT_NS = 30_000_000_000L;

  private final DnsmasqLab lab;
  private final Shape.Net net;
  private Port probe;

  VisibleRun(DnsmasqLab lab, Shape.Net net, Port probe) {
    this.lab = lab;
    this.net = net;
    this.probe = probe;
  }

  Figure run() {
    String name = "dnsmasq.change_visible_ms";
    try {
      Udhcpc client = new Udhcpc(lab.cliNs, lab.cliIf, lab.work);
      IpAddress first = probe.fixedIps().get(0).ip();
      Udhcpc.Outcome warm = client.run();
      if (warm.ip().isEmpty() || !warm.ip().get().equals(first.toString())) {
        DnsmasqLab.info("change_visible: the client did not get %s before any change: %s", first,
            warm.output().replace('\n', ' '));
        return Figure.reported(name, Double.NaN, Double.NaN, "ms");
      }
      long problemsBefore = lab.listener.problems();
      double[] ms = new double[CHANGES];
      int[] runs = new int[CHANGES];
      for (int k = 0; k < CHANGES; k++) {
        IpAddress next = Shape.probeAddress(k + 1);
        probe = Shape.moved(probe, next);
        lab.source.put(probe);
        long t0 = System.nanoTime();
        lab.agent.submit(new ResourceEvent.PortUpdated(probe));
        String want = next.toString();
        while (true) {
          Udhcpc.Outcome o = client.run();
          runs[k]++;
          if (o.ip().isPresent() && o.ip().get().equals(want)) {
            ms[k] = (o.endNanos() - t0) / 1e6;
            break;
          }
          if (System.nanoTime() - t0 > CHANGE_TIMEOUT_NS) {
            DnsmasqLab.info("change_visible: change %d: no client got %s within 30 s; last run:"
                + " %s", k, want, o.output().replace('\n', ' '));
            return Figure.reported(name, Double.NaN, Double.NaN, "ms");
          }
        }
        lab.awaitIdle("change " + k);
      }
      double[] sorted = ms.clone();
      Arrays.sort(sorted);
      double median = (sorted[CHANGES / 2 - 1] + sorted[CHANGES / 2]) / 2;
      List<String> each = new ArrayList<>();
      for (int k = 0; k < CHANGES; k++) {
        each.add(String.format(java.util.Locale.ROOT, "%.0f(%d)", ms[k], runs[k]));
      }
      DnsmasqLab.info("change_visible_ms per change (client runs): %s", String.join(" ", each));
      DnsmasqLab.info("change_visible_ms: min %.0f, median %.0f, max %.0f ms over %d changes on a"
          + " %d-port network; a bare udhcpc run for an unchanged address took %.0f ms",
          sorted[0], median, sorted[CHANGES - 1], CHANGES, net.ports().size(),
          bareRun(client, want(probe)));
      if (lab.listener.problems() != problemsBefore) {
        DnsmasqLab.info("change_visible: WARNING: %d agent problem(s) during the run (driver"
            + " failures are retried by a resync; the times include it): %s",
            lab.listener.problems() - problemsBefore, lab.listener.lastProblem());
      }
      // error: half the interquartile range, a robust spread for a median
      double iqr = sorted[(3 * CHANGES) / 4] - sorted[CHANGES / 4];
      return Figure.reported(name, median, iqr / 2, "ms");
    } catch (Exception e) {
      DnsmasqLab.info("change_visible failed: %s", e);
      return Figure.reported(name, Double.NaN, Double.NaN, "ms");
    }
  }

  private static String want(Port p) {
    return p.fixedIps().get(0).ip().toString();
  }

  /** The time of a client run when dnsmasq already serves the address: the floor. */
  private static double bareRun(Udhcpc client, String want) throws Exception {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      Udhcpc.Outcome o = client.run();
      if (o.ip().isPresent() && o.ip().get().equals(want)) {
        best = Math.min(best, (o.endNanos() - t0) / 1e6);
      }
    }
    return best == Double.MAX_VALUE ? Double.NaN : best;
  }
}
