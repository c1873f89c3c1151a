package io.dhcpstate.testkit.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dhcpstate.InvalidConfigurationException;
import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.agent.DhcpAgent;
import io.dhcpstate.agent.DhcpAgentBuilder;
import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.spi.MetadataRouteMode;
import io.dhcpstate.testkit.FakeNetworkSource;
import io.dhcpstate.testkit.RecordingDriver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link DhcpAgentBuilder}: required settings, consistency, set-once and value checks. */
class DhcpAgentBuilderTest {
  private final FakeNetworkSource source = new FakeNetworkSource();
  private final RecordingDriver driver = new RecordingDriver("rec");

  private DhcpAgentBuilder valid() {
    return DhcpAgent.builder().source(source).driver(driver).executor(Runnable::run)
        .scheduler((executor, task, delay) -> java.util.concurrent.CompletableFuture
            .completedFuture(null));
  }

  @Test
  void build_missingSource_throwsNamingSource() {
    assertThatThrownBy(() -> DhcpAgent.builder().driver(driver).build())
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("source");
  }

  @Test
  void build_missingDriver_throwsNamingDriver() {
    assertThatThrownBy(() -> DhcpAgent.builder().source(source).build())
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("driver");
  }

  @Test
  void build_throttleAboveInterval_throwsNamingBothValues() {
    DhcpAgentBuilder b = valid().resyncInterval(Duration.ofSeconds(2))
        .resyncThrottle(Duration.ofSeconds(3));

    assertThatThrownBy(b::build).isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("resyncThrottle").hasMessageContaining("PT3S")
        .hasMessageContaining("resyncInterval").hasMessageContaining("PT2S");
  }

  @Test
  void build_throttleAboveDefaultInterval_throwsNamingBothValues() {
    DhcpAgentBuilder b = valid().resyncThrottle(Duration.ofSeconds(6));

    assertThatThrownBy(b::build).isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("PT6S").hasMessageContaining("PT5S");
  }

  @Test
  void build_throttleEqualToInterval_builds() {
    DhcpAgent agent = valid().resyncInterval(Duration.ofSeconds(2))
        .resyncThrottle(Duration.ofSeconds(2)).build();

    agent.close();
  }

  @Test
  void source_setTwice_throwsNamingSetting() {
    DhcpAgentBuilder b = DhcpAgent.builder().source(source);

    assertThatThrownBy(() -> b.source(new FakeNetworkSource()))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("source").hasMessageContaining("already set");
  }

  @Test
  void workers_setTwice_throws() {
    DhcpAgentBuilder b = DhcpAgent.builder().workers(2);

    assertThatThrownBy(() -> b.workers(2)).isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("workers");
  }

  @Test
  void infiniteLeases_afterLeaseTime_throwsNamingLeaseTime() {
    DhcpAgentBuilder b = DhcpAgent.builder().leaseTime(Duration.ofHours(1));

    assertThatThrownBy(b::infiniteLeases).isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("leaseTime");
  }

  @Test
  void resyncThrottle_setTwice_throws() {
    DhcpAgentBuilder b = DhcpAgent.builder().resyncThrottle(Duration.ofSeconds(1));

    assertThatThrownBy(() -> b.resyncThrottle(Duration.ofSeconds(1)))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("resyncThrottle");
  }

  @Test
  void driver_addedTwice_throwsNamingDriver() {
    DhcpAgentBuilder b = DhcpAgent.builder().driver(driver);

    assertThatThrownBy(() -> b.driver(driver)).isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("rec");
  }

  @Test
  void driver_sameNameTwice_throws() {
    DhcpAgentBuilder b = DhcpAgent.builder().driver(driver);

    assertThatThrownBy(() -> b.driver(new RecordingDriver("rec")))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("rec");
  }

  @Test
  void workers_zero_throwsNamingValue() {
    assertThatThrownBy(() -> DhcpAgent.builder().workers(0))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("workers")
        .hasMessageContaining("0");
  }

  @Test
  void workers_tooMany_throws() {
    assertThatThrownBy(() -> DhcpAgent.builder().workers(257))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("257");
  }

  @Test
  void readyBatchSize_zero_throws() {
    assertThatThrownBy(() -> DhcpAgent.builder().readyBatchSize(0))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("readyBatchSize");
  }

  @Test
  void resyncInterval_zero_throws() {
    assertThatThrownBy(() -> DhcpAgent.builder().resyncInterval(Duration.ZERO))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("resyncInterval");
  }

  @Test
  void driverTimeout_negative_throws() {
    assertThatThrownBy(() -> DhcpAgent.builder().driverTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("driverTimeout");
  }

  @Test
  void tombstoneLifetime_zero_throws() {
    assertThatThrownBy(() -> DhcpAgent.builder().tombstoneLifetime(Duration.ZERO))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("tombstoneLifetime");
  }

  @Test
  void source_null_throws() {
    assertThatThrownBy(() -> DhcpAgent.builder().source(null))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("source");
  }

  @Test
  void leaseTime_tooShort_throwsAtOnceNamingLeaseTime() {
    DhcpAgentBuilder b = valid();

    assertThatThrownBy(() -> b.leaseTime(Duration.ofSeconds(60))).isInstanceOf(InvalidResourceException.class)
        .hasMessageContaining("leaseTime");
  }

  @Test
  void build_renewalAfterRebinding_throwsNamingRenewalTime() {
    DhcpAgentBuilder b = valid().renewalTime(Duration.ofHours(10))
        .rebindingTime(Duration.ofHours(5));

    assertThatThrownBy(b::build).isInstanceOf(InvalidResourceException.class)
        .hasMessageContaining("renewalTime");
  }

  @Test
  void defaultDomain_invalid_throwsAtOnceNamingDomain() {
    DhcpAgentBuilder b = valid();

    assertThatThrownBy(() -> b.defaultDomain("bad domain!")).isInstanceOf(InvalidResourceException.class)
        .hasMessageContaining("defaultDomain");
  }

  @Test
  void globalOptions_prohibitedOption_throwsAtOnceNamingOption() {
    DhcpAgentBuilder b = valid();

    assertThatThrownBy(() -> b.globalOptions(
        List.of(ExtraDhcpOption.of("router", "10.0.0.1")), List.of())).isInstanceOf(InvalidResourceException.class)
        .hasMessageContaining("globalV4Options").hasMessageContaining("router");
  }

  @Test
  void build_servingSettings_reachAgentSettings() {
    DhcpAgent agent = valid().leaseTime(Duration.ofHours(2)).defaultDomain("example.org")
        .metadataRoute(MetadataRouteMode.VIA_GATEWAY)
        .globalOptions(List.of(ExtraDhcpOption.of("ntp-server", "10.0.0.5")), List.of())
        .build();

    assertThat(agent.settings().leaseTime()).contains(Duration.ofHours(2));
    assertThat(agent.settings().defaultDomain()).contains("example.org");
    assertThat(agent.settings().metadataRoute()).isEqualTo(MetadataRouteMode.VIA_GATEWAY);
    assertThat(agent.settings().globalV4Options()).hasSize(1);
    agent.close();
  }

  @Test
  void build_infiniteLeases_settingsHaveNoLeaseTime() {
    DhcpAgent agent = valid().infiniteLeases().build();

    assertThat(agent.settings().leaseTime()).isEqualTo(Optional.empty());
    agent.close();
  }
}
