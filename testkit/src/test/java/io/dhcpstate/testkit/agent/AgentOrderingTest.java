package io.dhcpstate.testkit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.agent.ResourceEvent.NetworkCreated;
import io.dhcpstate.agent.ResourceEvent.NetworkDeleted;
import io.dhcpstate.agent.ResourceEvent.NetworkUpdated;
import io.dhcpstate.agent.ResourceEvent.PortCreated;
import io.dhcpstate.agent.ResourceEvent.PortDeleted;
import io.dhcpstate.agent.ResourceEvent.PortUpdated;
import io.dhcpstate.agent.ResourceEvent.SubnetCreated;
import io.dhcpstate.agent.ResourceEvent.SubnetUpdated;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.PortChange;
import io.dhcpstate.testkit.RecordingDriver;
import io.dhcpstate.testkit.RecordingDriver.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Per-network ordering, stale revisions and tombstones. */
class AgentOrderingTest extends AbstractAgentTest {
  private final ManualExecutor exec = new ManualExecutor();

  /** Starts on the manual executor, so events submitted together form one batch. */
  private void startBatched() {
    agent = builder().executor(exec).tombstoneLifetime(Duration.ofHours(1)).build();
    agent.start();
    exec.runAll();
  }

  private void startDirect() {
    start(builder().tombstoneLifetime(Duration.ofHours(1)));
  }

  private static Port renamed(Port p, String hostname, long revision) {
    return new Port(p.id(), p.networkId(), p.mac(), p.fixedIps(), p.deviceOwner(),
        p.adminStateUp(), Optional.of(hostname), p.extraDhcpOptions(), revision);
  }

  private Port served(String networkId, String portId) {
    return driver.served().get(networkId).port(portId).orElse(null);
  }

  @Test
  void batch_eventsInReverseOrder_appliedByPriority() {
    startBatched();
    NetworkSnapshot net = simple("n1", 1, 1);
    source.put(net);
    Subnet s = net.subnets().iterator().next();

    submit(new PortCreated(net.ports().iterator().next()), new SubnetCreated(s),
        new NetworkCreated(net.network()));
    exec.runAll();

    assertThat(listener.rejected).isEmpty();
    assertThat(kindsFor(driver, "n1")).containsExactly(Kind.ENABLE);
    assertThat(driver.served().get("n1").ports()).containsExactlyElementsOf(net.ports());
    assertThat(agent.stats().eventsApplied()).isEqualTo(3);
  }

  @Test
  void batch_twoCreatesSameIp_earlierArrivalWins() {
    startBatched();
    NetworkSnapshot base = simple("n1", 1, 0);
    create(base);
    exec.runAll();
    Subnet s = base.subnets().iterator().next();
    Port first = port("first", "n1", s.id(), "10.1.0.50", 50, 1);
    Port second = port("second", "n1", s.id(), "10.1.0.50", 51, 1);
    source.put(snapshot(base.network(), List.of(s), first));

    submit(new PortCreated(first), new PortCreated(second));
    exec.runAll();

    assertThat(served("n1", "first")).isEqualTo(first);
    assertThat(served("n1", "second")).isNull();
    assertThat(listener.rejected).extracting(r -> r.event().resourceId()).containsExactly("second");
  }

  @Test
  void batch_deleteFreeingIpAfterCreateReusingIt_deleteRunsFirst() {
    startBatched();
    NetworkSnapshot base = simple("n1", 1, 1);
    create(base);
    exec.runAll();
    Port old = base.ports().iterator().next();
    Port reuse = port("reuse", "n1", base.subnets().iterator().next().id(),
        old.fixedIps().get(0).ip().toString(), 77, 5);

    submit(new PortCreated(reuse), new PortDeleted("n1", old.id(), 1));
    exec.runAll();

    assertThat(listener.rejected).isEmpty();
    assertThat(driver.served().get("n1").ports()).containsExactly(reuse);
    RecordingDriver.Call last = driver.calls().get(driver.calls().size() - 1);
    assertThat(last.kind()).isEqualTo(Kind.APPLY);
    assertThat(last.change().orElseThrow().ports()).extracting(PortChange::portId)
        .containsExactlyInAnyOrder(old.id(), reuse.id());
  }

  @Test
  void batch_twoUpdatesOfOnePort_laterRevisionWinsWhateverTheOrder() {
    startBatched();
    NetworkSnapshot base = simple("n1", 1, 1);
    create(base);
    exec.runAll();
    Port p = base.ports().iterator().next();

    submit(new PortUpdated(renamed(p, "newer", 3)), new PortUpdated(renamed(p, "older", 2)));
    exec.runAll();

    assertThat(served("n1", p.id()).hostname()).contains("newer");
    assertThat(agent.stats().staleEvents()).isEqualTo(1);
  }

