package io.dhcpstate.driver.inmemory.lab;

import io.dhcpstate.agent.DhcpAgent;
import io.dhcpstate.agent.ResourceEvent;
import io.dhcpstate.driver.inmemory.FsyncPolicy;
import io.dhcpstate.driver.inmemory.InMemoryDriver;
import io.dhcpstate.driver.inmemory.InMemoryDriverBuilder;
import io.dhcpstate.driver.inmemory.ServerStats;
import io.dhcpstate.model.AddressMode;
import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.testkit.FakeNetworkSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The DHCP server of the lab tests, run as a child JVM inside a network namespace (a JVM cannot
 * enter one): a {@link FakeNetworkSource} holding one network with one IPv4 subnet, a
 * {@link DhcpAgent} and an {@link InMemoryDriver} serving UDP. It prints {@code READY} once the
 * agent has enabled the network, then answers one line per command read from standard input:
 *
 * <ul>
 *   <li>{@code update-port ID IP} — moves a port to another fixed IP through the agent;
 *       answers {@code ok ...} once the driver serves it;
 *   <li>{@code stats} — the server's counters as {@code stats name=value ...};
 *   <li>{@code leases} — {@code leases MAC=IP ...};
 *   <li>{@code quit} (or end of input, when the test JVM is gone) — closes and exits.
 * </ul>
 *
 * <p>Configuration is {@code key=value} arguments: {@code bind} (default 0.0.0.0:67),
 * {@code server} (the server identifier), {@code network}, {@code mtu}, {@code domain},
 * {@code subnet} (CIDR), {@code gateway}, {@code dns} (comma list), {@code route}
 * (DEST,NEXTHOP; repeatable), {@code mode} (static or dynamic), {@code pool} (START,END),
 * {@code lease} (seconds), {@code journal} (a directory), and {@code port} (ID,MAC,IP;
 * repeatable).
 */
public final class LabServer {
  private final FakeNetworkSource source;
  private final DhcpAgent agent;
  private final InMemoryDriver driver;
  private final String networkId;
  private final String subnetId;

  private LabServer(Map<String, List<String>> cfg) {
    networkId = optional(cfg, "network").orElse("lab");
    subnetId = networkId + "-v4";
    Network network = new Network(networkId, "lab network", true,
        Integer.parseInt(optional(cfg, "mtu").orElse("1500")), optional(cfg, "domain"), 1);
    Subnet.Builder sb = Subnet.builder(subnetId, networkId, optional(cfg, "subnet")
            .orElseThrow(() -> new IllegalArgumentException("missing setting: subnet")))
        .addressMode(AddressMode.valueOf(optional(cfg, "mode").orElse("static").toUpperCase()))
        .revision(1);
    optional(cfg, "gateway").ifPresent(sb::gateway);
    for (String d : optional(cfg, "dns").orElse("").split(",")) {
      if (!d.isBlank()) {
        sb.dns(d.strip());
      }
    }
    for (String r : cfg.getOrDefault("route", List.of())) {
      String[] parts = r.split(",");
      sb.route(parts[0], parts[1]);
    }
    optional(cfg, "pool").map(p -> p.split(",")).ifPresent(p -> sb.pool(p[0], p[1]));
    List<Port> ports = new ArrayList<>();
    for (String p : cfg.getOrDefault("port", List.of())) {
      String[] parts = p.split(",");
      ports.add(Port.builder(parts[0], networkId, parts[1]).fixedIp(subnetId, parts[2])
          .deviceOwner("compute:lab").revision(1).build());
    }
    source = new FakeNetworkSource().put(NetworkSnapshot.of(network, List.of(sb.build()), ports));

    String[] bind = optional(cfg, "bind").orElse("0.0.0.0:67").split(":");
    InMemoryDriverBuilder db = InMemoryDriver.builder()
        .udp(new InetSocketAddress(bind[0], Integer.parseInt(bind[1])));
    optional(cfg, "server").ifPresent(db::serverAddress);
    optional(cfg, "journal").ifPresent(dir -> db.journal(Path.of(dir), FsyncPolicy.NEVER));
    driver = db.build();
    agent = DhcpAgent.builder().source(source).driver(driver)
        .leaseTime(Duration.ofSeconds(Long.parseLong(optional(cfg, "lease").orElse("3600"))))
        .build();
  }

  /** The last value given for a setting. */
  private static Optional<String> optional(Map<String, List<String>> cfg, String key) {
    List<String> values = cfg.getOrDefault(key, List.of());
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
  }

  /**
   * Starts the server and serves commands until {@code quit} or end of input.
   *
   * @param args {@code key=value} settings
   * @throws Exception when setting up fails; the test sees the process end without READY
   */
  public static void main(String[] args) throws Exception {
    Map<String, List<String>> cfg = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("not key=value: " + a);
      }
      cfg.computeIfAbsent(a.substring(0, eq), k -> new ArrayList<>()).add(a.substring(eq + 1));
    }
    LabServer server = new LabServer(cfg);
    int code = 0;
    try {
      server.serve();
    } catch (RuntimeException e) {
      e.printStackTrace();
      code = 1;
    } finally {
      server.agent.close();
      server.driver.close();
    }
    System.exit(code);
  }

  private void serve() throws Exception {
    agent.start();
    if (!agent.awaitIdle(Duration.ofSeconds(30))
        || !driver.servedNetworks().toCompletableFuture().join().contains(networkId)) {
      throw new IllegalStateException("the agent did not enable " + networkId);
    }
    reply("READY " + driver.udpAddresses());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] words = line.strip().split("\\s+");
      try {
        switch (words[0]) {
          case "update-port" -> updatePort(words[1], words[2]);
          case "stats" -> stats();
          case "leases" -> leases();
          case "quit" -> {
            reply("bye");
            return;
          }
          default -> reply("error unknown command: " + words[0]);
        }
      } catch (RuntimeException e) {
        reply("error " + e);
      }
    }
  }

  private void updatePort(String portId, String ip) {
    NetworkSnapshot now = source.peek(networkId).orElseThrow();
    Port old = now.port(portId).orElseThrow(() -> new IllegalArgumentException(portId));
    Port next = new Port(old.id(), old.networkId(), old.mac(),
        List.of(new FixedIp(subnetId, IpAddress.parse(ip))), old.deviceOwner(),
        old.adminStateUp(), old.hostname(), old.extraDhcpOptions(), old.revision() + 1);
    List<Port> ports = now.ports().stream().map(p -> p.id().equals(portId) ? next : p)
        .collect(Collectors.toList());
    source.put(NetworkSnapshot.of(now.network(), now.subnets(), ports));
    agent.submit(new ResourceEvent.PortUpdated(next));
    if (!agent.awaitIdle(Duration.ofSeconds(20))) {
      throw new IllegalStateException("agent not idle after updating " + portId);
    }
    boolean live = agent.network(networkId).flatMap(n -> n.port(portId))
        .map(p -> p.revision() == next.revision()).orElse(false);
    reply((live ? "ok" : "error not applied") + " update-port " + portId + " " + ip);
  }

  private void stats() {
    ServerStats s = driver.stats();
    reply("stats received=" + s.received() + " offers=" + s.offers() + " acks=" + s.acks()
        + " naks=" + s.naks() + " malformed=" + s.malformed() + " unknown="
        + s.unknownClients() + " ignored=" + s.ignored() + " leases=" + s.leases());
  }

  private void leases() {
    List<Lease> leases = driver.leases(networkId).toCompletableFuture().join();
    reply("leases" + leases.stream().map(l -> " " + l.mac() + "=" + l.ip())
        .collect(Collectors.joining()));
  }

  private static void reply(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
