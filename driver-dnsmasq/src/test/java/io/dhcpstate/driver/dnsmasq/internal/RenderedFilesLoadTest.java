package io.dhcpstate.driver.dnsmasq.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dhcpstate.driver.dnsmasq.CommandPrefix;
import io.dhcpstate.driver.dnsmasq.DnsmasqDriver;
import io.dhcpstate.driver.dnsmasq.Netns;
import io.dhcpstate.driver.dnsmasq.TestDirs;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.spi.DhcpSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The networks of the golden files, served by real dnsmasq in a namespace: dnsmasq must read
 * every rendered line without complaint ("bad ... at line N of FILE") and keep running.
 */
class RenderedFilesLoadTest {
  private static Netns ns;
  private static Path state;

  @BeforeAll
  static void createNamespace() {
    String why = Netns.unavailableReason();
    assumeTrue(why == null, "needs network namespaces: " + why);
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/dnsmasq")), "dnsmasq is not installed");
    ns = Netns.create("ddfx");
    ns.ip("link", "add", "fx0", "type", "veth", "peer", "name", "fx0p");
    ns.ip("link", "set", "fx0", "up");
    ns.ip("link", "set", "fx0p", "up");
    ns.ip("addr", "add", "10.0.0.2/24", "dev", "fx0");
    state = TestDirs.create("dhcpstate-fixtures");
  }

  @AfterAll
  static void removeNamespace() {
    try {
      if (ns != null) {
        ns.close();
      }
    } finally {
      TestDirs.delete(state);
    }
  }

  @Test
  void everyGoldenNetwork_loadsWithoutComplaints() throws Exception {
    List<NetworkSnapshot> nets = List.of(Fixtures.v4Static(), Fixtures.v4Dynamic(),
        Fixtures.v6(), Fixtures.dual());
    List<DhcpSettings> settings = List.of(Fixtures.v4StaticSettings(),
        Fixtures.v4DynamicSettings(), Fixtures.v6Settings(), Fixtures.dualSettings());
    try (DnsmasqDriver driver = DnsmasqDriver.builder().stateDirectory(state.resolve("s"))
        .commandPrefix(CommandPrefix.netns(id -> ns.name())).interfaces(id -> "fx0").build()) {
      for (int i = 0; i < nets.size(); i++) {
        String id = nets.get(i).network().id();
        driver.enable(nets.get(i), settings.get(i)).toCompletableFuture()
            .get(20, TimeUnit.SECONDS);
        driver.restart(nets.get(i), settings.get(i)).toCompletableFuture()
            .get(20, TimeUnit.SECONDS);
        String log = Files.readString(state.resolve("s").resolve(id).resolve("log"));

        assertThat(driver.pid(id)).as(id).isPresent();
        assertThat(log).as(id).doesNotContain(" at line ", "bad ", "failed", "denied",
            "Ignoring domain");
        driver.disable(id).toCompletableFuture().get(20, TimeUnit.SECONDS);
      }
    }
  }
}
