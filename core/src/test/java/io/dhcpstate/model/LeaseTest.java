package io.dhcpstate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import java.time.Instant;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LeaseTest {
  private static final MacAddress MAC = MacAddress.parse("fa:16:3e:00:00:01");
  private static final IpAddress IP = IpAddress.parse("10.0.0.5");
  private static final Instant T = Instant.parse("2024-05-01T12:00:00Z");

  private static Lease lease(String networkId, Optional<String> clientId,
      Optional<String> hostname) {
    return new Lease(networkId, MAC, IP, clientId, hostname, Optional.of(T), LeaseState.ACTIVE);
  }

  private static Violation rejected(ThrowingCallable call, String networkId, String field) {
    InvalidResourceException e = catchThrowableOfType(call, InvalidResourceException.class);
    assertThat(e).as("expected an InvalidResourceException").isNotNull();
    assertThat(e.violation().resource()).isEqualTo("lease");
    assertThat(e.violation().field()).isEqualTo(field);
    assertThat(e.getMessage()).contains("lease").contains(field);
    if (networkId != null) {
      assertThat(e.getMessage()).contains("'" + networkId + "'");
    }
    assertThat(e.getMessage().chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
    return e.violation();
  }

  @Test
  void constructor_allFields_kept() {
    Lease l = new Lease("n1", MAC, IP, Optional.of("01:fa:16:3e:00:00:01"), Optional.of("vm-1"),
        Optional.of(T), LeaseState.DECLINED);

    assertThat(l.networkId()).isEqualTo("n1");
    assertThat(l.mac()).isEqualTo(MAC);
    assertThat(l.ip()).isEqualTo(IP);
    assertThat(l.clientId()).contains("01:fa:16:3e:00:00:01");
    assertThat(l.hostname()).contains("vm-1");
    assertThat(l.expiresAt()).contains(T);
    assertThat(l.state()).isEqualTo(LeaseState.DECLINED);
    assertThat(l.isInfinite()).isFalse();
  }

  @Test
  void isInfinite_noExpiry_true() {
    Lease l = new Lease("n1", MAC, IpAddress.parse("2001:db8::5"), Optional.empty(),
        Optional.empty(), Optional.empty(), LeaseState.ACTIVE);

    assertThat(l.isInfinite()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "..", "-n", "n 1", "n\n1"})
  void constructor_invalidNetworkId_rejected(String networkId) {
    rejected(() -> lease(networkId, Optional.empty(), Optional.empty()), null, "networkId");
  }

  @Test
  void constructor_nullMacIpOrState_rejected() {
    rejected(() -> new Lease("n1", null, IP, Optional.empty(), Optional.empty(), Optional.empty(),
        LeaseState.ACTIVE), "n1", "mac");
    rejected(() -> new Lease("n1", MAC, null, Optional.empty(), Optional.empty(), Optional.empty(),
        LeaseState.ACTIVE), "n1", "ip");
    rejected(() -> new Lease("n1", MAC, IP, Optional.empty(), Optional.empty(), Optional.empty(),
        null), "n1", "state");
  }

  @Test
  void constructor_nullOptionals_rejected() {
    rejected(() -> lease("n1", null, Optional.empty()), "n1", "clientId");
    rejected(() -> lease("n1", Optional.empty(), null), "n1", "hostname");
    rejected(() -> new Lease("n1", MAC, IP, Optional.empty(), Optional.empty(), null,
        LeaseState.ACTIVE), "n1", "expiresAt");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ff", "01:fa:16:3e:00:00:01", "00:01:00:01:2a:3b:4c:5d:fa:16:3e:00:00:01",
      "AB:cd"})
  void constructor_validClientId_accepted(String clientId) {
    assertThat(lease("n1", Optional.of(clientId), Optional.empty()).clientId()).contains(clientId);
  }

  @Test
  void constructor_clientIdOf255Octets_accepted256Rejected() {
    String octets255 = "ab:".repeat(254) + "ab";
    assertThat(lease("n1", Optional.of(octets255), Optional.empty()).clientId()).isPresent();

    rejected(() -> lease("n1", Optional.of(octets255 + ":ab"), Optional.empty()), "n1",
        "clientId");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1", "01:", ":01", "01:fa:", "0g", "01-fa", "01:fa:1", "01::fa",
      "01 fa", "01:fa\n"})
  void constructor_malformedClientId_rejected(String clientId) {
    rejected(() -> lease("n1", Optional.of(clientId), Optional.empty()), "n1", "clientId");
  }

  @Test
  void constructor_nonAsciiHexDigitsInClientId_rejected() {
    rejected(() -> lease("n1", Optional.of("\uff10\uff11"), Optional.empty()), "n1", "clientId");
    rejected(() -> lease("n1", Optional.of("\u0661\u0662"), Optional.empty()), "n1", "clientId");
  }

  @ParameterizedTest
  @ValueSource(strings = {"vm", "vm-1.example.org"})
  void constructor_validHostname_accepted(String hostname) {
    assertThat(lease("n1", Optional.empty(), Optional.of(hostname)).hostname()).contains(hostname);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "bad_host", "-vm", "vm-", "a..b", "vm\u0000", "vm name"})
  void constructor_invalidHostname_rejected(String hostname) {
    rejected(() -> lease("n1", Optional.empty(), Optional.of(hostname)), "n1", "hostname");
  }

  @Test
  void constructor_everyState_accepted() {
    for (LeaseState state : LeaseState.values()) {
      assertThat(new Lease("n1", MAC, IP, Optional.empty(), Optional.empty(), Optional.of(T),
          state).state()).isEqualTo(state);
    }
  }
}
