package io.dhcpstate.driver.dnsmasq.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.LeaseState;
import io.dhcpstate.model.MacAddress;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsing dnsmasq's lease file, and the initial file the driver writes before a first start. */
class LeaseFileTest {
  private static final String NET = "net-1";

  private static LeaseFile.Parsed parse(String content) {
    return LeaseFile.parse(NET, content);
  }

  @Test
  void parse_validLine_givesEveryField() {
    LeaseFile.Parsed p = parse("1795402821 fa:16:3e:00:00:01 10.77.0.10 host-a "
        + "01:fa:16:3e:00:00:01\n");

    assertThat(p.malformed()).isZero();
    assertThat(p.leases()).containsExactly(new Lease(NET, MacAddress.parse("fa:16:3e:00:00:01"),
        IpAddress.parse("10.77.0.10"), Optional.of("01:fa:16:3e:00:00:01"), Optional.of("host-a"),
        Optional.of(Instant.ofEpochSecond(1795402821L)), LeaseState.ACTIVE));
  }

  @Test
  void parse_starFields_areEmpty() {
    Lease l = parse("1700000000 fa:16:3e:00:00:02 10.0.0.2 * *\n").leases().get(0);

    assertThat(l.hostname()).isEmpty();
    assertThat(l.clientId()).isEmpty();
  }

  @Test
  void parse_zeroExpiry_isInfinite() {
    Lease l = parse("0 fa:16:3e:00:00:03 10.0.0.3 host-10-0-0-3 *").leases().get(0);

    assertThat(l.isInfinite()).isTrue();
    assertThat(l.expiresAt()).isEmpty();
  }

  @Test
  void parse_duidAndIpv6Lines_areSkippedNotCounted() {
    LeaseFile.Parsed p = parse("duid 00:01:00:01:2c:5e:41:9e:fa:16:3e:00:00:01\n"
        + "1700000000 1183234 fd00:a::10 six 00:01:00:01:2c:5e:41:9e:fa:16:3e:00:03:01\n"
        + "0 fa:16:3e:00:00:04 10.0.0.4 * *\n");

    assertThat(p.leases()).hasSize(1);
    assertThat(p.malformed()).isZero();
  }

  @Test
  void parse_malformedLines_areSkippedAndCounted() {
    LeaseFile.Parsed p = parse(String.join("\n",
        "0 fa:16:3e:00:00:05 10.0.0.5 * *",             // valid
        "0 fa:16:3e:00:00:06 10.0.0.6 *",                // four fields
        "0 fa:16:3e:00:00:07 10.0.0.7 * * extra",        // six fields
        "x fa:16:3e:00:00:08 10.0.0.8 * *",              // expiry not a number
        "-5 fa:16:3e:00:00:09 10.0.0.9 * *",             // negative expiry
        "99999999999999999999 fa:16:3e:00:00:0a 10.0.0.10 * *", // expiry overflows a long
        "9223372036854775807 fa:16:3e:00:00:0b 10.0.0.11 * *",  // beyond Instant
        "0 fa:16:3e:00:00 10.0.0.12 * *",                // short MAC
        "0 fa:16:3e:00:00:0d 10.0.0.256 * *",            // bad IPv4
        "0 fa:16:3e:00:00:0e 10.0.0.14 * 01:zz",         // client id not hex
        "0  fa:16:3e:00:00:0f 10.0.0.15 * *",            // double space
        "0 fa:16:3e:00:00:10 10.0.0.16 * *\r",           // CR: not dnsmasq's format
        "0 fa:16:3e:00:00:11 \uFF10.0.0.17 * *",         // fullwidth digit
        "garbage"));

    assertThat(p.leases()).extracting(Lease::ip).containsExactly(IpAddress.parse("10.0.0.5"));
    assertThat(p.malformed()).isEqualTo(13);
  }

  @Test
  void parse_clientChosenHostnameThatIsNotADnsName_isDropped() {
    Lease l = parse("0 fa:16:3e:00:00:12 10.0.0.18 bad_name! *\n").leases().get(0);

    assertThat(l.hostname()).isEmpty();
  }

  @Test
  void parse_hugeLine_isCountedWithoutTrouble() {
    String huge = "0 fa:16:3e:00:00:13 10.0.0.19 " + "h".repeat(2_000_000) + " *";

    LeaseFile.Parsed p = parse(huge + "\n0 fa:16:3e:00:00:14 10.0.0.20 * *\n");

    assertThat(p.leases()).extracting(Lease::ip).containsExactly(IpAddress.parse("10.0.0.20"));
    assertThat(p.malformed()).isEqualTo(1);
  }

  @Test
  void parse_emptyAndBlank_giveNothing() {
    assertThat(parse("")).isEqualTo(new LeaseFile.Parsed(java.util.List.of(), 0));
    assertThat(parse("\n\n   \n")).isEqualTo(new LeaseFile.Parsed(java.util.List.of(), 0));
  }

  @Test
  void parse_everyLease_belongsToTheNetwork() {
    assertThat(LeaseFile.parse("other-net", "0 fa:16:3e:00:00:15 10.0.0.21 * *").leases())
        .extracting(Lease::networkId).containsExactly("other-net");
  }

  @Test
  void initial_staticNetwork_roundTripsAsInfiniteLeases() {
    String text = LeaseFile.initial(Fixtures.v4Static());

    LeaseFile.Parsed p = parse(text);

    assertThat(p.malformed()).isZero();
    assertThat(p.leases()).allMatch(Lease::isInfinite).extracting(l -> l.ip().toString())
        .containsExactly("10.0.0.10", "10.0.0.11", "10.0.1.11", "10.0.0.12");
    assertThat(p.leases()).extracting(l -> l.hostname().orElse(""))
        .containsExactly("vm-a", "host-10-0-0-11", "host-10-0-1-11", "vm-c");
  }
}
