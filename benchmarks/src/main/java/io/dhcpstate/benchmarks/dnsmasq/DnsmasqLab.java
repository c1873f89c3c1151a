package io.dhcpstate.benchmarks.dnsmasq;

import io.dhcpstate.agent.DhcpAgent;
import io.dhcpstate.agent.ResourceEvent;
import io.dhcpstate.driver.dnsmasq.CommandPrefix;
import io.dhcpstate.driver.dnsmasq.DnsmasqDriver;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.Port;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The whole-process dnsmasq benchmarks: the agent with a {@link LabSource} and the
 * dnsmasq driver, serving real dnsmasq processes in a server namespace that {@code run.sh}
 * created (the driver runs them with {@code ip netns exec}), and BusyBox {@code udhcpc} in a
 * client namespace on the other end of a veth pair. Prints {@code info} lines and one
 * {@code result} line per figure:
 *
 * <ul>
 *   <li>{@link VisibleRun} {@code dnsmasq.change_visible_ms};
 *   <li>{@link ChurnRun} {@code dnsmasq.churn_changes_per_s} (bar: at least 2,000);
 *   <li>{@link ReleaseRun} {@code dnsmasq.releases_per_s} and
 *       {@code dnsmasq.release_burst_leases_left} (bar: 0).
 * </ul>
 *
 * <p>Options: {@code --srv-ns NAME --cli-ns NAME --srv-if NAME --cli-if NAME --probe-mac MAC
 * --state DIR --work DIR [--only visible,churn,releases] [--ports N] [--churn-seconds S]
 * [--release-ports N] [--releases N] [--release-rounds R] [--release-burst N] [--window-ms
 * MS]}: by default 10,000 ports, 20 s of churn, and in a 2,000-port network 3 rounds of 100
 * releases, then a burst of 300. Everything it starts it stops: the
 * agent closes the driver, which stops its dnsmasq processes, in a {@code finally} and in a
 * shutdown hook.
 */
public final class DnsmasqLab {
  static final Duration IDLE = Duration.ofSeconds(300);

  final String srvNs;
  final String cliNs;
  final String srvIf;
  final String cliIf;
  final MacAddress probeMac;
  final Path state;
  final Path work;
  final int ports;
  final double churnSeconds;
  final int releases;
  final int releasePorts;
  final int releaseBurst;
  final int releaseRounds;
  final Duration window;
  final Set<String> only;

  final LabSource source = new LabSource();
  final LabListener listener = new LabListener();
  DnsmasqDriver driver;
  DhcpAgent agent;
  final List<Figure> figures = new ArrayList<>();

  private DnsmasqLab(Args a) {
    srvNs = a.need("--srv-ns");
    cliNs = a.need("--cli-ns");
    srvIf = a.need("--srv-if");
    cliIf = a.need("--cli-if");
    probeMac = MacAddress.parse(a.need("--probe-mac"));
    state = Path.of(a.need("--state"));
    work = Path.of(a.need("--work"));
    ports = Integer.parseInt(a.get("--ports", "10000"));
    churnSeconds = Double.parseDouble(a.get("--churn-seconds", "20"));
    releases = Integer.parseInt(a.get("--releases", "100"));
    releaseBurst = Integer.parseInt(a.get("--release-burst", "300"));
    releasePorts = Integer.parseInt(a.get("--release-ports", "2000"));
    releaseRounds = Integer.parseInt(a.get("--release-rounds", "3"));
    window = Duration.ofMillis(Long.parseLong(a.get("--window-ms", "50")));
    only = new LinkedHashSet<>(List.of(a.get("--only", "visible,churn,releases").split(",")));
  }

  /**
   * Runs the lab benchmarks.
   *
   * @param args the options above
   * @throws IllegalArgumentException if an option is missing or malformed; a figure that
   *     cannot be measured is printed as NaN and FAIL
   */
  public static void main(String[] args) {
    DnsmasqLab lab = new DnsmasqLab(new Args(args));
    Thread hook = new Thread(lab::close, "dnsmasq-lab-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      lab.run();
    } catch (Exception e) {
      info("lab failed: %s", e);
      e.printStackTrace(System.out);
    } finally {
      lab.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
    }
    lab.figures.forEach(f -> System.out.println(f.line()));
    System.exit(0);
  }

