package io.dhcpstate.driver.inmemory.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real DHCP clients against the in-memory driver: BusyBox udhcpc and ISC dhclient in a client
 * namespace, a {@link LabServer} child JVM (agent + in-memory driver on UDP 67) in a server
 * namespace, joined by a veth pair (REFERENCE.md lab recipes). Each test uses its own port so
 * the order does not matter; the namespaces and processes are removed in {@link #tearDown()}.
 * Skipped, with the reason, where this process is not root or {@code ip netns} is missing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealClientsLabTest {
  private static final String SERVER_IF = "vsrv";
  private static final String CLIENT_IF = "vcli";
  private static final String ROUTES_121 = "10.88.0.0/16 10.77.0.254 0.0.0.0/0 10.77.0.254";

  @TempDir static Path work;
  private static final List<AutoCloseable> open = new ArrayList<>();
  private static Netns client;
  private static LabServerProcess server;

  @BeforeAll
  static void setUp() {
    Netns.assumeUsable();
    try {
      Lab lab = lab("s");
      client = lab.client;
      server = LabServerProcess.start(lab.server, work, settings("static",
          "port=p-udhcpc,fa:16:3e:00:77:10,10.77.0.10",
          "port=p-udhcpc-moved,fa:16:3e:00:77:12,10.77.0.12",
          "port=p-dhclient,fa:16:3e:00:77:11,10.77.0.11",
          "port=p-dhclient-moved,fa:16:3e:00:77:13,10.77.0.13"));
      open.add(0, server);
    } catch (RuntimeException e) {
      tearDown();
      throw e;
    }
  }

  @AfterAll
  static void tearDown() {
    for (AutoCloseable c : open) {
      try {
        c.close();
      } catch (Exception e) {
        // keep closing the rest
      }
    }
    open.clear();
  }

  /** A server and a client namespace joined by a veth pair, the server at 10.77.0.1/24. */
  private record Lab(Netns server, Netns client) {}

  private static Lab lab(String tag) {
    Netns srv = Netns.create(tag + "srv");
    open.add(0, srv);
    Netns cli = Netns.create(tag + "cli");
    open.add(0, cli);
    srv.veth(SERVER_IF, cli, CLIENT_IF);
    srv.address(SERVER_IF, "10.77.0.1/24");
    srv.broadcastRoute(SERVER_IF);
    return new Lab(srv, cli);
  }

  private static List<String> settings(String mode, String... more) {
    List<String> s = new ArrayList<>(List.of("bind=0.0.0.0:67", "server=10.77.0.1",
        "network=labnet", "mtu=1400", "domain=lab.example", "subnet=10.77.0.0/24",
        "gateway=10.77.0.254", "dns=10.77.0.53,192.0.2.53", "route=10.88.0.0/16,10.77.0.254",
        "lease=3600", "mode=" + mode));
    s.addAll(List.of(more));
    return s;
  }

  private static Path dir(String name) throws IOException {
    return Files.createDirectories(work.resolve(name));
  }

  private static void clientAs(Netns ns, String mac) {
    ns.flush(CLIENT_IF);
    ns.mac(CLIENT_IF, mac);
  }

  private static void assertUdhcpcOptions(Map<String, String> env, String ip) {
    assertThat(env).as("udhcpc environment").containsEntry("ip", ip)
        .containsEntry("subnet", "255.255.255.0")
        .containsEntry("router", "10.77.0.254")
        .containsEntry("dns", "10.77.0.53 192.0.2.53")
        .containsEntry("mtu", "1400")
        .containsEntry("staticroutes", ROUTES_121)
        .containsEntry("serverid", "10.77.0.1")
        .containsEntry("lease", "3600")
        .containsEntry("domain", "lab.example");
  }

  @Test
  void udhcpc_knownPort_getsFixedIpWithRouterDnsMtuAndRoutes() throws Exception {
    clientAs(client, "fa:16:3e:00:77:10");

    Udhcpc.Outcome run = Udhcpc.once(client, CLIENT_IF, dir("udhcpc-known"), 5);

    assertThat(run.bound()).as("udhcpc output:\n%s", run.output()).isPresent();
    assertUdhcpcOptions(run.bound().get(), "10.77.0.10");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void udhcpc_portMovedThroughAgent_renewsIntoNewAddress() throws Exception {
    clientAs(client, "fa:16:3e:00:77:12");
    Path dir = dir("udhcpc-moved");
    try (Udhcpc udhcpc = Udhcpc.start(client, CLIENT_IF, dir, Duration.ofSeconds(50))) {
      assertThat(udhcpc.await("bound", e -> "10.77.0.12".equals(e.get("ip")),
          Duration.ofSeconds(15))).as("first lease; events %s", udhcpc.events()).isPresent();
      udhcpc.renew(); // unchanged port: a unicast REQUEST from 10.77.0.12, ACKed to it
      assertThat(udhcpc.await("renew", e -> "10.77.0.12".equals(e.get("ip")),
          Duration.ofSeconds(15))).as("renewal; events %s", udhcpc.events()).isPresent();

      server.updatePort("p-udhcpc-moved", "10.77.0.22");
      udhcpc.renew();

      Optional<Map<String, String>> moved = udhcpc.await("bound",
          e -> "10.77.0.22".equals(e.get("ip")), Duration.ofSeconds(20));
      assertThat(moved).as("lease after the move; events %s\nserver log:\n%s",
          udhcpc.events(), server.logTail()).isPresent();
      assertUdhcpcOptions(moved.get(), "10.77.0.22");
      assertThat(udhcpc.events()).as("the old address is refused, not silently renewed")
          .anyMatch(e -> "nak".equals(e.get("event")));
    }
  }

  private static void assertDhclientOptions(Dhclient.Lease lease) {
    assertThat(lease.options()).as("dhclient lease options")
        .containsEntry("subnet-mask", "255.255.255.0")
        .containsEntry("routers", "10.77.0.254")
        .containsEntry("domain-name-servers", "10.77.0.53,192.0.2.53")
        .containsEntry("interface-mtu", "1400")
        .containsEntry("rfc3442-classless-static-routes", "16,10,88,10,77,0,254,0,10,77,0,254")
        .containsEntry("dhcp-server-identifier", "10.77.0.1")
        .containsEntry("dhcp-lease-time", "3600")
        .containsEntry("domain-name", "lab.example");
  }

  @Test
  void dhclient_knownPort_getsFixedIpWithRouterDnsMtuAndRoutes() throws Exception {
    clientAs(client, "fa:16:3e:00:77:11");
    Path dir = dir("dhclient-known");

    Optional<Dhclient.Lease> lease = Dhclient.obtain(client, CLIENT_IF, dir, "10.77.0.11",
        Duration.ofSeconds(25));

    assertThat(lease).as("dhclient output:\n%s", Dhclient.output(dir)).isPresent();
    assertThat(lease.get().address()).isEqualTo("10.77.0.11");
    assertDhclientOptions(lease.get());
  }

  @Test
  void dhclient_portMovedThroughAgent_rebootsIntoNewAddress() throws Exception {
    clientAs(client, "fa:16:3e:00:77:13");
    Path dir = dir("dhclient-moved");
    Optional<Dhclient.Lease> first = Dhclient.obtain(client, CLIENT_IF, dir, "10.77.0.13",
        Duration.ofSeconds(25));
    assertThat(first.map(Dhclient.Lease::address)).as("first lease; output:\n%s",
        Dhclient.output(dir)).contains("10.77.0.13");

    long naksBefore = server.stats().get("naks");

    server.updatePort("p-dhclient-moved", "10.77.0.23");
    Optional<Dhclient.Lease> moved = Dhclient.obtain(client, CLIENT_IF, dir, "10.77.0.23",
        Duration.ofSeconds(25));

    assertThat(moved.map(Dhclient.Lease::address)).as("lease after the move; output:\n%s",
        Dhclient.output(dir)).contains("10.77.0.23");
    assertDhclientOptions(moved.get());
    assertThat(server.stats().get("naks")).as("INIT-REBOOT with the old address is refused")
        .isGreaterThan(naksBefore);
  }

  @Test
  void udhcpc_unknownMacOnStaticSubnet_getsNothing() throws Exception {
    clientAs(client, "fa:16:3e:00:77:99");
    long unknownBefore = server.stats().get("unknown");

    Udhcpc.Outcome run = Udhcpc.once(client, CLIENT_IF, dir("udhcpc-unknown"), 2);

    assertThat(run.bound()).as("udhcpc output:\n%s", run.output()).isEmpty();
    assertThat(run.exitCode()).isNotZero();
    assertThat(server.stats().get("unknown")).as("the server saw and ignored the DISCOVERs")
        .isGreaterThan(unknownBefore);
  }

  @Test
  void udhcpc_unknownMacOnDynamicSubnet_getsPoolAddress() throws Exception {
    Lab lab = lab("d");
    try (LabServerProcess dynamic = LabServerProcess.start(lab.server, work,
        settings("dynamic", "pool=10.77.0.100,10.77.0.199",
            "port=p-known,fa:16:3e:00:77:20,10.77.0.20"))) {
      clientAs(lab.client, "fa:16:3e:00:77:98");

      Udhcpc.Outcome run = Udhcpc.once(lab.client, CLIENT_IF, dir("udhcpc-dynamic"), 5);

      assertThat(run.bound()).as("udhcpc output:\n%s\nserver log:\n%s", run.output(),
          dynamic.logTail()).isPresent();
      String ip = run.bound().get().get("ip");
      assertThat(ip).matches("10\\.77\\.0\\.1\\d\\d");
      assertUdhcpcOptions(run.bound().get(), ip);
      assertThat(dynamic.command("leases")).contains("fa:16:3e:00:77:98=" + ip);
    } finally {
      lab.client.close();
      lab.server.close();
    }
  }
}
