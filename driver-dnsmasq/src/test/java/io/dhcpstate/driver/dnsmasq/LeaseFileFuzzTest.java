package io.dhcpstate.driver.dnsmasq;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dhcpstate.driver.dnsmasq.internal.LeaseFile;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.Lease;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the lease-file parser, which reads what dnsmasq (and, through
 * client-chosen host names, clients) wrote. The default test run replays the inputs in
 * {@code src/test/resources/io/dhcpstate/driver/dnsmasq/LeaseFileFuzzTestInputs/}; to fuzz, run
 * {@code JAZZER_FUZZ=1 mvn -pl driver-dnsmasq test -Dtest=LeaseFileFuzzTest} (new findings land
 * in that directory).
 */
class LeaseFileFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void parse_anyBytes_neverThrowsAndKeepsOnlyValidLeases(byte[] data) {
    // the driver reads the file as ISO-8859-1; UTF-8 exercises characters beyond it
    check(new String(data, StandardCharsets.ISO_8859_1));
    check(new String(data, StandardCharsets.UTF_8));
  }

  private static void check(String content) {
    LeaseFile.Parsed parsed = LeaseFile.parse("net-fuzz", content);

    long lines = content.isEmpty() ? 0 : content.split("\n", -1).length;
    assertThat(parsed.malformed()).isNotNegative();
    assertThat(parsed.leases().size() + (long) parsed.malformed()).isLessThanOrEqualTo(lines);
    for (Lease l : parsed.leases()) {
      // every lease passes the model's own validation again, unchanged
      assertThat(new Lease(l.networkId(), l.mac(), l.ip(), l.clientId(), l.hostname(),
          l.expiresAt(), l.state())).isEqualTo(l);
      assertThat(l.networkId()).isEqualTo("net-fuzz");
      assertThat(l.ip().version()).isEqualTo(IpVersion.V4);
      assertThat(l.mac().toString()).matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    }
  }
}
