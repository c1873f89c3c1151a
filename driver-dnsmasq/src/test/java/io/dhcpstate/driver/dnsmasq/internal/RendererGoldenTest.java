package io.dhcpstate.driver.dnsmasq.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.driver.dnsmasq.CommandPrefix;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.spi.DhcpSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The three dnsmasq files, the command line and the initial lease file of four networks, compared
 * byte for byte with the golden files in {@code src/test/resources/golden/} (see {@link Golden}
 * for how to rewrite them), plus assertions that say what each form must look like.
 */
class RendererGoldenTest {

  private static Renderer.Files goldens(String name, NetworkSnapshot net, DhcpSettings settings) {
    Renderer.Files files = Renderer.render(net, settings);
    Golden.assertMatches(name + ".host", files.host());
    Golden.assertMatches(name + ".addn_hosts", files.addnHosts());
    Golden.assertMatches(name + ".opts", files.opts());
    Golden.assertMatches(name + ".cmdline", lines(commandLine(Fixtures.config(), net, settings)));
    Golden.assertMatches(name + ".leases", LeaseFile.initial(net));
    return files;
  }

  private static List<String> commandLine(Config config, NetworkSnapshot net,
      DhcpSettings settings) {
    String id = net.network().id();
    return CommandLine.build(config, net, settings, "tap-" + id, Fixtures.STATE.resolve(id));
  }

  private static String lines(List<String> args) {
    return String.join("\n", args) + "\n";
  }

  @Test
  void render_v4Static_matchesGolden() {
    goldens("v4-static", Fixtures.v4Static(), Fixtures.v4StaticSettings());
  }

  @Test
  void render_v4Dynamic_matchesGolden() {
    goldens("v4-dynamic", Fixtures.v4Dynamic(), Fixtures.v4DynamicSettings());
  }

  @Test
  void render_v6_matchesGolden() {
    goldens("v6", Fixtures.v6(), Fixtures.v6Settings());
  }

  @Test
  void render_dualStack_matchesGolden() {
    goldens("dual", Fixtures.dual(), Fixtures.dualSettings());
  }

  @Test
  void commandLine_everyBuilderSetting_matchesGolden() {
    Config config = Fixtures.config(CommandPrefix.netns(id -> "qdhcp-" + id),
        List.of(IpAddress.parse("192.0.2.53"), IpAddress.parse("2001:db8::53")), 100,
        Optional.of(Path.of("/etc/dhcpstate/extra.conf")), true, false, "dnsmasq");

    List<String> args = commandLine(config, Fixtures.v4Static(), Fixtures.v4StaticSettings());

    Golden.assertMatches("options.cmdline", lines(args));
    assertThat(args.subList(0, 4)).containsExactly("ip", "netns", "exec", "qdhcp-net-1");
    assertThat(args).contains("--server=192.0.2.53", "--server=2001:db8::53",
        "--conf-file=/etc/dhcpstate/extra.conf", "--port=0", "--user=dnsmasq",
        "--dhcp-lease-max=100").doesNotContain("--no-ping", "--conf-file=/dev/null");
  }

  @Test
  void commandLine_defaults_areNeutronsFlags() {
    List<String> args = commandLine(Fixtures.config(), Fixtures.v4Static(),
        Fixtures.v4StaticSettings());

    assertThat(args.get(0)).isEqualTo("/usr/sbin/dnsmasq");
    assertThat(args).contains("--no-hosts", "--no-resolv", "--keep-in-foreground",
        "--pid-file=/var/lib/dhcpstate/net-1/pid",
        "--dhcp-hostsfile=/var/lib/dhcpstate/net-1/host",
        "--addn-hosts=/var/lib/dhcpstate/net-1/addn_hosts",
        "--dhcp-optsfile=/var/lib/dhcpstate/net-1/opts",
        "--dhcp-leasefile=/var/lib/dhcpstate/net-1/leases",
        "--log-facility=/var/lib/dhcpstate/net-1/log", "--dhcp-match=set:ipxe,175",
        "--dhcp-userclass=set:ipxe6,iPXE", "--local-service", "--bind-dynamic",
        "--interface=tap-net-1", "--except-interface=lo",
        "--dhcp-range=set:subnet-s1,10.0.0.0,static,255.255.255.0,86400s",
        "--dhcp-range=set:subnet-s2,10.0.1.0,static,255.255.255.0,86400s",
        "--dhcp-option-force=option:mtu,1450", "--dhcp-lease-max=512",
        "--conf-file=/dev/null", "--domain=example.org", "--no-ping", "--user=nobody")
        .doesNotContain("--port=0").noneMatch(a -> a.startsWith("--server="))
        .noneMatch(a -> a.contains("subnet-s3")); // DHCP off: no range
  }

