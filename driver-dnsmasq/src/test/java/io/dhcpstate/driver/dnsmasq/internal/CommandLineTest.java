package io.dhcpstate.driver.dnsmasq.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpstate.driver.dnsmasq.CommandPrefix;
import io.dhcpstate.model.AddressMode;
import io.dhcpstate.model.Ipv6Mode;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.testkit.InjectionCorpus;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dnsmasq argument list: interface names, ranges, restarts, the command prefix. */
class CommandLineTest {
  private static final Path DIR = Path.of("/var/lib/dhcpstate/n");

  @Test
  void checkInterface_validNames_areReturned() {
    for (String name : List.of("eth0", "a", "tap1234abcd-12", "veth.100", "br_ex", "E",
        "123456789012345")) {
      assertThat(CommandLine.checkInterface(name)).isEqualTo(name);
    }
  }

  @Test
  void checkInterface_invalidNames_areRefused() {
    for (String name : List.of("", "1234567890123456", "-x", ".x", "_x", "eth 0", "eth0\n",
        "eth/0", "eth:0", "eth*", "*", "caf\u00e9", "a,b", "lo\u0000", "..")) {
      assertThatThrownBy(() -> CommandLine.checkInterface(name))
          .as(InjectionCorpus.escape(name)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining(name.isEmpty() ? "\u0001" : name);
    }
    assertThatThrownBy(() -> CommandLine.checkInterface(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void checkInterface_injectionCorpus_isRefusedEntirely() {
    for (String s : InjectionCorpus.ALL) {
      assertThatThrownBy(() -> CommandLine.checkInterface(s)).as(InjectionCorpus.escape(s))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void ranges_perAddressMode() {
    Subnet st = Subnet.builder("st", "n", "10.0.0.0/24").build();
    Subnet dyn = Subnet.builder("dyn", "n", "10.0.1.0/24").addressMode(AddressMode.DYNAMIC)
        .pool("10.0.1.10", "10.0.1.20").build();
    Subnet dynNoPool = Subnet.builder("dyn0", "n", "10.0.2.0/23")
        .addressMode(AddressMode.DYNAMIC).build();
    Subnet full = Subnet.builder("v6", "n", "fd00::/64").ipv6Mode(Ipv6Mode.DHCPV6_STATEFUL)
        .build();
    Subnet stateless = Subnet.builder("v6s", "n", "fd01::/64")
        .ipv6Mode(Ipv6Mode.DHCPV6_STATELESS).build();
    Subnet slaac = Subnet.builder("v6a", "n", "fd02::/64").ipv6Mode(Ipv6Mode.SLAAC).build();
    Subnet longPrefix = Subnet.builder("v6l", "n", "fd03::/80")
        .ipv6Mode(Ipv6Mode.DHCPV6_STATEFUL).build();

    assertThat(CommandLine.ranges(st, "60s")).containsExactly(
        "set:subnet-st,10.0.0.0,static,255.255.255.0,60s");
    assertThat(CommandLine.ranges(dyn, "infinite")).containsExactly(
        "set:subnet-dyn,10.0.1.10,10.0.1.20,255.255.255.0,infinite");
    assertThat(CommandLine.ranges(dynNoPool, "60s")).containsExactly(
        "set:subnet-dyn0,10.0.2.0,static,255.255.254.0,60s");
    assertThat(CommandLine.ranges(full, "60s")).containsExactly(
        "set:subnet-v6,fd00::,static,64,60s");
    assertThat(CommandLine.ranges(stateless, "60s")).containsExactly(
        "set:subnet-v6s,fd01::,static,64,60s");
    assertThat(CommandLine.ranges(slaac, "60s")).isEmpty();
    assertThat(CommandLine.ranges(longPrefix, "60s")).isEmpty();
  }

  @Test
  void needsProcess_onlyForAnUpNetworkWithARange() {
    Network up = Network.of("n");
    Network down = new Network("n", "", false, 1500, Optional.empty(), 0);
    Subnet v4 = Subnet.builder("s", "n", "10.0.0.0/24").build();
    Subnet off = Subnet.builder("s", "n", "10.0.0.0/24").enableDhcp(false).build();
    Subnet slaac = Subnet.builder("s6", "n", "fd00::/64").ipv6Mode(Ipv6Mode.SLAAC).build();

    assertThat(CommandLine.needsProcess(NetworkSnapshot.of(up, List.of(v4), List.of()))).isTrue();
    assertThat(CommandLine.needsProcess(NetworkSnapshot.of(down, List.of(v4), List.of())))
        .isFalse();
    assertThat(CommandLine.needsProcess(NetworkSnapshot.of(up, List.of(off, slaac), List.of())))
        .isFalse();
    assertThat(CommandLine.needsProcess(NetworkSnapshot.of(up, List.of(), List.of()))).isFalse();
  }

  @Test
  void arguments_areTheCommandWithoutItsPrefix() {
    Config netns = Fixtures.config(CommandPrefix.netns(id -> "ns-" + id), List.of(), 1 << 24,
        Optional.empty(), false, true, "nobody");
    NetworkSnapshot net = Fixtures.v4Static();
    DhcpSettings settings = Fixtures.v4StaticSettings();

    List<String> command = CommandLine.build(netns, net, settings, "tap0", DIR);

    assertThat(command.subList(0, 4)).containsExactly("ip", "netns", "exec", "ns-net-1");
    assertThat(command.subList(4, command.size()))
        .isEqualTo(CommandLine.arguments(netns, net, settings, "tap0", DIR));
  }

  @Test
  void arguments_badInterface_isRefused() {
    assertThatThrownBy(() -> CommandLine.arguments(Fixtures.config(), Fixtures.v4Static(),
        Fixtures.v4StaticSettings(), "tap0 --dhcp-script=/bin/sh", DIR))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void restartKey_changesWithRangesNotWithPorts() {
    NetworkSnapshot net = Fixtures.v4Dynamic();
    DhcpSettings settings = Fixtures.v4DynamicSettings();
    NetworkSnapshot fewerPorts = NetworkSnapshot.of(net.network(), net.subnets(),
        List.of(net.port("q1").orElseThrow()));
    Subnet d1 = net.subnet("d1").orElseThrow();
    Subnet morePools = Subnet.builder("d1", d1.networkId(), "10.1.0.0/24").gateway("10.1.0.1")
        .addressMode(AddressMode.DYNAMIC).pool("10.1.0.100", "10.1.0.160").build();
    NetworkSnapshot newRange = NetworkSnapshot.of(net.network(), List.of(morePools), List.of());

    assertThat(CommandLine.restartKey(fewerPorts, settings))
        .isEqualTo(CommandLine.restartKey(net, settings));
    assertThat(CommandLine.restartKey(newRange, settings))
        .isNotEqualTo(CommandLine.restartKey(net, settings));
  }

  @Test
  void prefix_netns_refusesNamespaceNamesThatAreNotTokens() {
    for (String s : InjectionCorpus.ALL) {
      CommandPrefix prefix = CommandPrefix.netns(id -> s);
      assertThatThrownBy(() -> prefix.prefixFor("n")).as(InjectionCorpus.escape(s))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(CommandPrefix.netns(id -> "qdhcp-" + id).prefixFor("n1"))
        .containsExactly("ip", "netns", "exec", "qdhcp-n1");
  }
}
