package io.dhcpstate.driver.dnsmasq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dhcpstate.InvalidConfigurationException;
import io.dhcpstate.model.AddressMode;
import io.dhcpstate.model.IpVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every builder setting is checked when set (or at build) and may be set once. */
class DnsmasqDriverBuilderTest {
  private Path base;

  @BeforeEach
  void createBase() {
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/dnsmasq"))
        && Files.isExecutable(Path.of("/usr/bin/dhcp_release")),
        "dnsmasq-base and dnsmasq-utils are not installed");
    base = TestDirs.create("dhcpstate-builder");
  }

  @AfterEach
  void deleteBase() {
    TestDirs.delete(base);
  }

  private DnsmasqDriverBuilder valid() {
    return DnsmasqDriver.builder().stateDirectory(base.resolve("state"))
        .interfaces(id -> "tap0");
  }

  private static void refused(DnsmasqDriverBuilder b, Consumer<DnsmasqDriverBuilder> setting,
      String... messageParts) {
    assertThatThrownBy(() -> setting.accept(b)).isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContainingAll(messageParts);
  }

  @Test
  void build_validSettings_buildsAndCreatesTheStateDirectory() {
    try (DnsmasqDriver d = valid().name("dns-1").build()) {
      assertThat(d.name()).isEqualTo("dns-1");
      assertThat(d.capabilities().ipVersions()).containsExactlyInAnyOrder(IpVersion.values());
      assertThat(d.capabilities().addressModes())
          .containsExactlyInAnyOrder(AddressMode.values());
      assertThat(base.resolve("state")).isDirectory();
      assertThat(d.stats()).isEqualTo(new DnsmasqStats(0, 0, 0));
    }
  }

  @Test
  void build_withoutStateDirectory_isRefused() {
    refused(DnsmasqDriver.builder().interfaces(id -> "tap0"), DnsmasqDriverBuilder::build,
        "stateDirectory");
  }

  @Test
  void build_withoutInterfaceResolver_isRefused() {
    refused(DnsmasqDriver.builder().stateDirectory(base), DnsmasqDriverBuilder::build,
        "interfaces");
  }

  @Test
  void build_nonExecutableBinary_isRefusedNamingIt() throws IOException {
    Path notExecutable = Files.writeString(base.resolve("dnsmasq"), "#!/bin/sh\n");
    Path missing = base.resolve("missing");

    refused(valid().dnsmasqBinary(notExecutable), DnsmasqDriverBuilder::build,
        notExecutable.toString());
    refused(valid().dnsmasqBinary(missing), DnsmasqDriverBuilder::build, missing.toString());
    refused(valid().dhcpReleaseBinaries(missing, Path.of("/usr/bin/dhcp_release6")),
        DnsmasqDriverBuilder::build, missing.toString());
    refused(valid().dhcpReleaseBinaries(Path.of("/usr/bin/dhcp_release"), notExecutable),
        DnsmasqDriverBuilder::build, notExecutable.toString());
  }

  @Test
  void build_unreadableExtraConfigFile_isRefused() {
    refused(valid().extraConfigFile(base.resolve("nope.conf")), DnsmasqDriverBuilder::build,
        "extraConfigFile");
  }

  @Test
  void user_notAUserName_isRefused() {
    for (String bad : List.of("", "Root", "-x", "a b", "root;reboot", "x".repeat(33),
        "nobody\n", "../etc", "n\u00f6body")) {
      refused(DnsmasqDriver.builder(), b -> b.user(bad), "user");
    }
  }

  @Test
  void build_unknownUser_isRefused() {
    refused(valid().user("no-such-user-dhcpstate"), DnsmasqDriverBuilder::build,
        "no-such-user-dhcpstate", "does not exist");
  }

  @Test
  void modes_malformedOrWritableByOthers_areRefused() {
    refused(DnsmasqDriver.builder(), b -> b.modes("rwxr-xr-y", "rw-r--r--"), "modes");
    refused(DnsmasqDriver.builder(), b -> b.modes("rwxr-xr-x", "rw-r--r-"), "modes");
    refused(DnsmasqDriver.builder(), b -> b.modes("rwxr-xr-x", "rw-rw-r--"), "write");
    refused(DnsmasqDriver.builder(), b -> b.modes("rwxr-xr-x", "rw-r--rw-"), "write");
    refused(DnsmasqDriver.builder(), b -> b.modes("rwxr-xr-x", null), "modes");
    refused(DnsmasqDriver.builder(), b -> b.modes(null, "rw-r--r--"), "modes");
  }

  @Test
  void build_modesTheDnsmasqUserCannotUse_areRefused() {
    refused(valid().modes("rwxr-xr-x", "rw-------"), DnsmasqDriverBuilder::build,
        "readable by user nobody");
    refused(valid().modes("rwx------", "rw-r--r--"), DnsmasqDriverBuilder::build,
        "searchable by user nobody");
    // dnsmasq runs with its own group (dip), so group bits on the driver's files do not help
    refused(valid().modes("rwxr-x--x", "rw-r-----"), DnsmasqDriverBuilder::build,
        "readable by user nobody");
    refused(valid().modes("rwxr-x---", "rw-r--r--"), DnsmasqDriverBuilder::build,
        "searchable by user nobody");
  }

  @Test
  void build_modesForRoot_needNoOthersAccess() {
    try (DnsmasqDriver d = valid().user("root").modes("rwx------", "rw-------").build()) {
      assertThat(d.name()).isEqualTo("dnsmasq");
    }
  }

  @Test
  void build_stateDirectoryBelowAClosedDirectory_isRefusedNamingIt() throws IOException {
    Path closed = Files.createDirectory(base.resolve("closed"));
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));

    refused(DnsmasqDriver.builder().stateDirectory(closed.resolve("state"))
        .interfaces(id -> "tap0"), DnsmasqDriverBuilder::build, closed.toString(), "nobody");
  }

  @Test
  void numbersAndDurations_outOfRange_areRefused() {
    refused(DnsmasqDriver.builder(), b -> b.leaseCap(0), "leaseCap");
    refused(DnsmasqDriver.builder(), b -> b.leaseCap((1 << 24) + 1), "leaseCap");
    refused(DnsmasqDriver.builder(), b -> b.batchingWindow(Duration.ofMillis(-1)),
        "batchingWindow");
    refused(DnsmasqDriver.builder(), b -> b.batchingWindow(Duration.ofSeconds(11)),
        "batchingWindow");
    refused(DnsmasqDriver.builder(), b -> b.stopTimeout(Duration.ZERO), "stopTimeout");
    refused(DnsmasqDriver.builder(), b -> b.respawn(true, Duration.ZERO, Duration.ofSeconds(1)),
        "respawn");
    refused(DnsmasqDriver.builder(),
        b -> b.respawn(true, Duration.ofSeconds(2), Duration.ofSeconds(1)), "respawn max");
    refused(DnsmasqDriver.builder(), b -> b.respawn(true, null, null), "respawn");
  }

  @Test
  void name_andForwarders_mustBeValid() {
    refused(DnsmasqDriver.builder(), b -> b.name("-dnsmasq"), "name");
    refused(DnsmasqDriver.builder(), b -> b.forwarders(List.of("8.8.8.8", "8.8.8.8\n")),
        "forwarders[1]");
    refused(DnsmasqDriver.builder(), b -> b.forwarders(Arrays.asList("8.8.8.8", null)),
        "forwarders[1]");
  }

  @Test
  void everySetting_setTwice_isRefused() {
    List<Consumer<DnsmasqDriverBuilder>> settings = List.of(
        b -> b.name("a"),
        b -> b.dnsmasqBinary(Path.of("/usr/sbin/dnsmasq")),
        b -> b.dhcpReleaseBinaries(Path.of("/usr/bin/dhcp_release"),
            Path.of("/usr/bin/dhcp_release6")),
        b -> b.stateDirectory(base),
        b -> b.interfaces(id -> "tap0"),
        b -> b.commandPrefix(CommandPrefix.NONE),
        b -> b.forwarders(List.of()),
        b -> b.leaseCap(10),
        b -> b.extraConfigFile(Path.of("/dev/null")),
        b -> b.pingBeforeOffer(true),
        b -> b.dns(false),
        b -> b.batchingWindow(Duration.ZERO),
        b -> b.stopTimeout(Duration.ofSeconds(1)),
        b -> b.respawn(true, Duration.ofSeconds(1), Duration.ofSeconds(2)),
        b -> b.keepRunningOnClose(true),
        b -> b.user("nobody"),
        b -> b.modes("rwxr-xr-x", "rw-r--r--"));
    for (Consumer<DnsmasqDriverBuilder> setting : settings) {
      DnsmasqDriverBuilder b = DnsmasqDriver.builder();
      setting.accept(b);
      refused(b, setting, "already set");
    }
  }

  @Test
  void nullSettings_areRefused() {
    refused(DnsmasqDriver.builder(), b -> b.stateDirectory(null), "stateDirectory");
    refused(DnsmasqDriver.builder(), b -> b.interfaces(null), "interfaces");
    refused(DnsmasqDriver.builder(), b -> b.user(null), "user");
    refused(DnsmasqDriver.builder(), b -> b.dnsmasqBinary(null), "dnsmasqBinary");
  }
}
