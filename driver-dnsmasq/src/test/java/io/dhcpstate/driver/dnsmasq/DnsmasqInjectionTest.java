package io.dhcpstate.driver.dnsmasq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dhcpstate.DhcpStateException;
import io.dhcpstate.driver.dnsmasq.internal.CommandLine;
import io.dhcpstate.driver.dnsmasq.internal.Config;
import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.LeaseState;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.MetadataRouteMode;
import io.dhcpstate.testkit.InjectionCorpus;
import io.dhcpstate.testkit.InjectionCorpus.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Feeds the testkit's injection corpus through every public path whose value could reach a
 * dnsmasq file or argument: resource ids, host names, DNS domains, device owner and display name,
 * extra option names and values of every value type (per port and global), lease fields, driver
 * builder settings, the interface resolver and the namespace of the command prefix.
 *
 * <p>Each corpus entry is tried as it is and spliced into a valid value (start, middle, end).
 * A value a field must refuse is refused before anything is written: by the model's
 * constructors, the builder's setters, or the driver before it touches the network's directory.
 * A value that is accepted (a spliced value that became valid, or free text an option type
 * allows) is rendered, and every file line and argument must still parse as what it should be,
 * with as many lines as the same network with the valid value. Values that were refused never
 * appear in what the network built from the remaining (valid) inputs renders.
 */
class DnsmasqInjectionTest {
  private static final Set<Kind> NONE = Set.of();
  private static int tried;
  private static int refused;
  private static int acceptedSafely;
  private static Path state;

  @BeforeAll
  static void createState() {
    state = TestDirs.create("dhcpstate-injection");
  }

  @AfterAll
  static void report() {
    System.out.println("injection cases tried: " + tried + " (refused " + refused
        + ", accepted and rendered well-formed " + acceptedSafely + ")");
    TestDirs.delete(state);
  }

  /** The valid inputs of one small network; each path replaces one of them. */
  private record Inputs(String networkId, String subnetId, String portId, String fixedIpSubnet,
      Optional<String> hostname, Optional<String> domain, String owner, String name,
      List<ExtraDhcpOption> portOptions, List<ExtraDhcpOption> globalV4,
      List<ExtraDhcpOption> globalV6, Optional<String> defaultDomain) {

    static Inputs valid() {
      return new Inputs("net-1", "s1", "p1", "s1", Optional.of("vm-1"),
          Optional.of("example.org"), "compute:nova", "net one", List.of(), List.of(),
          List.of(), Optional.of("default.example"));
    }

    NetworkSnapshot network() {
      Subnet s4 = Subnet.builder(subnetId, networkId, "10.0.0.0/24").gateway("10.0.0.1")
          .dns("10.0.0.2").build();
      Subnet s6 = Subnet.builder("s6", networkId, "fd00::/64")
          .ipv6Mode(io.dhcpstate.model.Ipv6Mode.DHCPV6_STATEFUL).build();
      Port port = new Port(portId, networkId, MacAddress.parse("fa:16:3e:00:00:01"),
          List.of(new FixedIp(fixedIpSubnet, IpAddress.parse("10.0.0.10")),
              new FixedIp("s6", IpAddress.parse("fd00::10"))),
          owner, true, hostname, portOptions, 1);
      Port other = Port.builder("p2", networkId, "fa:16:3e:00:00:02")
          .fixedIp(subnetId, "10.0.0.11").option(ExtraDhcpOption.of("bootfile-name", "x.0"))
          .build();
      return NetworkSnapshot.of(new Network(networkId, name, true, 1500, domain, 1),
          List.of(s4, s6), List.of(port, other));
    }

    DhcpSettings settings() {
      return new DhcpSettings(Optional.of(Duration.ofHours(1)), Optional.empty(),
          Optional.empty(), defaultDomain, globalV4, globalV6, MetadataRouteMode.VIA_GATEWAY);
    }
  }

  private static Config config() {
    return new Config("dnsmasq", Path.of("/usr/sbin/dnsmasq"), Path.of("/usr/bin/dhcp_release"),
        Path.of("/usr/bin/dhcp_release6"), state, id -> "tap0", CommandPrefix.NONE, List.of(),
        1 << 24, Optional.empty(), false, true, Duration.ofMillis(50),
        Duration.ofSeconds(5), true, Duration.ofSeconds(1), Duration.ofSeconds(60), "nobody",
        PosixFilePermissions.fromString("rwxr-xr-x"),
        PosixFilePermissions.fromString("rw-r--r--"));
  }

