package io.dhcpstate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksTest {

  private static Violation violation(ThrowingCallable call) {
    InvalidResourceException e = catchThrowableOfType(call, InvalidResourceException.class);
    assertThat(e).as("expected an InvalidResourceException").isNotNull();
    return e.violation();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "Z", "0", "net-1", "a.b_c-d", "9..", "A-", "x_"})
  void idProblem_validIdentifier_null(String id) {
    assertThat(Checks.idProblem(id)).isNull();
  }

  @Test
  void idProblem_sixtyFourCharacters_null() {
    assertThat(Checks.idProblem("a".repeat(64))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "-x", "_x", ".hidden", "a b", "a/b", "a\\b", "a:b",
      "a\nb", "é", "a\u0000", "ａ", "a,b", "a;b", "a$b"})
  void idProblem_invalidIdentifier_problem(String id) {
    assertThat(Checks.idProblem(id)).isNotNull();
  }

  @Test
  void idProblem_sixtyFiveCharacters_problem() {
    assertThat(Checks.idProblem("a".repeat(65))).contains("64");
  }

  @Test
  void idProblem_null_missing() {
    assertThat(Checks.idProblem(null)).isEqualTo("is missing");
  }

  @Test
  void id_invalid_violationNamesResourceOwnerAndField() {
    Violation v = violation(() -> Checks.id("subnet", "s1", "networkId", "-net"));

    assertThat(v.resource()).isEqualTo("subnet");
    assertThat(v.id()).isEqualTo("s1");
    assertThat(v.field()).isEqualTo("networkId");
    assertThat(v.value()).isEqualTo("-net");
  }

  @Test
  void id_controlCharacter_escapedInMessage() {
    InvalidResourceException e = catchThrowableOfType(
        () -> Checks.id("port", "p\u001b", "id", "p\u001b"), InvalidResourceException.class);

    assertThat(e.getMessage()).contains("p\\u001b").doesNotContain("\u001b");
  }

  @Test
  void id_valid_returnsValue() {
    assertThat(Checks.id("port", "p1", "id", "p1")).isEqualTo("p1");
  }

  @Test
  void present_null_missing() {
    Violation v = violation(() -> Checks.present("port", "p1", "mac", null));

    assertThat(v.field()).isEqualTo("mac");
    assertThat(v.reason()).isEqualTo("is missing");
  }

  @Test
  void present_value_returned() {
    Object o = new Object();

    assertThat(Checks.present("port", "p1", "mac", o)).isSameAs(o);
  }

  @Test
  void list_nullList_missing() {
    Violation v = violation(() -> Checks.list("subnet", "s1", "hostRoutes", null, 3));

    assertThat(v.field()).isEqualTo("hostRoutes");
  }

  @Test
  void list_tooLong_rejected() {
    Violation v = violation(() -> Checks.list("subnet", "s1", "dns", List.of(1, 2, 3, 4), 3));

    assertThat(v.field()).isEqualTo("dns");
    assertThat(v.reason()).contains("3");
  }

  @Test
  void list_atMax_accepted() {
    assertThat(Checks.list("subnet", "s1", "dns", List.of(1, 2, 3), 3)).containsExactly(1, 2, 3);
  }

  @Test
  void list_nullElement_indexedField() {
    Violation v = violation(() -> Checks.list("subnet", "s1", "dns", Arrays.asList(1, null), 3));

    assertThat(v.field()).isEqualTo("dns[1]");
  }

  @Test
  void list_laterChangeToSource_copyUnaffectedAndImmutable() {
    List<String> source = new ArrayList<>(List.of("a"));

    List<String> copy = Checks.list("port", "p1", "f", source, 5);
    source.add("b");

    assertThat(copy).containsExactly("a");
    assertThatThrownBy(() -> copy.add("c")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void optional_nullOptional_missing() {
    Violation v = violation(() -> Checks.optional("network", "n1", "dnsDomain", null));

    assertThat(v.field()).isEqualTo("dnsDomain");
  }

  @Test
  void optional_empty_returned() {
    assertThat(Checks.optional("network", "n1", "dnsDomain", Optional.empty())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "host", "host-1", "1host", "123", "a.b.c", "example.org.",
      "Mixed-Case.Example", "xn--bcher-kva.example"})
  void dnsNameProblem_valid_null(String name) {
    assertThat(Checks.dnsNameProblem(name)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "-a", "a-", "a.-b", "a.b-", "a..b", ".a", "a_b",
      "a b", "é.example", "a.b..", "host\n", "a/b", "*.example"})
  void dnsNameProblem_invalid_problem(String name) {
    assertThat(Checks.dnsNameProblem(name)).isNotNull();
  }

  @Test
  void dnsNameProblem_labelOf63_accepted64_rejected() {
    assertThat(Checks.dnsNameProblem("a".repeat(63) + ".org")).isNull();
    assertThat(Checks.dnsNameProblem("a".repeat(64) + ".org")).isNotNull();
  }

  @Test
  void dnsNameProblem_253Characters_accepted254_rejected() {
    String label = "a".repeat(63);
    String name253 = label + "." + label + "." + label + "." + "a".repeat(61);
    assertThat(name253).hasSize(253);

    assertThat(Checks.dnsNameProblem(name253)).isNull();
    assertThat(Checks.dnsNameProblem(name253 + ".")).isNull();
    assertThat(Checks.dnsNameProblem(name253 + "a")).isNotNull();
  }

  @Test
  void dnsName_invalid_violationWithField() {
    Violation v = violation(() -> Checks.dnsName("port", "p1", "hostname", "bad_host"));

    assertThat(v.field()).isEqualTo("hostname");
    assertThat(v.id()).isEqualTo("p1");
  }

  @Test
  void text_plainAndUnicode_accepted() {
    assertThat(Checks.text("network", "n1", "name", "Réseau 1 — 東京 \ud83d\ude00", 255))
        .isEqualTo("Réseau 1 — 東京 \ud83d\ude00");
  }

  @Test
  void text_tooLong_rejected() {
    assertThat(Checks.text("network", "n1", "name", "x".repeat(10), 10)).hasSize(10);

    Violation v = violation(() -> Checks.text("network", "n1", "name", "x".repeat(11), 10));

    assertThat(v.field()).isEqualTo("name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\nb", "a\tb", "\u0000", "a\u007f", "a\u0085", "a\u202eb", "a\u200bb",
      "a\u2028", "a\u2029", "\ud83d", "\ude00x", "x\ude00\ud83d"})
  void text_controlFormatOrUnpairedSurrogate_rejectedAndEscaped(String value) {
    InvalidResourceException e = catchThrowableOfType(
        () -> Checks.text("network", "n1", "name", value, 255), InvalidResourceException.class);

    assertThat(e).isNotNull();
    assertThat(e.violation().field()).isEqualTo("name");
    assertThat(e.getMessage().chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
  }

  @Test
  void text_null_missing() {
    assertThat(violation(() -> Checks.text("network", "n1", "name", null, 5)).reason())
        .isEqualTo("is missing");
  }

  @Test
  void range_bounds_inclusive() {
    assertThat(Checks.range("network", "n1", "mtu", 68, 68, 65535)).isEqualTo(68);
    assertThat(Checks.range("network", "n1", "mtu", 65535, 68, 65535)).isEqualTo(65535);

    assertThat(violation(() -> Checks.range("network", "n1", "mtu", 67, 68, 65535)).value())
        .isEqualTo("67");
    assertThat(violation(() -> Checks.range("network", "n1", "mtu", 65536, 68, 65535)).field())
        .isEqualTo("mtu");
  }

  @Test
  void fail_always_throwsWithViolation() {
    Violation v = violation(() -> Checks.fail("lease", "n1", "clientId", "zz", "bad"));

    assertThat(v).isEqualTo(Violation.of("lease", "n1", "clientId", "zz", "bad"));
  }

  @Test
  void notNull_null_throwsNullPointerExceptionNamingIt() {
    assertThatThrownBy(() -> Checks.notNull(null, "thing"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("thing");
  }
}
