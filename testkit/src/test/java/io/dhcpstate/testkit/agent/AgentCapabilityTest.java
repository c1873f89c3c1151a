package io.dhcpstate.testkit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.agent.ResourceEvent.PortCreated;
import io.dhcpstate.agent.ResourceEvent.PortUpdated;
import io.dhcpstate.model.AddressMode;
import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.Ipv6Mode;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.DriverCapabilities;
import io.dhcpstate.testkit.RecordingDriver;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a driver's capabilities exclude is stripped from its view and reported once. */
class AgentCapabilityTest extends AbstractAgentTest {
  private final RecordingDriver v4only = new RecordingDriver("v4only", new DriverCapabilities(
      EnumSet.of(IpVersion.V4), EnumSet.allOf(AddressMode.class)));

  private static final Subnet V4 = subnet("s4", "n1", "10.1.0.0/24", 1);
  private static final Subnet V6 = Subnet.builder("s6", "n1", "fd00:1::/64")
      .ipv6Mode(Ipv6Mode.DHCPV6_STATEFUL).revision(1).build();

  private static Port dualStack(String id, int n, long revision) {
    return new Port(id, "n1", MacAddress.of(0xfa163e000100L + n),
        List.of(FixedIp.of("s4", "10.1.0." + (10 + n)), FixedIp.of("s6", "fd00:1::" + (10 + n))),
        "compute:test", true, Optional.empty(), List.of(), revision);
  }

  private void startWithV4Only() {
    drivers.add(v4only);
    start(builder().driver(v4only));
  }

  @Test
  void enable_v4OnlyDriver_getsNoV6SubnetNorV6Addresses() {
    source.put(NetworkSnapshot.of(network("n1", 1), List.of(V4, V6),
        List.of(dualStack("p1", 1, 1))));

    startWithV4Only();

    NetworkSnapshot seen = v4only.served().get("n1");
    assertThat(seen.subnets()).containsExactly(V4);
    assertThat(seen.port("p1").orElseThrow().fixedIps())
        .containsExactly(FixedIp.of("s4", "10.1.0.11"));
    assertThat(driver.served().get("n1").subnets()).containsExactlyInAnyOrder(V4, V6);
    assertThat(listener.skipped).containsExactly("n1@v4only: subnet s6 (IPv6, static)");
  }

  @Test
  void portEvents_v4OnlyDriver_skipReportedOnceAndPortsStripped() {
    source.put(NetworkSnapshot.of(network("n1", 1), List.of(V4, V6),
        List.of(dualStack("p1", 1, 1))));
    startWithV4Only();

    submit(new PortCreated(dualStack("p2", 2, 1)), new PortUpdated(dualStack("p1", 1, 2)));
    agent.requestResync("n1", "test");
    time.advance(Duration.ofSeconds(2));

    assertThat(listener.skipped).hasSize(1);
    NetworkSnapshot seen = v4only.served().get("n1");
    assertThat(seen.ports()).allSatisfy(p -> assertThat(p.fixedIps())
        .allSatisfy(f -> assertThat(f.subnetId()).isEqualTo("s4")));
    assertThat(seen.portCount()).isEqualTo(2);
    assertThat(agent.stats().driverFailures()).isZero();
  }

  @Test
  void enable_v6OnlyNetworkOnV4OnlyDriver_notServedButSkipReported() {
    source.put(NetworkSnapshot.of(network("n1", 1), List.of(V6), List.of()));

    startWithV4Only();

    assertThat(v4only.served()).isEmpty();
    assertThat(driver.served()).containsOnlyKeys("n1");
    assertThat(listener.skipped).containsExactly("n1@v4only: subnet s6 (IPv6, static)");
    assertThat(listener.failures).isEmpty();
  }
}
