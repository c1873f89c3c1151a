package io.dhcpstate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickstartTest {

  @Test
  void run_exampleNetwork_printsPortsAndRejectsEveryBadInput() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int rejected = Quickstart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(rejected).isEqualTo(3);
    assertThat(out).contains("port-web", "fa:16:3e:00:00:01", "10.0.0.10");
    assertThat(out).doesNotContain("NOT rejected");
    // The injected line break is shown escaped, never raw.
    assertThat(out).contains("evil\\ndhcp-option-force").doesNotContain("evil\ndhcp");
    assertThat(out).contains("hostname", "is already used by port port-web");
  }
}