  private void run() throws Exception {
    driver = DnsmasqDriver.builder().stateDirectory(state)
        .interfaces(id -> srvIf).commandPrefix(CommandPrefix.netns(id -> srvNs))
        .batchingWindow(window).stopTimeout(Duration.ofSeconds(3))
        .respawn(true, Duration.ofMillis(500), Duration.ofSeconds(5)).build();
    agent = DhcpAgent.builder().source(source).driver(driver).workers(2)
        .driverTimeout(Duration.ofSeconds(300)).listener(listener).build();
    agent.start();
    awaitIdle("start");
    info("driver batching window %d ms; %d ports per network; dnsmasq runs as nobody in %s",
        window.toMillis(), ports, srvNs);

    Shape shape = new Shape(7);
    if (only.contains("visible") || only.contains("churn")) {
      Shape.Net a = shape.net(ports);
      // the probe takes the last port's place: its MAC is the client's
      List<Port> list = new ArrayList<>(a.ports());
      Port probe = Shape.withMac(list.get(list.size() - 1), probeMac, Shape.probeAddress(0));
      list.set(list.size() - 1, probe);
      a = new Shape.Net(a.network(), a.subnet(), List.copyOf(list));
      createWithoutLeases(a);
      if (only.contains("visible")) {
        figures.add(new VisibleRun(this, a, probe).run());
      }
      if (only.contains("churn")) {
        figures.add(new ChurnRun(this, a, list.subList(0, list.size() - 1)).run());
      }
      keepLog(a.id()); // disabling the network removes its directory
      source.remove(a.id());
      agent.submit(new ResourceEvent.NetworkDeleted(a.id(), a.network().revision() + 1));
      awaitIdle("network removal");
    }
    if (only.contains("releases")) {
      figures.addAll(new ReleaseRun(this, shape.net(releasePorts)).run());
    }
  }

  /**
   * Serves a network whose ports hold no lease: enabled empty (dnsmasq starts with an empty
   * lease file), then its ports created by events (one batched reload).
   */
  private void createWithoutLeases(Shape.Net net) throws IOException {
    source.put(net, List.of());
    agent.requestResync(net.id(), "benchmark network");
    awaitServed(net.id());
    long t0 = System.nanoTime();
    for (Port p : net.ports()) {
      source.put(p);
      agent.submit(new ResourceEvent.PortCreated(p));
    }
    awaitIdle("creating " + net.ports().size() + " ports");
    info("network %s: %d ports created by events and live in dnsmasq in %.2f s; its lease"
        + " file holds %d leases", net.id(), net.ports().size(), seconds(t0),
        leaseCount(net.id()));
  }

  private void keepLog(String networkId) {
    try {
      Files.copy(dir(networkId).resolve("log"), work.resolve("dnsmasq-" + networkId + ".log"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      info("could not keep the log of network %s: %s", networkId, e);
    }
  }

  /** Waits until the driver has a running dnsmasq for the network. */
  void awaitServed(String networkId) {
    long deadline = System.nanoTime() + IDLE.toNanos();
    while (driver.pid(networkId).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("network " + networkId + " not served: "
            + listener.lastProblem());
      }
      sleep(20);
    }
    awaitIdle("enabling " + networkId);
  }

  void awaitIdle(String what) {
    if (!agent.awaitIdle(IDLE)) {
      throw new IllegalStateException(what + ": agent not idle after " + IDLE + ": "
          + agent.stats());
    }
  }

  Path dir(String networkId) {
    return state.resolve(networkId);
  }

  /** Leases in the network's lease file (dnsmasq's own file, read directly). */
  long leaseCount(String networkId) throws IOException {
    Path f = dir(networkId).resolve("leases");
    if (!Files.exists(f)) {
      return 0;
    }
    try (var lines = Files.lines(f, StandardCharsets.ISO_8859_1)) {
      return lines.filter(l -> !l.isBlank() && !l.startsWith("duid ")).count();
    }
  }

  /** Lines of the network's dnsmasq log containing {@code text}. */
  long logCount(String networkId, String text) throws IOException {
    Path f = dir(networkId).resolve("log");
    if (!Files.exists(f)) {
      return 0;
    }
    try (var lines = Files.lines(f, StandardCharsets.ISO_8859_1)) {
      return lines.filter(l -> l.contains(text)).count();
    }
  }

  /** Times dnsmasq re-read its host file, and times it started, per its log. */
  long reloads(String networkId) throws IOException {
    return logCount(networkId, "read " + dir(networkId).resolve("host"));
  }

  long starts(String networkId) throws IOException {
    return logCount(networkId, "started, version");
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  static double seconds(long fromNanos) {
    return (System.nanoTime() - fromNanos) / 1e9;
  }

  static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static void info(String format, Object... args) {
    System.out.println("info " + String.format(Locale.ROOT, format, args));
    System.out.flush();
  }

  private synchronized void close() {
    if (agent != null) {
      agent.close(); // closes the driver, which stops its dnsmasq processes
      agent = null;
      driver = null;
    } else if (driver != null) {
      driver.close();
      driver = null;
    }
  }

  /** {@code --name value} pairs. */
  private static final class Args {
    private final java.util.Map<String, String> values = new java.util.HashMap<>();

    Args(String[] args) {
      for (int i = 0; i + 1 < args.length; i += 2) {
        values.put(args[i], args[i + 1]);
      }
      if (args.length % 2 != 0) {
        throw new IllegalArgumentException("options come in pairs: --name value");
      }
    }

    String need(String name) {
      String v = values.get(name);
      if (v == null) {
        throw new IllegalArgumentException("missing " + name);
      }
      return v;
    }

    String get(String name, String fallback) {
      return values.getOrDefault(name, fallback);
    }
  }
}
