package io.dhcpstate.testkit.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.dhcpstate.agent.DhcpAgent;
import io.dhcpstate.agent.ResourceEvent;
import io.dhcpstate.agent.ResourceEvent.NetworkCreated;
import io.dhcpstate.agent.ResourceEvent.NetworkDeleted;
import io.dhcpstate.agent.ResourceEvent.NetworkUpdated;
import io.dhcpstate.agent.ResourceEvent.PortCreated;
import io.dhcpstate.agent.ResourceEvent.PortDeleted;
import io.dhcpstate.agent.ResourceEvent.PortUpdated;
import io.dhcpstate.agent.ResourceEvent.SubnetCreated;
import io.dhcpstate.agent.ResourceEvent.SubnetDeleted;
import io.dhcpstate.agent.ResourceEvent.SubnetUpdated;
import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.Ipv6Mode;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.testkit.FakeNetworkSource;
import io.dhcpstate.testkit.FakeTime;
import io.dhcpstate.testkit.RecordingDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

/**
 * Random event sequences reach the agent and a plain reference model; once the agent is idle,
 * the recording driver must serve exactly what the model holds, network by network.
 *
 * <p>A {@link Controller} plays the host application: it keeps the true, always valid state
 * (mirrored into the {@link FakeNetworkSource} before any event about it is delivered) and emits
 * an event per change, with one revision counter for all resources. Delivery is noisy: events
 * are held back and delivered late (out of order), delivered twice or long after newer ones
 * (stale), and bogus ports (unknown subnet, an IP or MAC another port holds, an unknown network)
 * are mixed in; full syncs are requested and the clock moves on (so retries run) amid the
 * events. The driver fails 10% of calls at random. The {@link Model} applies the
 * delivered events one by one with the agent's rules (revisions, tombstones, validation) and,
 * like the agent, re-reads a network from the controller's truth when it rejects an event.
 */
class AgentStatefulPropertyTest {
  private static final int EXAMPLES = 50;

  record Scenario(int networks, List<Integer> ops, long driverSeed) {}

  private static Gen<Scenario> scenarios() {
    return integers().between(1, 5).zip(lists().of(integers().between(0, 1999))
        .ofSizeBetween(20, 120), longs().all(), Scenario::new);
  }

  @ParameterizedTest(name = "workers={0}")
  @ValueSource(ints = {1, 2, 8})
  void randomEvents_driverEndsServingTheModel(int workers) {
    qt().withExamples(EXAMPLES).withShrinkCycles(20).forAll(scenarios())
        .checkAssert(s -> run(s, workers));
  }