  @Test
  void render_v4Static_hostFileFormsAndExclusions() {
    Renderer.Files f = Renderer.render(Fixtures.v4Static(), Fixtures.v4StaticSettings());

    assertThat(f.host().lines()).containsExactly(
        "fa:16:3e:00:00:0a,vm-a.example.org,10.0.0.10",
        "fa:16:3e:00:00:0b,id:01:fa:16:3e:00:00:0b,host-10-0-0-11.example.org,10.0.0.11,"
            + "set:port-p-b",
        "fa:16:3e:00:00:0b,id:01:fa:16:3e:00:00:0b,host-10-0-1-11.example.org,10.0.1.11,"
            + "set:port-p-b",
        "fa:16:3e:00:00:0c,id:ff:00:00:00:0c,vm-c.example.org,10.0.0.12");
    assertThat(f.addnHosts().lines()).containsExactly(
        "10.0.0.10\tvm-a.example.org vm-a",
        "10.0.0.11\thost-10-0-0-11.example.org host-10-0-0-11",
        "10.0.1.11\thost-10-0-1-11.example.org host-10-0-1-11",
        "10.0.0.12\tvm-c.example.org vm-c");
    // the DHCP port, the admin-down port and the port on the non-DHCP subnet get no entry
    assertThat(f.host() + f.addnHosts()).doesNotContain("00:00:02", "00:00:0d", "00:00:0e",
        "10.0.0.2\t", "10.0.0.13", "10.0.2.10");
  }

  @Test
  void render_v4Static_subnetOptionForms() {
    List<String> opts = Renderer.render(Fixtures.v4Static(), Fixtures.v4StaticSettings()).opts()
        .lines().toList();

    assertThat(opts).contains(
        "tag:subnet-s1,option:router,10.0.0.1",
        "tag:subnet-s1,option:dns-server,10.0.0.2,8.8.8.8",
        "tag:subnet-s1,option:classless-static-route,192.168.0.0/16,10.0.0.254,"
            + "10.0.1.0/24,0.0.0.0,10.0.2.0/24,0.0.0.0,169.254.169.254/32,10.0.0.2,"
            + "0.0.0.0/0,10.0.0.1",
        "tag:subnet-s1,249,192.168.0.0/16,10.0.0.254,10.0.1.0/24,0.0.0.0,10.0.2.0/24,0.0.0.0,"
            + "169.254.169.254/32,10.0.0.2,0.0.0.0/0,10.0.0.1",
        "tag:subnet-s1,option:T2,75600",
        "tag:subnet-s1,option:ntp-server,10.0.0.5",
        "tag:subnet-s1,option:T1,40000",
        "tag:subnet-s1,tag:ipxe,option:domain-search,boot.example.org",
        // no gateway: an empty router; DNS 0.0.0.0: an empty DNS option; no default route
        "tag:subnet-s2,option:router",
        "tag:subnet-s2,option:dns-server",
        "tag:subnet-s2,option:classless-static-route,10.0.0.0/24,0.0.0.0,10.0.2.0/24,0.0.0.0,"
            + "169.254.169.254/32,10.0.1.2");
    assertThat(opts).as("a global T1 replaces the derived one").doesNotContain(
        "tag:subnet-s1,option:T1,43200");
    assertThat(opts).as("no options for a subnet without DHCP")
        .noneMatch(l -> l.startsWith("tag:subnet-s3"));
  }

  @Test
  void render_v4Static_portOptionForms() {
    List<String> opts = Renderer.render(Fixtures.v4Static(), Fixtures.v4StaticSettings()).opts()
        .lines().filter(l -> l.startsWith("tag:port-")).toList();

    assertThat(opts).containsExactly(
        "tag:port-p-b,tag:ipxe,option:bootfile-name,http://10.0.0.2/boot.ipxe",
        "tag:port-p-b,tag:!ipxe,option:bootfile-name,undionly.kpxe",
        "tag:port-p-b,option:server-ip-address,10.0.0.2",
        "tag:port-p-b,option:tftp-server-address,10.0.0.2",
        "tag:port-p-b,option:mtu,9000",
        "tag:port-p-b,224,opaque-value");
  }

