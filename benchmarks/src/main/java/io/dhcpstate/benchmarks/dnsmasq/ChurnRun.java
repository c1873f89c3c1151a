package io.dhcpstate.benchmarks.dnsmasq;

import io.dhcpstate.agent.ResourceEvent;
import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.Port;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dnsmasq.churn_changes_per_s}: port changes per second applied end to end, through the
 * agent, to the running dnsmasq of a network of 10,000 ports that hold no lease.
 *
 * <p>A closed loop over the network's ports (all but the probe): every port has one change in
 * flight; when the agent reports a port ready (which it does once the dnsmasq driver saw in
 * dnsmasq's log that it re-read the host and options files written after the change), that
 * change counts and the port's next change is submitted at once. A port's changes alternate
 * between an IP change (it moves between its home and away addresses) and an option change
 * (its {@code bootfile-name} takes a new value). Changes are submitted for
 * {@code --churn-seconds}; then the loop waits for the last confirmations. The figure is every
 * confirmed change divided by the time from the first submit to the last confirmation, so the
 * first batch's latency and the tail are inside it.
 *
 * <p>Afterwards the host file and the options file on disk are checked to hold every port's last
 * state, and dnsmasq's log is read for how many times it re-read the host file (reloads) and
 * started (restarts) during the run.
 */
final class ChurnRun {
  static final double BAR = 2_000;
  private static final long STALL_MS = 120_000;

  private final DnsmasqLab lab;
  private final Shape.Net net;
  private final List<Port> initial;

  ChurnRun(DnsmasqLab lab, Shape.Net net, List<Port> churned) {
    this.lab = lab;
    this.net = net;
    this.initial = churned;
  }

  Figure run() {
    String name = "dnsmasq.churn_changes_per_s";
    try {
      return measure(name);
    } catch (Exception e) {
      DnsmasqLab.info("churn failed: %s", e);
      return Figure.atLeast(name, Double.NaN, Double.NaN, "changes/s", BAR);
    }
  }

  private Figure measure(String name) throws Exception {
    int n = initial.size();
    Map<String, Integer> index = new HashMap<>(n * 2);
    Port[] current = initial.toArray(Port[]::new);
    for (int i = 0; i < n; i++) {
      index.put(current[i].id(), i);
    }
    int[] changes = new int[n];
    long[] submitted = new long[n];
    boolean[] inFlight = new boolean[n];
    Samples samples = new Samples();
    int ipChanges = 0;
    int optionChanges = 0;
    long reloadsBefore = lab.reloads(net.id());
    long startsBefore = lab.starts(net.id());
    long failuresBefore = lab.listener.driverFailures.get();
    long problemsBefore = lab.listener.problems();
    double jvmCpu0 = jvmCpu();
    lab.listener.clear();

    CycleWatch watch = new CycleWatch(lab.dir(net.id()),
        () -> lab.driver.pid(net.id()).orElse(-1L));
    long t0 = System.nanoTime();
    long submitUntil = t0 + (long) (lab.churnSeconds * 1e9);
    int outstanding = 0;
    for (int i = 0; i < n; i++) {
      if (next(current, changes, i)) {
        ipChanges++;
      } else {
        optionChanges++;
      }
      submitted[i] = System.nanoTime();
      inFlight[i] = true;
      outstanding++;
    }
    long last = t0;
    while (outstanding > 0) {
      LabListener.Ready r = lab.listener.poll(STALL_MS);
      if (r == null) {
        watch.close();
        throw new IllegalStateException(outstanding + " changes not confirmed within "
            + STALL_MS + " ms: " + lab.agent.stats() + "; " + lab.listener.lastProblem());
      }
      Integer i = index.get(r.portId());
      if (i == null || !inFlight[i]) {
        continue;
      }
      inFlight[i] = false;
      outstanding--;
      samples.add(submitted[i], r.nanos());
      last = r.nanos();
      if (System.nanoTime() < submitUntil) {
        if (next(current, changes, i)) {
          ipChanges++;
        } else {
          optionChanges++;
        }
        submitted[i] = System.nanoTime();
        inFlight[i] = true;
        outstanding++;
      }
    }
    int confirmed = samples.size();
    double seconds = (last - t0) / 1e9;
    double rate = confirmed / seconds;
    double jvmCpuUsed = jvmCpu() - jvmCpu0;
    watch.close();
    double[] dnsmasqCpu = watch.dnsmasqCpu();
    lab.awaitIdle("churn");
    long reloads = lab.reloads(net.id()) - reloadsBefore;
    long starts = lab.starts(net.id()) - startsBefore;
    long failures = lab.listener.driverFailures.get() - failuresBefore;
    DnsmasqLab.info("churn: %d changes (%d IP, %d option) to %d ports confirmed in %.2f s;"
        + " dnsmasq re-read its host file %d times (%d of them fresh starts, the driver restarts"
        + " a network whose host file has set: tags), %.0f changes per re-read", confirmed,
        ipChanges, optionChanges, n, seconds, reloads, starts,
        reloads == 0 ? Double.NaN : confirmed / (double) reloads);
    DnsmasqLab.info("churn: latency from submit to confirmed p50 %.0f ms, p90 %.0f ms, max %.0f"
        + " ms", samples.latencyMs(0.5), samples.latencyMs(0.9), samples.latencyMs(1.0));
    samples.explain(watch.writes(), watch.rereads());
    DnsmasqLab.info("churn: CPU used during the run: dnsmasq %.2f s (%.0f processes), this JVM"
        + " (agent, driver, benchmark) %.2f s, over %.2f s of wall time on %d cores (load"
        + " average %s)", dnsmasqCpu[0], dnsmasqCpu[1], jvmCpuUsed, seconds, Runtime.getRuntime().availableProcessors(),
        DnsmasqLab.loadAverage());
    String mismatch = checkFiles(current);
    if (mismatch != null) {
      DnsmasqLab.info("churn: files on disk do not match the last changes: %s", mismatch);
    }
    if (failures > 0) {
      DnsmasqLab.info("churn: WARNING: %d driver call(s) failed during the run (the agent"
          + " resynced; the confirmations after it are counted): %s", failures,
          lab.listener.lastProblem());
    } else if (lab.listener.problems() != problemsBefore) {
      DnsmasqLab.info("churn: agent problems during the run: %s", lab.listener.lastProblem());
    }
    // one run: no spread to give (the error field is NaN)
    return Figure.atLeast(name, mismatch == null ? rate : Double.NaN, Double.NaN, "changes/s",
        BAR);
  }

  private static double jvmCpu() {
    return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9)
        .orElse(Double.NaN);
  }

  /** Submits port i's next change; returns true for an IP change. */
  private boolean next(Port[] current, int[] changes, int i) {
    Port p = current[i];
    int c = changes[i]++;
    Port after;
    boolean ip = c % 2 == 0;
    if (ip) {
      IpAddress home = Shape.home(i);
      IpAddress now = p.fixedIps().get(0).ip();
      after = Shape.moved(p, now.equals(home) ? Shape.away(i) : home);
    } else {
      after = Shape.withOptions(p,
          List.of(ExtraDhcpOption.of("bootfile-name", "boot-" + i + "-" + c + ".efi")));
    }
    current[i] = after;
    lab.source.put(after); // the controller's database first, then the event
    lab.agent.submit(new ResourceEvent.PortUpdated(after));
    return ip;
  }

  /** Null when the host and options files hold every port's last address and option. */
  private String checkFiles(Port[] ports) throws IOException {
    String host = Files.readString(lab.dir(net.id()).resolve("host"), StandardCharsets.US_ASCII);
    String opts = Files.readString(lab.dir(net.id()).resolve("opts"), StandardCharsets.US_ASCII);
    Map<String, String> ipByMac = new HashMap<>();
    for (String line : host.split("\n")) {
      String[] f = line.split(",");
      if (f.length >= 3) {
        ipByMac.put(f[0], f[2]);
      }
    }
    int bad = 0;
    String example = null;
    for (Port p : ports) {
      String want = p.fixedIps().get(0).ip().toString();
      String got = ipByMac.get(p.mac().toString());
      boolean optOk = p.extraDhcpOptions().isEmpty()
          || opts.contains("tag:port-" + p.id() + ",option:bootfile-name,"
              + p.extraDhcpOptions().get(0).value());
      if (!want.equals(got) || !optOk) {
        bad++;
        if (example == null) {
          example = "port " + p.id() + " wants " + want + ", host file has " + got
              + (optOk ? "" : ", option line missing");
        }
      }
    }
    return bad == 0 ? null : bad + " ports differ, e.g. " + example;
  }
}
