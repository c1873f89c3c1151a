package io.dhcpstate.driver.dnsmasq.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden/}, compared byte for byte. To rewrite them
 * after an intended change, run the renderer tests with {@code -Dgolden.update=true}, for example
 * {@code mvn -pl driver-dnsmasq test -Dtest=RendererGoldenTest -Dgolden.update=true}, and review
 * the diff before keeping it.
 */
final class Golden {
  private static final Path DIR = Path.of(System.getProperty("basedir", "."))
      .resolve("src/test/resources/golden");

  private Golden() {}

  /** Checks {@code actual} against the golden file {@code name}, or rewrites it on request. */
  static void assertMatches(String name, String actual) {
    Path file = DIR.resolve(name);
    byte[] bytes = actual.getBytes(StandardCharsets.UTF_8);
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(DIR);
        Files.write(file, bytes);
        return;
      }
      assertThat(file).as("golden file %s (create it with -Dgolden.update=true)", file).exists();
      byte[] expected = Files.readAllBytes(file);
      assertThat(new String(bytes, StandardCharsets.UTF_8)).as("rendered %s", name)
          .isEqualTo(new String(expected, StandardCharsets.UTF_8));
      assertThat(bytes).as("bytes of %s", name).isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
