package io.dhcpstate.driver.dnsmasq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dhcpstate.agent.DhcpAgent;
import io.dhcpstate.agent.ResourceEvent;
import io.dhcpstate.model.AddressMode;
import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.MetadataRouteMode;
import io.dhcpstate.spi.NetworkChange;
import io.dhcpstate.spi.PortChange;
import io.dhcpstate.testkit.FakeNetworkSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent with a {@link FakeNetworkSource} driving real dnsmasq through the driver, in a
 * server namespace, and real DHCP clients (BusyBox udhcpc, ISC dhclient) in a client namespace
 * on the other end of a veth pair. Both namespaces are created here and removed afterwards;
 * every client run is bounded in time. Skipped when not root or without {@code ip netns}.
 */
class DnsmasqIntegrationTest {
  private static final String NET = "int-net";
  private static final String MAC = "fa:16:3e:77:00:01";
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(25);
  private static Netns srv;
  private static Netns cli;
  private static Path work;

  private Path state;
  private final FakeNetworkSource source = new FakeNetworkSource();
  private DnsmasqDriver driver;
  private DhcpAgent agent;
  private int clientRuns;

  @BeforeAll
  static void createNamespaces() throws IOException {
    String why = Netns.unavailableReason();
    assumeTrue(why == null, "dnsmasq integration tests need network namespaces: " + why);
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/dnsmasq"))
        && Files.isExecutable(Path.of("/usr/bin/dhcp_release"))
        && Files.isExecutable(Path.of("/usr/bin/busybox"))
        && Files.isExecutable(Path.of("/usr/sbin/dhclient")),
        "needs dnsmasq-base, dnsmasq-utils, busybox and isc-dhcp-client");
    srv = Netns.create("ddis");
    cli = Netns.create("ddic");
    Netns.veth(srv, "vs", cli, "vc");
    srv.ip("addr", "add", "10.77.0.2/24", "dev", "vs");
    work = TestDirs.create("dhcpstate-integration");
    Path script = work.resolve("udhcpc.sh");
    Files.writeString(script, "#!/bin/sh\nenv > \"$UDHCPC_OUT.$1\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(work.resolve("dhclient.conf"),
        "option rfc3442-classless-static-routes code 121 = array of unsigned integer 8;\n"
            + "request subnet-mask, broadcast-address, routers, domain-name, "
            + "domain-name-servers, host-name, interface-mtu, rfc3442-classless-static-routes;\n"
            + "timeout 20;\n");
  }

  @AfterAll
  static void removeNamespaces() {
    try {
      if (cli != null) {
        cli.close();
      }
    } finally {
      if (srv != null) {
        srv.close();
      }
      TestDirs.delete(work);
    }
  }

  @BeforeEach
  void createDriver() {
    state = TestDirs.create("dhcpstate-int-state");
    driver = DnsmasqDriver.builder().stateDirectory(state.resolve("state"))
        .commandPrefix(CommandPrefix.netns(id -> srv.name())).interfaces(id -> "vs")
        .respawn(true, Duration.ofMillis(100), Duration.ofSeconds(2))
        .stopTimeout(Duration.ofSeconds(3)).build();
  }

  @AfterEach
  void stopEverything() {
    try {
      if (agent != null) {
        agent.close(); // closes the driver, which stops its dnsmasq
      } else if (driver != null) {
        driver.close();
      }
    } finally {
      TestDirs.delete(state);
    }
  }

  // ---- the network ----

  private static Subnet subnet(long revision) {
    return Subnet.builder("int-s1", NET, "10.77.0.0/24").gateway("10.77.0.1").dns("10.77.0.53")
        .route("192.168.77.0/24", "10.77.0.254").revision(revision).build();
  }

  private static Port dhcpPort() {
    return Port.builder("int-dhcp", NET, "fa:16:3e:77:00:02").deviceOwner(Port.DHCP_OWNER)
        .fixedIp("int-s1", "10.77.0.2").revision(1).build();
  }

  private static Port port(String ip, long revision, ExtraDhcpOption... options) {
    Port.Builder b = Port.builder("int-p1", NET, MAC).hostname("client-one")
        .fixedIp("int-s1", ip).deviceOwner("compute:nova").revision(revision);
    for (ExtraDhcpOption o : options) {
      b.option(o);
    }
    return b.build();
  }

  private static NetworkSnapshot network(Subnet subnet, Port... ports) {
    List<Port> all = new ArrayList<>(List.of(dhcpPort()));
    all.addAll(List.of(ports));
    return NetworkSnapshot.of(new Network(NET, "integration", true, 1400, Optional.empty(), 1),
        List.of(subnet), all);
  }

  private static DhcpSettings settings() {
    return new DhcpSettings(Optional.of(DhcpSettings.DEFAULT_LEASE_TIME), Optional.empty(),
        Optional.empty(), Optional.of("lab.example"), List.of(), List.of(),
        MetadataRouteMode.OFF);
  }

  private void startAgent(NetworkSnapshot net) {
    source.put(net);
    agent = DhcpAgent.builder().source(source).driver(driver).defaultDomain("lab.example")
        .build();
    agent.start();
    awaitIdle();
    assertThat(driver.pid(NET)).as("dnsmasq runs after the first sync").isPresent();
  }

  private void awaitIdle() {
    assertThat(agent.awaitIdle(Duration.ofSeconds(30))).as("agent idle").isTrue();
  }

  private void submit(NetworkSnapshot next, ResourceEvent event) {
    source.put(next);
    agent.submit(event);
    awaitIdle();
  }

  // ---- observation ----

  private Path dir() {
    return state.resolve("state").resolve(NET);
  }

  private String log() throws IOException {
    return Files.readString(dir().resolve("log"));
  }

  private long hostReads() throws IOException {
    String needle = "]: read " + dir().resolve("host");
    return log().lines().filter(l -> l.endsWith(needle)).count();
  }

  private List<String> leasedIps() throws Exception {
    List<String> out = new ArrayList<>();
    for (Lease l : driver.leases(NET).toCompletableFuture().get(10, TimeUnit.SECONDS)) {
      out.add(l.ip().toString());
    }
    return out;
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Netns.sleep(50);
    }
  }

  // ---- clients ----

  /** Runs udhcpc once (it quits after a lease) and returns the environment of "bound". */
  private Map<String, String> udhcpc(String mac, String... extra) throws IOException {
    cli.ip("link", "set", "vc", "address", mac);
    Path out = work.resolve("udhcpc-" + (++clientRuns));
    List<String> cmd = new ArrayList<>(List.of("env", "UDHCPC_OUT=" + out, "busybox", "udhcpc",
        "-i", "vc", "-n", "-q", "-f", "-t", "4", "-T", "2", "-s",
        work.resolve("udhcpc.sh").toString(), "-O", "mtu", "-O", "staticroutes"));
    cmd.addAll(List.of(extra));
    Netns.Result r = cli.exec(CLIENT_TIMEOUT, cmd.toArray(String[]::new));
    Path bound = Path.of(out + ".bound");
    assertThat(bound).as("udhcpc got a lease: " + r.output()).exists();
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(bound)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return env;
  }

  /** Runs dhclient in the foreground until it records a new lease, then stops it. */
  private String dhclient(Path leaseFile) throws IOException {
    cli.ip("link", "set", "vc", "address", MAC);
    long before = Files.exists(leaseFile) ? count(Files.readString(leaseFile), "lease {") : 0;
    Path pid = work.resolve("dhclient.pid");
    Process p = cli.start(work.resolve("dhclient.out"), "dhclient", "-d", "-1", "-cf",
        work.resolve("dhclient.conf").toString(), "-lf", leaseFile.toString(), "-pf",
        pid.toString(), "-sf", "/bin/true", "vc");
    try {
      await("a dhclient lease", CLIENT_TIMEOUT, () -> {
        try {
          String text = Files.exists(leaseFile) ? Files.readString(leaseFile) : "";
          return count(text, "lease {") > before && text.trim().endsWith("}");
        } catch (IOException e) {
          return false;
        }
      });
    } finally {
      p.destroy();
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String text = Files.readString(leaseFile);
    return text.substring(text.lastIndexOf("lease {"));
  }

  private static long count(String text, String needle) {
    long n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  // ---- tests ----

  @Test
  void udhcpc_getsFixedIpRouterDnsMtuAndRoutes() throws IOException {
    startAgent(network(subnet(1), port("10.77.0.10", 1)));

    Map<String, String> env = udhcpc(MAC);

    assertThat(env).containsEntry("ip", "10.77.0.10").containsEntry("router", "10.77.0.1")
        .containsEntry("dns", "10.77.0.53").containsEntry("mtu", "1400")
        .containsEntry("subnet", "255.255.255.0").containsEntry("serverid", "10.77.0.2")
        .containsEntry("domain", "lab.example").containsEntry("lease", "86400");
    assertThat(env.get("staticroutes")).isEqualTo("192.168.77.0/24 10.77.0.254 0.0.0.0/0 10.77.0.1");
    assertThat(log()).doesNotContain(" at line ");
  }

  @Test
  void dhclient_getsFixedIpRouterDnsMtuAndRoutes() throws IOException {
    startAgent(network(subnet(1), port("10.77.0.10", 1)));

    String lease = dhclient(work.resolve("dhclient-1.leases"));

    assertThat(lease).contains("fixed-address 10.77.0.10;", "option routers 10.77.0.1;",
        "option domain-name-servers 10.77.0.53;", "option interface-mtu 1400;",
        "option subnet-mask 255.255.255.0;", "option domain-name \"lab.example\";",
        "option dhcp-server-identifier 10.77.0.2;",
        "option rfc3442-classless-static-routes 24,192,168,77,10,77,0,254,0,10,77,0,1;");
  }

  @Test
  void portUpdate_movesClientToItsNewAddressAfterOneReload() throws Exception {
    startAgent(network(subnet(1), port("10.77.0.10", 1)));
    assertThat(udhcpc(MAC)).containsEntry("ip", "10.77.0.10");
    long reads = hostReads();
    long pid = driver.pid(NET).orElseThrow();

    Port moved = port("10.77.0.20", 2);
    submit(network(subnet(1), moved), new ResourceEvent.PortUpdated(moved));

    assertThat(hostReads()).as("one SIGHUP re-read for the update").isEqualTo(reads + 1);
    assertThat(driver.pid(NET)).as("reloaded, not restarted").contains(pid);
    assertThat(udhcpc(MAC)).containsEntry("ip", "10.77.0.20");
    assertThat(leasedIps()).as("the old address was released").doesNotContain("10.77.0.10")
        .contains("10.77.0.20");
  }

  @Test
  void driverApply_threeChangesWithinTheWindow_oneReload() throws Exception {
    NetworkSnapshot net = network(subnet(1), port("10.77.0.10", 1));
    driver.enable(net, settings()).toCompletableFuture().get(20, TimeUnit.SECONDS);
    long reads = hostReads();
    List<CompletableFuture<Void>> calls = new ArrayList<>();
    List<Port> ports = new ArrayList<>(net.ports());
    for (int i = 0; i < 3; i++) {
      Port added = Port.builder("int-q" + i, NET, "fa:16:3e:77:01:0" + i)
          .fixedIp("int-s1", "10.77.0.3" + i).revision(1).build();
      ports.add(added);
      NetworkSnapshot next = NetworkSnapshot.of(net.network(), net.subnets(), ports);
      calls.add(driver.apply(next, settings(), new NetworkChange(List.of(new PortChange(
          Optional.empty(), Optional.of(added))), false, false, false)).toCompletableFuture());
    }

    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

    assertThat(hostReads()).isEqualTo(reads + 1);
    assertThat(Files.readString(dir().resolve("host"))).contains("10.77.0.30", "10.77.0.31",
        "10.77.0.32");
  }

  @Test
  void portDelete_releasesItsLease() throws Exception {
    startAgent(network(subnet(1), port("10.77.0.10", 1)));
    udhcpc(MAC);
    assertThat(leasedIps()).contains("10.77.0.10");

    submit(network(subnet(1)), new ResourceEvent.PortDeleted(NET, "int-p1", 2));

    assertThat(leasedIps()).doesNotContain("10.77.0.10");
    assertThat(Files.readString(dir().resolve("leases"))).doesNotContain("10.77.0.10");
    assertThat(driver.stats().leasesReleased()).isGreaterThanOrEqualTo(1);
    assertThat(driver.stats().releaseFailures()).isZero();
  }

  @Test
  void kill9_isRespawnedAndTheClientRenewsTheSameAddress() throws Exception {
    startAgent(network(subnet(1), port("10.77.0.10", 1)));
    Path leases = work.resolve("dhclient-renew.leases");
    assertThat(dhclient(leases)).contains("fixed-address 10.77.0.10;");
    long pid = driver.pid(NET).orElseThrow();

    ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL

    await("a respawned dnsmasq", Duration.ofSeconds(8),
        () -> driver.pid(NET).filter(p -> p != pid).isPresent());
    long respawned = driver.pid(NET).orElseThrow();
    long logFrom = log().length();
    assertThat(dhclient(leases)).contains("fixed-address 10.77.0.10;");
    assertThat(log().substring((int) logFrom)).contains("DHCPREQUEST(vs) 10.77.0.10 " + MAC)
        .contains("DHCPACK(vs) 10.77.0.10 " + MAC);
    assertThat(driver.stats().respawns()).isGreaterThanOrEqualTo(1);
    assertThat(driver.pid(NET)).contains(respawned);
  }

  @Test
  void subnetRangeChange_restartsDnsmasq() throws Exception {
    startAgent(network(subnet(1), port("10.77.0.10", 1)));
    long pid = driver.pid(NET).orElseThrow();
    Subnet dynamic = Subnet.builder("int-s1", NET, "10.77.0.0/24").gateway("10.77.0.1")
        .dns("10.77.0.53").route("192.168.77.0/24", "10.77.0.254")
        .addressMode(AddressMode.DYNAMIC).pool("10.77.0.100", "10.77.0.110").revision(2).build();

    submit(network(dynamic, port("10.77.0.10", 1)), new ResourceEvent.SubnetUpdated(dynamic));

    assertThat(driver.pid(NET)).isPresent().get().isNotEqualTo(pid);
    assertThat(Files.readString(Path.of("/proc", driver.pid(NET).get().toString(), "cmdline")))
        .contains("--dhcp-range=set:subnet-int-s1,10.77.0.100,10.77.0.110,255.255.255.0");
    assertThat(udhcpc("fa:16:3e:77:09:09")).as("an unknown client gets a pool address")
        .hasEntrySatisfying("ip", ip -> assertThat(IpAddress.parse(ip).compareTo(
            IpAddress.parse("10.77.0.100"))).isNotNegative());
  }

  /**
   * dnsmasq up to 2.90 crashes on SIGHUP once a host entry with a {@code set:} tag has answered
   * a client; a network holding one is restarted instead, and serves on.
   */
  @Test
  void taggedHostThatAnswered_changeRestartsInsteadOfCrashing() throws Exception {
    ExtraDhcpOption ntp = ExtraDhcpOption.of("ntp-server", "10.77.0.123");
    startAgent(network(subnet(1), port("10.77.0.10", 1, ntp)));
    assertThat(udhcpc(MAC, "-O", "ntpsrv")).containsEntry("ntpsrv", "10.77.0.123");
    long pid = driver.pid(NET).orElseThrow();

    Port changed = port("10.77.0.10", 2, ExtraDhcpOption.of("ntp-server", "10.77.0.124"));
    submit(network(subnet(1), changed), new ResourceEvent.PortUpdated(changed));

    assertThat(driver.pid(NET)).isPresent().get().isNotEqualTo(pid);
    assertThat(udhcpc(MAC, "-O", "ntpsrv")).containsEntry("ntpsrv", "10.77.0.124");
    assertThat(driver.stats().respawns()).as("nothing crashed").isZero();
  }

  @Test
  void keepRunningOnClose_nextDriverAdoptsTheProcessAndRestartsOnlyForNewRanges()
      throws Exception {
    driver.close();
    NetworkSnapshot net = network(subnet(1), port("10.77.0.10", 1));
    Path dir = state.resolve("state");
    DnsmasqDriver first = DnsmasqDriver.builder().stateDirectory(dir)
        .commandPrefix(CommandPrefix.netns(id -> srv.name())).interfaces(id -> "vs")
        .keepRunningOnClose(true).build();
    first.enable(net, settings()).toCompletableFuture().get(20, TimeUnit.SECONDS);
    long pid = first.pid(NET).orElseThrow();
    first.close();
    assertThat(ProcessHandle.of(pid)).as("still serving").isPresent();
    driver = DnsmasqDriver.builder().stateDirectory(dir)
        .commandPrefix(CommandPrefix.netns(id -> srv.name())).interfaces(id -> "vs").build();

    assertThat(driver.servedNetworks().toCompletableFuture().get(10, TimeUnit.SECONDS))
        .contains(NET);
    driver.enable(net, settings()).toCompletableFuture().get(20, TimeUnit.SECONDS);
    assertThat(driver.pid(NET)).as("adopted").contains(pid);

    Subnet other = Subnet.builder("int-s1", NET, "10.77.0.0/24").gateway("10.77.0.1")
        .addressMode(AddressMode.DYNAMIC).pool("10.77.0.100", "10.77.0.120").revision(2).build();
    driver.enable(network(other, port("10.77.0.10", 1)), settings()).toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
    assertThat(driver.pid(NET)).isPresent().get().isNotEqualTo(pid);
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
  }

  @Test
  void disable_rightAfterAKill_leavesNoDnsmasqBehind() throws Exception {
    NetworkSnapshot net = network(subnet(1), port("10.77.0.10", 1));
    driver.enable(net, settings()).toCompletableFuture().get(20, TimeUnit.SECONDS);
    ProcessHandle.of(driver.pid(NET).orElseThrow()).orElseThrow().destroyForcibly();
    Netns.sleep(900); // the monitor may be respawning right now

    driver.disable(NET).toCompletableFuture().get(30, TimeUnit.SECONDS);
    Netns.sleep(1500); // a respawn that raced the disable would have started by now

    assertThat(dir()).doesNotExist();
    String marker = "--dhcp-hostsfile=" + dir().resolve("host");
    assertThat(ProcessHandle.allProcesses().filter(p -> p.info().arguments()
        .map(a -> List.of(a).contains(marker)).orElse(false)).count()).isZero();
  }

  @Test
  void enable_networkWithoutADhcpRange_completesWithoutAProcess() throws Exception {
    Subnet off = Subnet.builder("int-s1", NET, "10.77.0.0/24").gateway("10.77.0.1")
        .enableDhcp(false).revision(1).build();
    NetworkSnapshot net = network(off, port("10.77.0.10", 1));

    driver.enable(net, settings()).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(driver.pid(NET)).isEmpty();
    assertThat(driver.servedNetworks().toCompletableFuture().get(10, TimeUnit.SECONDS))
        .contains(NET);
    driver.enable(network(subnet(2), port("10.77.0.10", 1)), settings()).toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
    assertThat(driver.pid(NET)).isPresent();
    NetworkSnapshot down = NetworkSnapshot.of(new Network(NET, "down", false, 1400,
        Optional.empty(), 2), List.of(subnet(2)), List.of(dhcpPort()));
    driver.enable(down, settings()).toCompletableFuture().get(20, TimeUnit.SECONDS);
    assertThat(driver.pid(NET)).as("an admin-down network is not served").isEmpty();
  }

  @Test
  void enable_sameSnapshotTwice_doesNotReloadAgain() throws Exception {
    NetworkSnapshot net = network(subnet(1), port("10.77.0.10", 1));
    driver.enable(net, settings()).toCompletableFuture().get(20, TimeUnit.SECONDS);
    long reads = hostReads();
    long pid = driver.pid(NET).orElseThrow();

    driver.enable(net, settings()).toCompletableFuture().get(20, TimeUnit.SECONDS);

    assertThat(hostReads()).isEqualTo(reads);
    assertThat(driver.pid(NET)).contains(pid);
  }

  /**
   * dnsmasq, once it has dropped to its user, logs "cannot read FILE: Permission denied" and
   * serves without the file; such a line contains "read FILE", which must not pass for success.
   * The call fails at once, naming the cause, rather than succeeding or timing out. (The builder
   * refuses such modes; here the state directory is closed after the driver was built.)
   */
  @Test
  void enable_filesTheDnsmasqUserCannotRead_failsFastSayingSo() throws IOException {
    Files.setPosixFilePermissions(state.resolve("state"),
        PosixFilePermissions.fromString("rwx------"));
    long start = System.nanoTime();

    CompletableFuture<Void> enable = driver.enable(network(subnet(1), port("10.77.0.10", 1)),
        settings()).toCompletableFuture();

    assertThat(enable).failsWithin(Duration.ofSeconds(20))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withMessageContaining("Permission denied");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void failedRemoval_releasesTheLeaseOnTheNextSuccessfulCall() throws Exception {
    driver.close();
    String[] iface = {"vs"};
    driver = DnsmasqDriver.builder().stateDirectory(state.resolve("state"))
        .commandPrefix(CommandPrefix.netns(id -> srv.name())).interfaces(id -> iface[0])
        .build();
    Port p1 = port("10.77.0.10", 1);
    driver.enable(network(subnet(1), p1), settings()).toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
    udhcpc(MAC);
    assertThat(leasedIps()).contains("10.77.0.10");
    NetworkSnapshot without = network(subnet(1));
    iface[0] = "bad name"; // the host application's resolver fails once

    CompletableFuture<Void> removal = driver.apply(without, settings(), new NetworkChange(
        List.of(new PortChange(Optional.of(p1), Optional.empty())), false, false, false))
        .toCompletableFuture();
    assertThat(removal).failsWithin(Duration.ofSeconds(20));
    assertThat(leasedIps()).contains("10.77.0.10");
    iface[0] = "vs";
    driver.enable(without, settings()).toCompletableFuture().get(20, TimeUnit.SECONDS);

    assertThat(leasedIps()).doesNotContain("10.77.0.10");
  }
}
