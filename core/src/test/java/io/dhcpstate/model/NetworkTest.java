package io.dhcpstate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkTest {

  private static Network network(String id, String name, int mtu, Optional<String> domain,
      long revision) {
    return new Network(id, name, true, mtu, domain, revision);
  }

  /** Asserts the call is rejected for the field, with a message naming the id and field. */
  private static Violation rejected(ThrowingCallable call, String id, String field) {
    InvalidResourceException e = catchThrowableOfType(call, InvalidResourceException.class);
    assertThat(e).as("expected an InvalidResourceException").isNotNull();
    Violation v = e.violation();
    assertThat(v.resource()).isEqualTo("network");
    assertThat(v.field()).isEqualTo(field);
    assertThat(e.getMessage()).contains("network").contains(field);
    if (id != null) {
      assertThat(e.getMessage()).contains("'" + id + "'");
    }
    assertThat(e.getMessage().chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
    return v;
  }

  @Test
  void constructor_validFields_kept() {
    Network n = new Network("net-1", "Tenant net", false, 9000, Optional.of("example.org"), 7);

    assertThat(n.id()).isEqualTo("net-1");
    assertThat(n.name()).isEqualTo("Tenant net");
    assertThat(n.adminStateUp()).isFalse();
    assertThat(n.mtu()).isEqualTo(9000);
    assertThat(n.dnsDomain()).contains("example.org");
    assertThat(n.revision()).isEqualTo(7);
  }

  @Test
  void of_id_defaults() {
    Network n = Network.of("n1");

    assertThat(n.adminStateUp()).isTrue();
    assertThat(n.mtu()).isEqualTo(Network.DEFAULT_MTU).isEqualTo(1500);
    assertThat(n.name()).isEmpty();
    assertThat(n.dnsDomain()).isEmpty();
    assertThat(n.revision()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "0", "n", "net.1", "net_1", "NET-1",
      "4f9a1c2e-8b1d-4c5e-9f00-1a2b3c4d5e6f"})
  void constructor_validId_accepted(String id) {
    assertThat(Network.of(id).id()).isEqualTo(id);
  }

  @Test
  void constructor_sixtyFourCharacterId_accepted() {
    assertThat(Network.of("n".repeat(64)).id()).hasSize(64);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "-x", "_x", ".x", "a b", "a/b", "a\nb", "ü", "a:b", "a*"})
  void constructor_invalidId_rejectedOnId(String id) {
    Violation v = rejected(() -> Network.of(id), null, "id");

    assertThat(v.reason()).isNotEmpty();
  }

  @Test
  void constructor_sixtyFiveCharacterId_rejected() {
    rejected(() -> Network.of("n".repeat(65)), null, "id");
  }

  @Test
  void constructor_nullId_rejected() {
    rejected(() -> Network.of(null), null, "id");
  }

  @Test
  void constructor_idWithControlCharacters_escapedInMessage() {
    InvalidResourceException e = catchThrowableOfType(
        () -> Network.of("bad\u001b[1mid\r"), InvalidResourceException.class);

    assertThat(e.getMessage()).contains("bad\\u001b[1mid\\r");
    assertThat(e.getMessage()).doesNotContain("\u001b").doesNotContain("\r");
  }

  @Test
  void constructor_nameAt255_accepted256_rejected() {
    assertThat(network("n1", "x".repeat(255), 1500, Optional.empty(), 0).name()).hasSize(255);

    rejected(() -> network("n1", "x".repeat(256), 1500, Optional.empty(), 0), "n1", "name");
  }

  @Test
  void constructor_unicodeName_accepted() {
    assertThat(network("n1", "Réseau Zürich 東京", 1500, Optional.empty(), 0).name())
        .isEqualTo("Réseau Zürich 東京");
  }

  @ParameterizedTest
  @ValueSource(strings = {"line\nbreak", "tab\there", "nul\u0000", "bidi\u202e", "del\u007f"})
  void constructor_nameWithControlCharacter_rejectedAndEscaped(String name) {
    rejected(() -> network("n1", name, 1500, Optional.empty(), 0), "n1", "name");
  }

  @Test
  void constructor_nullName_rejected() {
    rejected(() -> network("n1", null, 1500, Optional.empty(), 0), "n1", "name");
  }

  @ParameterizedTest
  @ValueSource(ints = {68, 576, 1500, 9000, 65535})
  void constructor_mtuInRange_accepted(int mtu) {
    assertThat(network("n1", "", mtu, Optional.empty(), 0).mtu()).isEqualTo(mtu);
  }

  @ParameterizedTest
  @ValueSource(ints = {67, 0, -1, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void constructor_mtuOutOfRange_rejected(int mtu) {
    Violation v = rejected(() -> network("n1", "", mtu, Optional.empty(), 0), "n1", "mtu");

    assertThat(v.value()).isEqualTo(Integer.toString(mtu));
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.org", "example.org.", "cloud", "a-b.c-d.e"})
  void constructor_validDnsDomain_accepted(String domain) {
    assertThat(network("n1", "", 1500, Optional.of(domain), 0).dnsDomain()).contains(domain);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "bad_domain", "-a.org", "a-.org", "a..org", "a b.org",
      "exa\nmple.org"})
  void constructor_invalidDnsDomain_rejected(String domain) {
    rejected(() -> network("n1", "", 1500, Optional.of(domain), 0), "n1", "dnsDomain");
  }

  @Test
  void constructor_nullDnsDomainOptional_rejected() {
    rejected(() -> network("n1", "", 1500, null, 0), "n1", "dnsDomain");
  }

  @Test
  void constructor_negativeRevision_rejected() {
    rejected(() -> network("n1", "", 1500, Optional.empty(), -1), "n1", "revision");
  }

  @Test
  void constructor_maxRevision_accepted() {
    assertThat(network("n1", "", 1500, Optional.empty(), Long.MAX_VALUE).revision())
        .isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void withRevision_newRevision_onlyRevisionChanges() {
    Network n = new Network("n1", "x", false, 1400, Optional.of("example.org"), 3);

    Network next = n.withRevision(4);

    assertThat(next).isEqualTo(new Network("n1", "x", false, 1400, Optional.of("example.org"), 4));
    assertThat(n.revision()).isEqualTo(3);
  }

  @Test
  void withRevision_negative_rejected() {
    rejected(() -> Network.of("n1").withRevision(-5), "n1", "revision");
  }

  @Test
  void equals_sameFields_equal() {
    assertThat(Network.of("n1")).isEqualTo(Network.of("n1")).isNotEqualTo(Network.of("n2"));
  }
}
