package io.dhcpstate.testkit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.agent.ResourceEvent.NetworkUpdated;
import io.dhcpstate.agent.ResourceEvent.PortCreated;
import io.dhcpstate.agent.ResourceEvent.PortDeleted;
import io.dhcpstate.agent.ResourceEvent.SubnetCreated;
import io.dhcpstate.agent.ResourceEvent.SubnetDeleted;
import io.dhcpstate.agent.ResourceEvent.SubnetUpdated;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.NetworkChange;
import io.dhcpstate.spi.PortChange;
import io.dhcpstate.testkit.RecordingDriver.Call;
import io.dhcpstate.testkit.RecordingDriver.Kind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which driver call each kind of change turns into. */
class AgentDriverCallsTest extends AbstractAgentTest {

  private NetworkSnapshot served() {
    start();
    NetworkSnapshot net = simple("n1", 1, 1);
    create(net);
    return net;
  }

  private Call lastCall() {
    return driver.calls().get(driver.calls().size() - 1);
  }

  private static Subnet.Builder base() {
    return Subnet.builder("n1-s", "n1", "10.1.0.0/24");
  }

  @Test
  void create_networkWithSubnetAndPorts_enablesOnceThenApplies() {
    served();

    assertThat(kindsFor(driver, "n1")).containsExactly(Kind.ENABLE, Kind.APPLY);
    assertThat(listener.enabled).containsExactly("n1@rec");
  }

  @Test
  void portCreated_servedNetwork_appliesOnePortChange() {
    served();
    Port p = port("new", "n1", "n1-s", "10.1.0.99", 99, 1);

    submit(new PortCreated(p));

    assertThat(lastCall().kind()).isEqualTo(Kind.APPLY);
    NetworkChange change = lastCall().change().orElseThrow();
    assertThat(change.ports()).containsExactly(new PortChange(Optional.empty(), Optional.of(p)));
    assertThat(change.subnetsChanged()).isFalse();
    assertThat(change.networkChanged()).isFalse();
  }

  @Test
  void portDeleted_servedNetwork_appliesRemoval() {
    NetworkSnapshot net = served();
    Port p = net.ports().iterator().next();

    submit(new PortDeleted("n1", p.id(), 1));

    assertThat(lastCall().change().orElseThrow().ports())
        .containsExactly(new PortChange(Optional.of(p), Optional.empty()));
    assertThat(driver.served().get("n1").portCount()).isZero();
  }

  @Test
  void subnetUpdate_poolChanged_restarts() {
    served();

    submit(new SubnetUpdated(base().pool("10.1.0.100", "10.1.0.200").revision(2).build()));

    assertThat(lastCall().kind()).isEqualTo(Kind.RESTART);
    assertThat(driver.served().get("n1").subnet("n1-s").orElseThrow().allocationPools())
        .hasSize(1);
  }

  @Test
  void subnetCreate_newDhcpRange_restarts() {
    served();

    submit(new SubnetCreated(subnet("n1-s2", "n1", "10.1.1.0/24", 1)));

    assertThat(lastCall().kind()).isEqualTo(Kind.RESTART);
  }

  @Test
  void subnetUpdate_dnsChanged_appliesWithSubnetsChanged() {
    served();

    submit(new SubnetUpdated(base().dns("10.1.0.2").gateway("10.1.0.1").revision(2).build()));

    assertThat(lastCall().kind()).isEqualTo(Kind.APPLY);
    assertThat(lastCall().change().orElseThrow().subnetsChanged()).isTrue();
    assertThat(driver.served().get("n1").subnet("n1-s").orElseThrow().dnsNameservers())
        .hasSize(1);
  }

  @Test
  void networkUpdate_mtuChanged_appliesWithNetworkChanged() {
    served();

    submit(new NetworkUpdated(new Network("n1", "net n1", true, 9000, Optional.empty(), 2)));

    assertThat(lastCall().kind()).isEqualTo(Kind.APPLY);
    assertThat(lastCall().change().orElseThrow().networkChanged()).isTrue();
    assertThat(driver.served().get("n1").network().mtu()).isEqualTo(9000);
  }

  @Test
  void networkUpdate_adminDown_disables() {
    served();

    submit(new NetworkUpdated(new Network("n1", "net n1", false, 1500, Optional.empty(), 2)));

    assertThat(lastCall().kind()).isEqualTo(Kind.DISABLE);
    assertThat(driver.served()).isEmpty();
    assertThat(listener.disabled).containsExactly("n1@rec");
    assertThat(agent.networkIds()).containsExactly("n1");
  }

  @Test
  void networkUpdate_adminUpAgain_enables() {
    served();
    submit(new NetworkUpdated(new Network("n1", "net n1", false, 1500, Optional.empty(), 2)));

    submit(new NetworkUpdated(new Network("n1", "net n1", true, 1500, Optional.empty(), 3)));

    assertThat(lastCall().kind()).isEqualTo(Kind.ENABLE);
    assertThat(driver.served().get("n1").portCount()).isEqualTo(1);
  }

  @Test
  void subnetUpdate_dhcpOffOnLastDhcpSubnet_disables() {
    served();

    submit(new SubnetUpdated(base().enableDhcp(false).revision(2).build()));

    assertThat(lastCall().kind()).isEqualTo(Kind.DISABLE);
    assertThat(driver.served()).isEmpty();
  }

  @Test
  void subnetDelete_lastSubnet_disablesAndStripsFixedIps() {
    served();

    submit(new SubnetDeleted("n1", "n1-s", 1));

    assertThat(lastCall().kind()).isEqualTo(Kind.DISABLE);
    assertThat(agent.network("n1").orElseThrow().port("n1-p1").orElseThrow().fixedIps())
        .isEmpty();
  }

  @Test
  void networkCreate_withoutSubnet_callsNoDriver() {
    start();

    submit(new io.dhcpstate.agent.ResourceEvent.NetworkCreated(network("n1", 1)));

    assertThat(driver.calls()).isEmpty();
    assertThat(agent.networkIds()).containsExactly("n1");
  }

  @Test
  void selector_choosesNoDriver_networkNotServed() {
    start(builder().selector((network, all) -> java.util.Set.of()));

    create(simple("n1", 1, 1));

    assertThat(driver.calls()).isEmpty();
    assertThat(agent.networkIds()).containsExactly("n1");
  }

  @Test
  void selector_throws_servesWithEveryDriver() {
    start(builder().selector((network, all) -> {
      throw new IllegalStateException("selector failure (injected)");
    }));

    create(simple("n1", 1, 1));

    assertThat(driver.served()).containsKey("n1");
  }

  @Test
  void changes_twoPortsInOneNetwork_eachApplyCarriesOnlyItsPort() {
    served();
    Port a = port("a", "n1", "n1-s", "10.1.0.50", 50, 1);
    Port b = port("b", "n1", "n1-s", "10.1.0.51", 51, 1);

    submit(new PortCreated(a), new PortCreated(b));

    List<Call> calls = driver.calls();
    assertThat(calls.get(calls.size() - 2).change().orElseThrow().ports())
        .extracting(PortChange::portId).containsExactly("a");
    assertThat(lastCall().change().orElseThrow().ports())
        .extracting(PortChange::portId).containsExactly("b");
  }
}