  private static void run(Scenario sc, int workers) {
    FakeTime time = new FakeTime();
    FakeNetworkSource source = new FakeNetworkSource();
    RecordingDriver driver = new RecordingDriver("rec").failRandomly(0.10, sc.driverSeed());
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers + 1,
        r -> new Thread(r, "prop-" + threads.incrementAndGet()));
    DhcpAgent agent = DhcpAgent.builder().source(source).driver(driver).clock(time)
        .scheduler(time).executor(pool).workers(workers).driverTimeout(Duration.ofHours(1))
        .closeTimeout(Duration.ofSeconds(1)).build();
    Controller truth = new Controller(sc.networks(), source);
    Model model = new Model();
    try {
      agent.start();
      for (int op : sc.ops()) {
        for (ResourceEvent e : truth.step(op)) {
          model.apply(e, truth);
          agent.submit(e);
        }
        if (truth.fullSyncNow) {
          agent.requestFullSync("test");
        }
        if (truth.tickNow) { // let the agent catch up, then run due retries amid the events
          agent.awaitIdle(Duration.ofMillis(50));
          time.advance(Duration.ofSeconds(3));
        }
      }
      for (ResourceEvent e : truth.flush()) {
        model.apply(e, truth);
        agent.submit(e);
      }
      settle(agent, time);

      for (String id : truth.ids()) {
        assertThat(model.snapshot(id)).as("model vs truth, " + id).isEqualTo(truth.snapshot(id));
      }
      Map<String, NetworkSnapshot> served = driver.served();
      Set<String> expected = new HashSet<>();
      for (String id : truth.ids()) {
        Optional<Snap> m = model.snapshot(id);
        assertThat(agent.network(id).map(Snap::of)).as("agent cache, " + id).isEqualTo(m);
        if (m.isPresent() && m.get().servable()) {
          expected.add(id);
          assertThat(Optional.ofNullable(served.get(id)).map(Snap::of)).as("served " + id)
              .isEqualTo(m);
        }
      }
      assertThat(served.keySet()).isEqualTo(expected);
      assertThat(driver.contractViolations()).isEmpty();
    } finally {
      agent.close();
      pool.shutdownNow();
    }
  }

  /** Lets retries run: advances the fake clock while timers wait; bounded in steps and time. */
  private static void settle(DhcpAgent agent, FakeTime time) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    for (int advances = 0; advances < 200 && System.nanoTime() < deadline; ) {
      if (agent.awaitIdle(Duration.ofMillis(20))) {
        return;
      }
      if (time.pendingTasks() > 0) {
        time.advance(Duration.ofSeconds(30));
        advances++;
      }
    }
    throw new AssertionError("agent not idle: " + agent.stats());
  }

  /** A network compared by value: the network record, its subnets and its ports. */
  record Snap(Network network, Set<Subnet> subnets, Set<Port> ports) {
    static Snap of(NetworkSnapshot s) {
      return new Snap(s.network(), Set.copyOf(s.subnets()), Set.copyOf(s.ports()));
    }

    boolean servable() {
      return network.adminStateUp() && subnets.stream().anyMatch(Subnet::enableDhcp);
    }
  }

  /** One network id's state in the model; it outlives deletions, as the agent's tombstones do. */
  private static final class Slot {
    Network network;
    final Map<String, Subnet> subnets = new HashMap<>();
    final Map<String, Port> ports = new HashMap<>();
    long networkTomb = -1;
    final Map<String, Long> subnetTombs = new HashMap<>();
    final Map<String, Long> portTombs = new HashMap<>();
  }

  /**
   * The reference model: the agent's rules applied one event at a time. Tombstones never expire
   * here (tests run for minutes of fake time; tombstones last a day).
   */
  static final class Model {
    private final Map<String, Slot> slots = new HashMap<>();

    Optional<Snap> snapshot(String id) {
      Slot s = slots.get(id);
      return s == null || s.network == null ? Optional.empty() : Optional.of(new Snap(s.network,
          Set.copyOf(s.subnets.values()), Set.copyOf(s.ports.values())));
    }

    void apply(ResourceEvent e, Controller truth) {
      Slot s = slots.computeIfAbsent(e.networkId(), id -> new Slot());
      if (!accept(s, e)) {
        resync(s, truth.snapshot(e.networkId()));
      }
    }

    /** Applies or drops an event; returns false when it is rejected. */
    private static boolean accept(Slot s, ResourceEvent e) {
      long rev = e.revision();
      if (e instanceof NetworkCreated || e instanceof NetworkUpdated) {
        Network n = e instanceof NetworkCreated c ? c.network() : ((NetworkUpdated) e).network();
        if (s.networkTomb >= rev || s.network != null && s.network.revision() >= rev) {
          return true;
        }
        s.network = n;
        s.networkTomb = -1;
      } else if (e instanceof NetworkDeleted) {
        s.networkTomb = Math.max(s.networkTomb, rev);
        if (s.network != null && s.network.revision() <= rev) {
          s.network = null;
          s.subnets.clear();
          s.ports.clear();
        }
      } else if (e instanceof SubnetCreated || e instanceof SubnetUpdated) {
        Subnet sub = e instanceof SubnetCreated c ? c.subnet() : ((SubnetUpdated) e).subnet();
        if (s.network == null) {
          return false;
        }
        Subnet old = s.subnets.get(sub.id());
        if (s.subnetTombs.getOrDefault(sub.id(), -1L) >= rev
            || old != null && old.revision() >= rev) {
          return true;
        }
        for (Subnet other : s.subnets.values()) {
          if (!other.id().equals(sub.id()) && other.cidr().overlaps(sub.cidr())) {
            return false;
          }
        }
        for (Port p : s.ports.values()) {
          for (FixedIp f : p.fixedIps()) {
            if (f.subnetId().equals(sub.id()) && !sub.cidr().contains(f.ip())) {
              return false;
            }
          }
        }
        s.subnets.put(sub.id(), sub);
        s.subnetTombs.remove(sub.id());
      } else if (e instanceof SubnetDeleted d) {
        s.subnetTombs.merge(d.subnetId(), rev, Math::max);
        Subnet old = s.network == null ? null : s.subnets.get(d.subnetId());
        if (old != null && old.revision() <= rev) {
          s.subnets.remove(d.subnetId());
          s.ports.replaceAll((id, p) -> withoutSubnet(p, d.subnetId()));
        }
      } else if (e instanceof PortCreated || e instanceof PortUpdated) {
        Port p = e instanceof PortCreated c ? c.port() : ((PortUpdated) e).port();
        if (s.network == null) {
          return false;
        }
        Port old = s.ports.get(p.id());
        if (s.portTombs.getOrDefault(p.id(), -1L) >= rev || old != null && old.revision() >= rev) {
          return true;
        }
        if (!fits(s, p)) {
          return false;
        }
        s.ports.put(p.id(), p);
        s.portTombs.remove(p.id());
      } else if (e instanceof PortDeleted d) {
        s.portTombs.merge(d.portId(), rev, Math::max);
        Port old = s.network == null ? null : s.ports.get(d.portId());
        if (old != null && old.revision() <= rev) {
          s.ports.remove(d.portId());
        }
      }
      return true;
    }

    private static boolean fits(Slot s, Port p) {
      for (Port other : s.ports.values()) {
        if (other.id().equals(p.id())) {
          continue;
        }
        if (other.mac().equals(p.mac())) {
          return false;
        }
        for (FixedIp f : other.fixedIps()) {
          if (p.fixedIps().stream().anyMatch(mine -> mine.ip().equals(f.ip()))) {
            return false;
          }
        }
      }
      for (FixedIp f : p.fixedIps()) {
        Subnet sub = s.subnets.get(f.subnetId());
        if (sub == null || !sub.cidr().contains(f.ip())) {
          return false;
        }
      }
      return true;
    }

    /** What the agent does after a rejection: replace the network with the source's. */
    private static void resync(Slot s, Optional<Snap> fresh) {
      if (fresh.isEmpty()) {
        if (s.network != null) {
          s.networkTomb = Math.max(s.networkTomb, s.network.revision());
        }
        s.network = null;
        s.subnets.clear();
        s.ports.clear();
        return;
      }
      s.network = fresh.get().network();
      s.networkTomb = -1;
      s.subnets.clear();
      fresh.get().subnets().forEach(sub -> s.subnets.put(sub.id(), sub));
      s.ports.clear();
      fresh.get().ports().forEach(p -> s.ports.put(p.id(), p));
    }
  }

  static Port withoutSubnet(Port p, String subnetId) {
    List<FixedIp> kept = new ArrayList<>(p.fixedIps());
    if (!kept.removeIf(f -> f.subnetId().equals(subnetId))) {
      return p;
    }
    return new Port(p.id(), p.networkId(), p.mac(), kept, p.deviceOwner(), p.adminStateUp(),
        p.hostname(), p.extraDhcpOptions(), p.revision());
  }

  /** The controller's true state of one network. */
  private static final class Net {
    final int k;
    Network network;
    final TreeMap<Character, Subnet> subnets = new TreeMap<>(); // by slot: a, b (v4), c (v6)
    final TreeMap<String, Port> ports = new TreeMap<>();

    Net(int k) {
      this.k = k;
    }

    String id() {
      return "net" + k;
    }

    NetworkSnapshot snapshot() {
      return NetworkSnapshot.of(network, subnets.values(), ports.values());
    }

    boolean ipUsed(IpAddress ip) {
      return ports.values().stream().anyMatch(p -> p.fixedIps().stream()
          .anyMatch(f -> f.ip().equals(ip)));
    }

    List<Port> ordinaryPorts() {
      return ports.values().stream().filter(p -> !p.id().endsWith("-pin")).toList();
    }
  }

  /**
   * Plays the host application: turns each generated number into a valid change of the true
   * state (published to the source at once) plus noisy delivery of its events.
   */
  static final class Controller {
    private final int networks;
    private final FakeNetworkSource source;
    private final Map<String, Net> live = new TreeMap<>();
    private final Map<String, List<String>> deadPorts = new HashMap<>();
    private final List<ResourceEvent> history = new ArrayList<>();
    private final List<List<ResourceEvent>> held = new ArrayList<>();
    private final List<Integer> heldUntil = new ArrayList<>();
    private final Map<String, Integer> subnetGen = new HashMap<>();
    private long revision;
    private int counter;
    private int step;
    private int holdNext;
    /** The last step asked for a full sync. */
    boolean fullSyncNow;
    /** The last step asked to move the clock on. */
    boolean tickNow;

    Controller(int networks, FakeNetworkSource source) {
      this.networks = networks;
      this.source = source;
    }

    Set<String> ids() {
      Set<String> ids = new HashSet<>();
      for (int k = 0; k < networks; k++) {
        ids.add("net" + k);
      }
      return ids;
    }

    Optional<Snap> snapshot(String id) {
      Net n = live.get(id);
      return n == null ? Optional.empty() : Optional.of(Snap.of(n.snapshot()));
    }

    /** Makes one change (or one piece of noise); returns the events to deliver now. */
    List<ResourceEvent> step(int op) {
      step++;
      fullSyncNow = false;
      tickNow = false;
      int kind = op % 20;
      int arg = op / 20;
      int k = arg % networks;
      Net n = live.get("net" + k);
      List<ResourceEvent> made = new ArrayList<>();
      List<ResourceEvent> noise = new ArrayList<>();
      if (kind == 16 || kind == 19) {
        for (int i = 0; i < (kind == 19 ? 3 : 1) && !history.isEmpty(); i++) {
          noise.add(history.get(history.size() - 1 - (arg + i) % Math.min(30, history.size())));
        }
      } else if (kind == 17) {
        holdNext = arg % 3 == 0 ? 0 : 1 + arg % 4;
        fullSyncNow = arg % 3 == 0;
        tickNow = arg % 2 == 0;
      } else if (kind == 18) {
        noise.add(bogus(k, n, arg));
      } else if (n == null) {
        made.addAll(createNetwork(k));
      } else {
        made.addAll(change(n, kind, arg));
      }
      Net now = live.get("net" + k);
      if (now == null) {
        source.remove("net" + k);
      } else {
        source.put(now.snapshot());
      }
      history.addAll(made);
      List<ResourceEvent> out = new ArrayList<>();
      if (holdNext > 0 && !made.isEmpty() && kind != 17) {
        held.add(made);
        heldUntil.add(step + holdNext);
        holdNext = 0;
      } else {
        out.addAll(made);
      }
      out.addAll(noise);
      for (int i = 0; i < held.size(); i++) {
        if (heldUntil.get(i) <= step) {
          out.addAll(held.remove(i));
          heldUntil.remove(i--);
        }
      }
      return out;
    }

    /** Delivers every held event. */
    List<ResourceEvent> flush() {
      List<ResourceEvent> out = new ArrayList<>();
      held.forEach(out::addAll);
      held.clear();
      heldUntil.clear();
      return out;
    }

    private List<ResourceEvent> change(Net n, int kind, int arg) {
      switch (kind) {
        case 0, 1:
          n.network = new Network(n.id(), "net", n.network.adminStateUp(), 1280 + arg,
              Optional.empty(), ++revision);
          return List.of(new NetworkUpdated(n.network));
        case 2:
          return deleteNetwork(n);
        case 3:
          n.network = new Network(n.id(), "net", !n.network.adminStateUp(), n.network.mtu(),
              Optional.empty(), ++revision);
          return List.of(new NetworkUpdated(n.network));
        case 4, 5, 6:
          return subnetChange(n, kind == 4 ? 'b' : kind == 5 ? 'c' : 'a', arg);
        case 11, 12, 15:
          return updatePort(n, arg, kind == 15);
        case 13, 14:
          return deletePort(n, arg);
        default:
          return createPort(n, arg);
      }
    }

    private List<ResourceEvent> createNetwork(int k) {
      Net n = new Net(k);
      live.put(n.id(), n);
      n.network = new Network(n.id(), "net", true, 1500, Optional.empty(), ++revision);
      Subnet a = newSubnet(n, 'a');
      Port pin = new Port(n.id() + "-pin", n.id(), mac(k, 1),
          List.of(FixedIp.of(a.id(), "10." + k + ".0.2")), Port.DHCP_OWNER, true,
          Optional.empty(), List.of(), ++revision);
      n.ports.put(pin.id(), pin);
      return List.of(new NetworkCreated(n.network), new SubnetCreated(a),
          new PortCreated(pin, true));
    }

    private List<ResourceEvent> deleteNetwork(Net n) {
      List<ResourceEvent> out = new ArrayList<>();
      for (Port p : n.ports.values()) {
        out.add(new PortDeleted(n.id(), p.id(), p.revision()));
        deadPorts.computeIfAbsent(n.id(), x -> new ArrayList<>()).add(p.id());
      }
      for (Subnet s : n.subnets.values()) {
        out.add(new SubnetDeleted(n.id(), s.id(), s.revision()));
      }
      out.add(new NetworkDeleted(n.id(), n.network.revision()));
      live.remove(n.id());
      return out;
    }

    private Subnet newSubnet(Net n, char slot) {
      int gen = subnetGen.merge(n.id() + slot, 1, Integer::sum);
      String id = n.id() + "-" + slot + gen;
      Subnet s = (slot == 'c'
          ? Subnet.builder(id, n.id(), "fd00:0:0:" + n.k + "::/64")
              .ipv6Mode(Ipv6Mode.DHCPV6_STATEFUL)
          : Subnet.builder(id, n.id(), "10." + n.k + "." + (slot == 'a' ? 0 : 1) + ".0/24"))
          .revision(++revision).build();
      n.subnets.put(slot, s);
      return s;
    }

    private List<ResourceEvent> subnetChange(Net n, char slot, int arg) {
      Subnet s = n.subnets.get(slot);
      if (s == null) {
        return List.of(new SubnetCreated(newSubnet(n, slot)));
      }
      if (slot != 'a' && arg % 3 == 0) {
        List<ResourceEvent> out = new ArrayList<>();
        for (Port p : List.copyOf(n.ports.values())) {
          Port stripped = withoutSubnet(p, s.id());
          if (stripped != p) {
            stripped = stripped.withRevision(++revision);
            n.ports.put(p.id(), stripped);
            out.add(new PortUpdated(stripped));
          }
        }
        n.subnets.remove(slot);
        out.add(new SubnetDeleted(n.id(), s.id(), s.revision()));
        return out;
      }
      boolean v6 = slot == 'c';
      String prefix = v6 ? "fd00:0:0:" + n.k + "::"
          : "10." + n.k + "." + (slot == 'a' ? 0 : 1) + ".";
      List<IpAddress> dns = s.dnsNameservers();
      var pools = s.allocationPools();
      boolean dhcp = s.enableDhcp();
      switch (arg % 4) {
        case 0 -> dns = dns.isEmpty() ? List.of(IpAddress.parse(prefix + "3")) : List.of();
        case 1 -> pools = pools.isEmpty() ? List.of(io.dhcpstate.model.AllocationPool.of(
            prefix + (v6 ? "a0" : "100"), prefix + (v6 ? "c8" : "200"))) : List.of();
        case 2 -> dhcp = !dhcp;
        default -> { } // a new revision only
      }
      Subnet next = new Subnet(s.id(), s.networkId(), s.cidr(), dhcp, s.gatewayIp(), dns,
          s.hostRoutes(), pools, s.ipv6AddressMode(), s.ipv6RaMode(), s.addressMode(),
          ++revision);
      n.subnets.put(slot, next);
      return List.of(new SubnetUpdated(next));
    }

    private static MacAddress mac(int k, int n) {
      return MacAddress.of(0xfa163e000000L + k * 4096L + n);
    }

    /** A free address on a slot's subnet, searching from {@code start}; null if none. */
    private static IpAddress freeIp(Net n, char slot, int start, Set<IpAddress> taken) {
      for (int i = 0; i < 16; i++) {
        int host = 10 + (start + i) % 16;
        IpAddress ip = IpAddress.parse(slot == 'c' ? "fd00:0:0:" + n.k + "::" + host
            : "10." + n.k + "." + (slot == 'a' ? 0 : 1) + "." + host);
        if (!n.ipUsed(ip) && !taken.contains(ip)) {
          return ip;
        }
      }
      return null;
    }

    private List<FixedIp> addresses(Net n, int arg, boolean withB, boolean withC) {
      List<FixedIp> ips = new ArrayList<>();
      Set<IpAddress> taken = new HashSet<>();
      for (char slot : new char[] {'a', 'b', 'c'}) {
        Subnet s = n.subnets.get(slot);
        if (s != null && (slot == 'a' || slot == 'b' && withB || slot == 'c' && withC)) {
          IpAddress ip = freeIp(n, slot, arg, taken);
          if (ip != null) {
            ips.add(new FixedIp(s.id(), ip));
            taken.add(ip);
          }
        }
      }
      return ips;
    }

    private List<ResourceEvent> createPort(Net n, int arg) {
      List<String> dead = deadPorts.getOrDefault(n.id(), List.of()).stream()
          .filter(id -> !n.ports.containsKey(id) && !id.endsWith("-pin")).toList();
      String id = arg % 5 == 0 && !dead.isEmpty() ? dead.get(arg % dead.size())
          : n.id() + "-p" + ++counter;
      MacAddress mac = null;
      for (int i = 0; i < 32 && mac == null; i++) {
        MacAddress m = mac(n.k, 3 + (arg + i) % 32);
        mac = n.ports.values().stream().anyMatch(p -> p.mac().equals(m)) ? null : m;
      }
      List<FixedIp> ips = addresses(n, arg, arg % 2 == 0, arg % 3 == 0);
      if (mac == null || ips.isEmpty()) {
        return List.of();
      }
      Port p = new Port(id, n.id(), mac, ips, "compute:nova", true,
          arg % 4 == 0 ? Optional.of("host" + counter) : Optional.empty(), List.of(),
          ++revision);
      n.ports.put(id, p);
      return List.of(new PortCreated(p, arg % 2 == 1));
    }

    private List<ResourceEvent> updatePort(Net n, int arg, boolean pinned) {
      Port pin = n.ports.get(n.id() + "-pin");
      List<Port> candidates = !pinned ? n.ordinaryPorts() : pin == null ? List.of() : List.of(pin);
      if (candidates.isEmpty()) {
        return List.of();
      }
      Port p = candidates.get(arg % candidates.size());
      List<FixedIp> ips = p.fixedIps();
      Optional<String> hostname = Optional.of("h" + arg);
      if (!pinned && arg % 3 != 0) {
        n.ports.remove(p.id()); // its own addresses are free for itself
        List<FixedIp> moved = addresses(n, arg * 7, arg % 3 == 1, arg % 2 == 1);
        n.ports.put(p.id(), p);
        ips = moved.isEmpty() ? ips : moved;
        hostname = p.hostname();
      }
      Port next = new Port(p.id(), p.networkId(), p.mac(), ips, p.deviceOwner(),
          p.adminStateUp(), hostname, p.extraDhcpOptions(), ++revision);
      n.ports.put(p.id(), next);
      return List.of(new PortUpdated(next));
    }

    private List<ResourceEvent> deletePort(Net n, int arg) {
      List<Port> candidates = n.ordinaryPorts();
      if (candidates.isEmpty()) {
        return List.of();
      }
      Port p = candidates.get(arg % candidates.size());
      n.ports.remove(p.id());
      deadPorts.computeIfAbsent(n.id(), x -> new ArrayList<>()).add(p.id());
      return List.of(new PortDeleted(n.id(), p.id(), p.revision()));
    }

    /** A port no valid state can hold; the agent must reject it (or resync it away). */
    private ResourceEvent bogus(int k, Net n, int arg) {
      String netId = "net" + k;
      String subnetA = n != null && n.subnets.containsKey('a') ? n.subnets.get('a').id()
          : netId + "-a1";
      String id = netId + "-bogus" + ++counter;
      Port p = switch (arg % 3) {
        case 0 -> new Port(id, netId, mac(k, 200 + counter % 50),
            List.of(FixedIp.of(netId + "-ghost", "10." + k + ".0.99")), "", true,
            Optional.empty(), List.of(), ++revision);
        case 1 -> new Port(id, netId, mac(k, 100 + counter % 50),
            List.of(FixedIp.of(subnetA, "10." + k + ".0.2")), "", true, Optional.empty(),
            List.of(), ++revision);
        default -> new Port(id, netId, mac(k, 1),
            List.of(FixedIp.of(subnetA, "10." + k + ".0.250")), "", true, Optional.empty(),
            List.of(), ++revision);
      };
      return new PortCreated(p);
    }
  }
}