  private static RenderedOutput render(Inputs in) {
    return RenderedOutput.of(config(), in.network(), in.settings(), "tap0");
  }

  /** Each corpus entry, and spliced into the carrier at its start, middle and end. */
  private static List<String> attempts(String carrier) {
    Set<String> out = new LinkedHashSet<>();
    for (String e : InjectionCorpus.ALL) {
      out.add(e);
      out.add(e + carrier);
      out.add(carrier.substring(0, carrier.length() / 2) + e
          + carrier.substring(carrier.length() / 2));
      out.add(carrier + e);
    }
    return new ArrayList<>(out);
  }

  /**
   * Tries every attempt on one field: {@code apply} builds the inputs with the value (throwing
   * if any constructor refuses it). A pure corpus entry with one of {@code mustRefuse}'s kinds
   * must be refused; an accepted value must render well-formed and with the shape of the valid
   * carrier; {@code written} says whether the field may appear in the output at all.
   */
  private static void field(String what, String carrier, Set<Kind> mustRefuse, boolean written,
      Function<String, Inputs> apply) {
    RenderedOutput baseline = render(apply.apply(carrier));
    baseline.assertWellFormed(what + " baseline", state);
    RenderedOutput rest = render(Inputs.valid());
    for (String value : attempts(carrier)) {
      String ctx = what + " = " + InjectionCorpus.escape(value);
      tried++;
      RenderedOutput out;
      try {
        out = render(apply.apply(value));
      } catch (DhcpStateException | IllegalArgumentException e) {
        refused++;
        assertThat(e.getMessage()).as(ctx).doesNotContain("\n").doesNotContain("\r");
        if (InjectionCorpus.ALL.contains(value) && isDistinctive(value)) {
          assertThat(rest.all()).as(ctx + " appears in the rest").doesNotContain(value);
        }
        continue;
      }
      if (InjectionCorpus.ALL.contains(value) && InjectionCorpus.hasAny(value, mustRefuse)) {
        fail(ctx + " was accepted although it has kinds " + InjectionCorpus.kinds(value));
      }
      out.assertWellFormed(ctx, state);
      out.assertSameShape(baseline, ctx);
      if (!written) {
        assertThat(out).as(ctx + " changed the output").isEqualTo(baseline);
      }
      acceptedSafely++;
    }
  }

