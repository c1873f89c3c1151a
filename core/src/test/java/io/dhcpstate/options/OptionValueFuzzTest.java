package io.dhcpstate.options;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.IpVersion;
import java.util.Locale;

/**
 * Coverage-guided fuzzing of option names and values. The default test run replays the stored
 * inputs only; to fuzz, run {@code JAZZER_FUZZ=1 mvn -pl core test -Dtest=OptionValueFuzzTest}.
 */
class OptionValueFuzzTest {
  /**
   * Every character a reason may hold. A value with another character cannot appear in a
   * reason by coincidence, so if it does, it leaked. (The message's id is the name, shown.)
   */
  private static final String REASON_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:'()+_-#!";

  @FuzzTest(maxDuration = "60s")
  void of_fuzzedNameAndValue_rejectedCleanlyOrSafe(FuzzedDataProvider data) {
    IpVersion version = data.consumeBoolean() ? IpVersion.V4 : IpVersion.V6;
    String name = data.consumeString(40);
    String value = data.consumeRemainingAsString();
    ExtraDhcpOption option;
    try {
      option = ExtraDhcpOption.of(name, value, version);
    } catch (InvalidResourceException e) {
      if (e.violation().field().equals("value")) {
        assertThat(e.violation().value()).isEqualTo("<hidden>");
        if (value.chars().anyMatch(c -> REASON_CHARS.indexOf(c) < 0)) {
          assertThat(e.violation().reason()).doesNotContain(value);
        }
      }
      return;
    }
    String accepted = option.value();
    for (int i = 0; i < accepted.length(); i++) {
      char c = accepted.charAt(i);
      assertThat(c >= 0x20 && c <= 0x7e && c != '"' && c != '\'' && c != '\\')
          .as("character %d of an accepted value", i).isTrue();
    }
    assertThat(accepted.toLowerCase(Locale.ROOT)).doesNotContain("tag:").doesNotContain("set:");
    if (!option.option().type().isList()) {
      assertThat(accepted).doesNotContain(",");
    }
    assertThat(ExtraDhcpOption.of(option.name(), accepted, version)).isEqualTo(option);
  }
}