  @Test
  void render_v4Dynamic_noDomainAndGatewayMetadata() {
    NetworkSnapshot net = Fixtures.v4Dynamic();
    Renderer.Files f = Renderer.render(net, Fixtures.v4DynamicSettings());

    assertThat(f.host()).isEqualTo("fa:16:3e:00:01:01,host-10-1-0-10,10.1.0.10\n"
        + "fa:16:3e:00:01:02,db,10.1.0.11\n");
    assertThat(f.addnHosts()).isEqualTo("10.1.0.10\thost-10-1-0-10\n10.1.0.11\tdb\n");
    assertThat(f.opts()).contains("tag:subnet-d1,option:classless-static-route,"
        + "169.254.169.254/32,10.1.0.1,0.0.0.0/0,10.1.0.1\n");
    assertThat(commandLine(Fixtures.config(), net, Fixtures.v4DynamicSettings())).contains(
        "--dhcp-range=set:subnet-d1,10.1.0.100,10.1.0.150,255.255.255.0,infinite",
        "--dhcp-range=set:subnet-d1,10.1.0.200,10.1.0.220,255.255.255.0,infinite")
        .noneMatch(a -> a.startsWith("--domain"));
  }

  @Test
  void render_v6_everyAddressMode() {
    Renderer.Files f = Renderer.render(Fixtures.v6(), Fixtures.v6Settings());

    assertThat(f.host().lines()).containsExactly(
        "fa:16:3e:00:03:01,tag:dhcpv6,six.v6.example,[fd00:a::10],set:port-r1",
        "fa:16:3e:00:03:01,tag:dhcpv6,set:port-r1",
        "fa:16:3e:00:03:03,tag:dhcpv6,set:port-r3",
        "fa:16:3e:00:03:04,tag:dhcpv6,host-fd00-a--40.v6.example,[fd00:a::40]");
    assertThat(f.opts().lines()).containsExactly(
        "tag:subnet-a-stateful,option6:dns-server,[fd00:a::53],[fd00:a::54]",
        "tag:subnet-a-stateful,option6:domain-search,v6.example",
        "tag:subnet-a-stateful,option6:sntp-server,[fd00::123]",
        "tag:subnet-b-stateless,option6:dns-server",
        "tag:subnet-b-stateless,option6:domain-search,v6.example",
        "tag:subnet-b-stateless,option6:sntp-server,[fd00::123]",
        "tag:port-r1,tag:ipxe6,option6:bootfile-url,http://[fd00:a::2]/boot.ipxe",
        "tag:port-r1,option6:dns-server,[fd00:a::99],[fd00:a::98]",
        "tag:port-r3,option6:sntp-server,[fd00:b::123]");
    assertThat(commandLine(Fixtures.config(), Fixtures.v6(), Fixtures.v6Settings())
        .stream().filter(a -> a.startsWith("--dhcp-range")).toList()).containsExactly(
        "--dhcp-range=set:subnet-a-stateful,fd00:a::,static,64,3600s",
        "--dhcp-range=set:subnet-b-stateless,fd00:b::,static,64,3600s");
    assertThat(LeaseFile.initial(Fixtures.v6())).isEmpty();
  }

  @Test
  void render_dualStack_optionsOnlyForTheVersionsAPortHas() {
    NetworkSnapshot net = Fixtures.dual();
    Renderer.Files f = Renderer.render(net, Fixtures.dualSettings());

    assertThat(f.opts()).contains("tag:port-m1,option:domain-name,m1.example\n",
        "tag:port-m1,option6:domain-search,m1.example\n")
        .doesNotContain("m2.example", "m3.example");
    assertThat(f.host()).contains("fa:16:3e:00:04:02,tag:dhcpv6,host-fd00-4--20.dual.example,"
        + "[fd00:4::20]\n", "fa:16:3e:00:04:03,host-10-4-0-30.dual.example,10.4.0.30\n")
        .doesNotContain("set:port-m2", "set:port-m3");
    assertThat(commandLine(Fixtures.config(), net, Fixtures.dualSettings()))
        .as("an IPv6 /64 next to an IPv4 subnet must not overflow the lease cap")
        .contains("--dhcp-lease-max=16777216", "--domain=dual.example",
            "--dhcp-option-force=option:mtu,9000");
  }

  @Test
  void render_sameNetworkTwice_isDeterministic() {
    assertThat(Renderer.render(Fixtures.v4Static(), Fixtures.v4StaticSettings()))
        .isEqualTo(Renderer.render(Fixtures.v4Static(), Fixtures.v4StaticSettings()));
  }
}