  /** A string that cannot occur in well-formed output by coincidence. */
  private static boolean isDistinctive(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\n' && c != '\t' && (c < 0x20 || c >= 0x7f) || c == '"' || c == '\''
          || c == '\\') {
        return true;
      }
    }
    return s.length() >= 12;
  }

  private static <T> List<T> plus(List<T> list, T item) {
    List<T> out = new ArrayList<>(list);
    out.add(item);
    return out;
  }

  @Test
  void identifiers_refuseTheCorpus() {
    Inputs v = Inputs.valid();
    field("network id", "net-1", InjectionCorpus.ALL_KINDS, true, s -> new Inputs(s, v.subnetId(),
        v.portId(), v.fixedIpSubnet(), v.hostname(), v.domain(), v.owner(), v.name(),
        v.portOptions(), v.globalV4(), v.globalV6(), v.defaultDomain()));
    field("subnet id", "s1", InjectionCorpus.ALL_KINDS, true, s -> new Inputs(v.networkId(), s,
        v.portId(), s, v.hostname(), v.domain(), v.owner(), v.name(), v.portOptions(),
        v.globalV4(), v.globalV6(), v.defaultDomain()));
    field("port id", "p1", InjectionCorpus.ALL_KINDS, true, s -> new Inputs(v.networkId(),
        v.subnetId(), s, v.fixedIpSubnet(), v.hostname(), v.domain(), v.owner(), v.name(),
        List.of(ExtraDhcpOption.of("bootfile-name", "y.0")), v.globalV4(), v.globalV6(),
        v.defaultDomain()));
  }

  @Test
  void namesAndDomains_refuseTheCorpus() {
    Inputs v = Inputs.valid();
    field("hostname", "vm-1", InjectionCorpus.ALL_KINDS, true, s -> new Inputs(v.networkId(),
        v.subnetId(), v.portId(), v.fixedIpSubnet(), Optional.of(s), v.domain(), v.owner(),
        v.name(), v.portOptions(), v.globalV4(), v.globalV6(), v.defaultDomain()));
    field("dns domain", "example.org", InjectionCorpus.ALL_KINDS, true, s -> new Inputs(
        v.networkId(), v.subnetId(), v.portId(), v.fixedIpSubnet(), v.hostname(),
        Optional.of(s), v.owner(), v.name(), v.portOptions(), v.globalV4(), v.globalV6(),
        v.defaultDomain()));
    field("default domain", "default.example", InjectionCorpus.ALL_KINDS, true, s -> new Inputs(
        v.networkId(), v.subnetId(), v.portId(), v.fixedIpSubnet(), v.hostname(),
        Optional.empty(), v.owner(), v.name(), v.portOptions(), v.globalV4(), v.globalV6(),
        Optional.of(s)));
  }

  @Test
  void unwrittenFields_neverChangeTheOutput() {
    Inputs v = Inputs.valid();
    field("device owner", "compute:nova", NONE, false, s -> new Inputs(v.networkId(),
        v.subnetId(), v.portId(), v.fixedIpSubnet(), v.hostname(), v.domain(), s, v.name(),
        v.portOptions(), v.globalV4(), v.globalV6(), v.defaultDomain()));
    field("network name", "net one", NONE, false, s -> new Inputs(v.networkId(), v.subnetId(),
        v.portId(), v.fixedIpSubnet(), v.hostname(), v.domain(), v.owner(), s, v.portOptions(),
        v.globalV4(), v.globalV6(), v.defaultDomain()));
  }

  private static Inputs withPortOption(ExtraDhcpOption o) {
    Inputs v = Inputs.valid();
    return new Inputs(v.networkId(), v.subnetId(), v.portId(), v.fixedIpSubnet(), v.hostname(),
        v.domain(), v.owner(), v.name(), List.of(o), v.globalV4(), v.globalV6(),
        v.defaultDomain());
  }

  private static Inputs withGlobal(ExtraDhcpOption o) {
    Inputs v = Inputs.valid();
    boolean v4 = o.ipVersion() == IpVersion.V4;
    return new Inputs(v.networkId(), v.subnetId(), v.portId(), v.fixedIpSubnet(), v.hostname(),
        v.domain(), v.owner(), v.name(), v.portOptions(), v4 ? List.of(o) : List.of(),
        v4 ? List.of() : List.of(o), v.defaultDomain());
  }

  @Test
  void optionNames_refuseTheCorpus() {
    for (IpVersion version : IpVersion.values()) {
      String carrier = version == IpVersion.V4 ? "bootfile-name" : "bootfile-url";
      field("port option name v" + version.number(), carrier, InjectionCorpus.ALL_KINDS, true,
          s -> withPortOption(ExtraDhcpOption.of(s, "x.0", version)));
      field("iPXE option name v" + version.number(), carrier, InjectionCorpus.ALL_KINDS, true,
          s -> withPortOption(ExtraDhcpOption.of("tag:ipxe," + s, "x.0", version)));
      field("global option name v" + version.number(), carrier, InjectionCorpus.ALL_KINDS, true,
          s -> withGlobal(ExtraDhcpOption.of(s, "x.0", version)));
    }
  }

  /** One option of each value type, with a valid value to splice into. */
  private static final List<List<Object>> VALUES = List.of(
      List.of("server-ip-address", IpVersion.V4, "10.0.0.2"),
      List.of("ntp-server", IpVersion.V4, "10.0.0.5,10.0.0.6"),
      List.of("default-ttl", IpVersion.V4, "64"),
      List.of("mtu", IpVersion.V4, "1400"),
      List.of("T1", IpVersion.V4, "3600"),
      List.of("ip-forward-enable", IpVersion.V4, "0"),
      List.of("bootfile-name", IpVersion.V4, "pxelinux.0"),
      List.of("224", IpVersion.V4, "opaque"),
      List.of("domain-name", IpVersion.V4, "example.org"),
      List.of("domain-search", IpVersion.V4, "a.example,b.example"),
      List.of("classless-static-route", IpVersion.V4, "10.9.0.0/16,10.0.0.1"),
      List.of("vendor-encap", IpVersion.V4, "01:02:03"),
      List.of("client-id", IpVersion.V4, "01:fa:16:3e:00:00:01"),
      List.of("dns-server", IpVersion.V6, "fd00::53,fd00::54"),
      List.of("bootfile-url", IpVersion.V6, "http://boot.example/x.efi"),
      List.of("domain-search", IpVersion.V6, "example.org"));

  /** What a value of an option's type must refuse: breakouts, but commas only outside lists. */
  private static Set<Kind> refusedBy(String name, IpVersion version, String carrier) {
    Set<Kind> kinds = java.util.EnumSet.copyOf(InjectionCorpus.BREAKOUT);
    if (ExtraDhcpOption.of(name, carrier, version).option().type().isList()) {
      kinds.remove(Kind.COMMA);
    }
    return kinds;
  }

  @Test
  void optionValues_refuseWhatBreaksOut_andRenderTheRestInPlace() {
    for (List<Object> v : VALUES) {
      String name = (String) v.get(0);
      IpVersion version = (IpVersion) v.get(1);
      String carrier = (String) v.get(2);
      Set<Kind> mustRefuse = refusedBy(name, version, carrier);
      field("port option " + name + " v" + version.number(), carrier, mustRefuse,
          true, s -> withPortOption(ExtraDhcpOption.of(name, s, version)));
      field("iPXE port option " + name + " v" + version.number(), carrier, mustRefuse, true,
          s -> withPortOption(ExtraDhcpOption.of("tag:!ipxe," + name, s, version)));
    }
  }

  @Test
  void globalOptionValues_refuseWhatBreaksOut_andRenderTheRestInPlace() {
    for (List<Object> v : VALUES) {
      String name = (String) v.get(0);
      IpVersion version = (IpVersion) v.get(1);
      if (!ExtraDhcpOption.of(name, (String) v.get(2), version).option().globalAllowed()) {
        continue;
      }
      field("global option " + name + " v" + version.number(), (String) v.get(2),
          refusedBy(name, version, (String) v.get(2)), true,
          s -> withGlobal(ExtraDhcpOption.of(name, s, version)));
    }
  }

  /**
   * Lease fields. Whatever client id the model accepts, the driver never passes a caller's
   * client id on: {@link #releaseLease_callersClientId_isNeverRun} shows it for every accepted
   * one, and for a valid one that differs from what dnsmasq recorded.
   */
  @Test
  void leaseFields_refuseTheCorpus() throws Exception {
    List<String> acceptedIds = new ArrayList<>();
    for (String s : attempts("01:fa:16:3e:00:00:01")) {
      tried++;
      try {
        lease(s);
        acceptedIds.add(s);
        acceptedSafely++;
      } catch (DhcpStateException e) {
        refused++;
      }
    }
    for (String s : attempts("vm-1")) {
      tried++;
      try {
        new Lease("net-1", MacAddress.parse("fa:16:3e:00:00:01"), IpAddress.parse("10.0.0.10"),
            Optional.empty(), Optional.of(s), Optional.empty(), LeaseState.ACTIVE);
        assertThat(InjectionCorpus.ALL).as("accepted hostname").doesNotContain(s);
        assertThat(s).matches("[A-Za-z0-9.-]+");
        acceptedSafely++;
      } catch (DhcpStateException e) {
        refused++;
      }
    }
    acceptedIds.add("ff:ee:dd:cc");
    acceptedIds.add("01:fa:16:3e:00:00:01");
    releaseLease_callersClientId_isNeverRun(acceptedIds);
  }

  private static Lease lease(String clientId) {
    return new Lease("net-1", MacAddress.parse("fa:16:3e:00:00:01"),
        IpAddress.parse("10.0.0.10"), Optional.of(clientId), Optional.empty(), Optional.empty(),
        LeaseState.ACTIVE);
  }

  /**
   * Releases leases carrying the given client ids through the driver, with a recording
   * {@code dhcp_release} that also drops the lease from the file: only the client id dnsmasq
   * wrote in its lease file may reach the command.
   */
  private static void releaseLease_callersClientId_isNeverRun(List<String> clientIds)
      throws Exception {
    Path dir = state.resolve("release");
    Files.createDirectories(dir);
    Path log = dir.resolve("args.log");
    Path leases = dir.resolve("state/net-1/leases");
    Path recorder = Files.writeString(dir.resolve("record.sh"), "#!/bin/sh\n"
        + "printf '%s\\n' \"$@\" >> " + log + "\n"
        + "sed -i \"/ $2 /d\" " + leases + "\n");
    Files.setPosixFilePermissions(recorder, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (DnsmasqDriver driver = DnsmasqDriver.builder().stateDirectory(dir.resolve("state"))
        .dnsmasqBinary(Path.of("/bin/true")).dhcpReleaseBinaries(recorder, recorder)
        .respawn(false, Duration.ofSeconds(1), Duration.ofSeconds(1))
        .interfaces(id -> "tap0").build()) {
      try {
        driver.enable(Inputs.valid().network(), Inputs.valid().settings())
            .toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (ExecutionException expected) {
        // /bin/true is no dnsmasq; the network is known to the driver all the same
      }
      for (String id : clientIds) {
        Files.writeString(leases, "0 fa:16:3e:00:00:01 10.0.0.10 vm-1 01:fa:16:3e:00:00:01\n");
        assertThat(driver.releaseLease(lease(id)).toCompletableFuture().get(10, TimeUnit.SECONDS))
            .as("released " + InjectionCorpus.escape(id)).isTrue();
      }
    }
    List<String> args = Files.exists(log) ? Files.readAllLines(log) : List.of();
    assertThat(args).hasSize(4 * clientIds.size());
    for (String id : clientIds) {
      if (!id.equals("01:fa:16:3e:00:00:01")) {
        assertThat(args).as(InjectionCorpus.escape(id)).doesNotContain(id);
      }
    }
    assertThat(args).containsOnly("tap0", "10.0.0.10", "fa:16:3e:00:00:01",
        "01:fa:16:3e:00:00:01");
  }

  @Test
  void builderSettings_refuseTheCorpus() {
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/dnsmasq"))
        && Files.isExecutable(Path.of("/usr/bin/dhcp_release")), "dnsmasq is not installed");
    List<Function<String, DnsmasqDriverBuilder>> settings = List.of(
        s -> DnsmasqDriver.builder().user(s),
        s -> DnsmasqDriver.builder().name(s),
        s -> DnsmasqDriver.builder().modes(s, "rw-r--r--"),
        s -> DnsmasqDriver.builder().modes("rwxr-xr-x", s),
        s -> DnsmasqDriver.builder().forwarders(List.of("192.0.2.53", s)));
    Path dir = state.resolve("builder");
    for (Function<String, DnsmasqDriverBuilder> setting : settings) {
      for (String s : InjectionCorpus.ALL) {
        tried++;
        try {
          setting.apply(s).stateDirectory(dir).interfaces(id -> "tap0").build().close();
          fail("builder accepted " + InjectionCorpus.escape(s));
        } catch (DhcpStateException e) {
          refused++;
          assertThat(e.getMessage()).doesNotContain("\n");
        }
        assertThat(dir).as("nothing written for " + InjectionCorpus.escape(s)).doesNotExist();
      }
    }
  }

  /**
   * The interface resolver and the namespace function answer at run time: the driver must
   * refuse a bad answer before it creates the network's directory or runs anything. The
   * "dnsmasq" binary is {@code /bin/true}, so even a wrongly accepted answer runs nothing.
   */
  @Test
  void resolverAndNamespaceAnswers_areRefusedBeforeAnythingIsWritten() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/dhcp_release")), "dnsmasq-utils missing");
    String[] answer = {"tap0"};
    String[] namespace = {"ns-ok"};
    Path dir = state.resolve("driver");
    NetworkSnapshot net = Inputs.valid().network();
    try (DnsmasqDriver driver = DnsmasqDriver.builder().stateDirectory(dir)
        .dnsmasqBinary(Path.of("/bin/true")).interfaces(id -> answer[0])
        .commandPrefix(CommandPrefix.netns(id -> namespace[0])).build()) {
      for (String s : InjectionCorpus.ALL) {
        for (int which = 0; which < 2; which++) {
          tried++;
          answer[0] = which == 0 ? s : "tap0";
          namespace[0] = which == 1 ? s : "ns-ok";
          try {
            driver.enable(net, Inputs.valid().settings()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
            fail("driver accepted " + InjectionCorpus.escape(s));
          } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
            if (isDistinctive(s)) {
              assertThat(e.getCause().getMessage()).doesNotContain(s);
            }
            refused++;
          }
          assertThat(dir.resolve("net-1")).as("written for " + InjectionCorpus.escape(s))
              .doesNotExist();
        }
      }
    }
  }

  @Test
  void interfaceNames_splicedOrNot_areRefusedOrWellFormed() {
    NetworkSnapshot net = Inputs.valid().network();
    DhcpSettings settings = Inputs.valid().settings();
    for (String s : attempts("tap0")) {
      tried++;
      try {
        CommandLine.checkInterface(s);
      } catch (IllegalArgumentException e) {
        refused++;
        continue;
      }
      assertThat(InjectionCorpus.ALL).doesNotContain(s);
      RenderedOutput.of(config(), net, settings, s).assertWellFormed("interface " + s, state);
      acceptedSafely++;
    }
  }
}