  @Test
  void submit_portUpdateWithOlderRevision_droppedCountedAndNotApplied() {
    startDirect();
    NetworkSnapshot base = simple("n1", 1, 1);
    create(base);
    Port p = base.ports().iterator().next();
    submit(new PortUpdated(renamed(p, "current", 5)));
    int calls = driver.calls().size();

    submit(new PortUpdated(renamed(p, "old", 4)), new PortUpdated(renamed(p, "same", 5)));

    assertThat(agent.stats().staleEvents()).isEqualTo(2);
    assertThat(driver.calls()).hasSize(calls);
    assertThat(served("n1", p.id()).hostname()).contains("current");
  }

  @Test
  void submit_networkOrSubnetUpdateWithOlderRevision_dropped() {
    startDirect();
    NetworkSnapshot base = simple("n1", 1, 0);
    create(base);
    Subnet s = base.subnets().iterator().next();

    submit(new NetworkUpdated(base.network()), new SubnetUpdated(s.withRevision(0)));

    assertThat(agent.stats().staleEvents()).isEqualTo(2);
    assertThat(kindsFor(driver, "n1")).containsExactly(Kind.ENABLE);
  }

  @Test
  void submit_eventsForTombstonedPort_droppedAndCounted() {
    startDirect();
    NetworkSnapshot base = simple("n1", 1, 1);
    create(base);
    Port p = base.ports().iterator().next();
    submit(new PortUpdated(p.withRevision(4)), new PortDeleted("n1", p.id(), 4));

    submit(new PortUpdated(p.withRevision(4)), new PortCreated(p.withRevision(3)));

    assertThat(served("n1", p.id())).isNull();
    assertThat(agent.stats().staleEvents()).isEqualTo(2);
  }

  @Test
  void submit_createOfTombstonedIdWithHigherRevision_accepted() {
    startDirect();
    NetworkSnapshot base = simple("n1", 1, 1);
    create(base);
    Port p = base.ports().iterator().next();
    submit(new PortDeleted("n1", p.id(), 4));

    submit(new PortCreated(p.withRevision(4)), new PortCreated(p.withRevision(5)));

    assertThat(served("n1", p.id())).isEqualTo(p.withRevision(5));
    assertThat(agent.stats().staleEvents()).isEqualTo(1);
  }

  @Test
  void submit_deleteArrivingBeforeCreate_createDropped() {
    startDirect();
    create(simple("n1", 1, 0));
    Port p = port("late", "n1", "n1-s", "10.1.0.40", 40, 2);

    submit(new PortDeleted("n1", "late", 2), new PortCreated(p));

    assertThat(served("n1", "late")).isNull();
    assertThat(agent.stats().staleEvents()).isEqualTo(2);
  }

  @Test
  void submit_tombstoneOlderThanLifetime_expiresAndCreateAccepted() {
    startDirect();
    NetworkSnapshot base = simple("n1", 1, 1);
    create(base);
    Port p = base.ports().iterator().next();
    submit(new PortDeleted("n1", p.id(), 4));

    time.advance(Duration.ofMinutes(59));
    submit(new PortCreated(p.withRevision(2)));
    assertThat(served("n1", p.id())).isNull();

    time.advance(Duration.ofMinutes(2));
    submit(new PortCreated(p.withRevision(3)));

    assertThat(served("n1", p.id())).isEqualTo(p.withRevision(3));
  }

  @Test
  void submit_networkRecreatedAfterDelete_onlyWithHigherRevision() {
    startDirect();
    NetworkSnapshot base = simple("n1", 1, 0);
    create(base);
    submit(new NetworkDeleted("n1", 3));
    assertThat(driver.served()).doesNotContainKey("n1");
    assertThat(agent.networkIds()).isEmpty();

    submit(new NetworkCreated(network("n1", 2)));
    assertThat(agent.networkIds()).isEmpty();
    submit(new NetworkCreated(network("n1", 4)));

    assertThat(agent.networkIds()).containsExactly("n1");
    assertThat(agent.stats().staleEvents()).isEqualTo(1);
  }

  @Test
  void submit_networkDeleted_disablesIt() {
    startDirect();
    create(simple("n1", 1, 1));

    submit(new NetworkDeleted("n1", 1));

    assertThat(kindsFor(driver, "n1")).endsWith(Kind.DISABLE);
    assertThat(driver.served()).doesNotContainKey("n1");
    assertThat(listener.disabled).containsExactly("n1@rec");
  }
}
