package io.dhcpstate.driver.inmemory.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ISC dhclient run in a namespace with its own configuration (requesting the routes of option
 * 121, the MTU and DNS), a lease file and {@code -sf /bin/true}, so it changes nothing on the
 * interface. It runs until its lease file holds the lease looked for, then the process this
 * helper started is stopped. Run again with the same lease file, it starts in INIT-REBOOT with
 * the address it had, as after a reboot. Every run is bounded by {@code timeout}.
 */
final class Dhclient {
  private static final String CONFIG = String.join("\n",
      "# dhclient configuration of the dhcpstate lab tests",
      "option rfc3442-classless-static-routes code 121 = array of unsigned integer 8;",
      "request subnet-mask, broadcast-address, routers, domain-name, domain-name-servers,",
      "        host-name, interface-mtu, rfc3442-classless-static-routes;",
      "timeout 30;",
      "retry 5;",
      "initial-interval 1;",
      "backoff-cutoff 2;",
      "");
  private static final Pattern LEASE = Pattern.compile("lease \\{(.*?)\\n}", Pattern.DOTALL);
  private static final Pattern FIXED = Pattern.compile("^\\s*fixed-address ([0-9.]+);",
      Pattern.MULTILINE);
  private static final Pattern OPTION = Pattern.compile("^\\s*option ([a-z0-9-]+) (.*);$",
      Pattern.MULTILINE);

  private Dhclient() {}

  /**
   * One lease from the lease file: its address and its options as dhclient wrote them.
   *
   * @param address the {@code fixed-address}
   * @param options option name to value, such as {@code routers} to {@code 10.77.0.254}
   */
  record Lease(String address, Map<String, String> options) {}

  /**
   * Runs dhclient until the lease file's newest lease has {@code expected}, or {@code limit}
   * passes.
   *
   * @param ns the client namespace
   * @param iface the client interface
   * @param dir the directory of the configuration, lease and pid files (kept between runs)
   * @param expected the address to wait for
   * @param limit the most time to wait
   * @return the newest lease in the file when it stopped, or empty if it has none
   */
  static Optional<Lease> obtain(Netns ns, String iface, Path dir, String expected,
      Duration limit) {
    Path conf = dir.resolve("dhclient.conf");
    Path leases = dir.resolve("dhclient.leases");
    Process p;
    try {
      Files.writeString(conf, CONFIG, StandardCharsets.US_ASCII);
      if (!Files.exists(leases)) {
        Files.createFile(leases);
      }
      p = new ProcessBuilder(ns.command(limit, "dhclient", "-d", "-1", "-cf", conf.toString(),
          "-lf", leases.toString(), "-pf", dir.resolve("dhclient.pid").toString(),
          "-sf", "/bin/true", iface))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dhclient.out").toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start dhclient", e);
    }
    try {
      long deadline = System.nanoTime() + limit.toNanos();
      while (System.nanoTime() < deadline && p.isAlive()) {
        Optional<Lease> last = newest(leases);
        if (last.isPresent() && last.get().address().equals(expected)) {
          return last;
        }
        Thread.sleep(100);
      }
      return newest(leases);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      p.destroy(); // timeout forwards TERM to dhclient, which exits without releasing
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Returns what dhclient printed over all runs in a directory, for failure messages.
   *
   * @param dir the directory given to {@link #obtain}
   * @return its output
   */
  static String output(Path dir) {
    try {
      Path out = dir.resolve("dhclient.out");
      return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** The last complete lease block of a dhclient lease file. */
  static Optional<Lease> newest(Path leaseFile) {
    String text;
    try {
      text = Files.readString(leaseFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.empty();
    }
    List<Lease> all = new ArrayList<>();
    Matcher m = LEASE.matcher(text);
    while (m.find()) {
      String body = m.group(1);
      Matcher f = FIXED.matcher(body);
      if (!f.find()) {
        continue;
      }
      Map<String, String> options = new LinkedHashMap<>();
      Matcher o = OPTION.matcher(body);
      while (o.find()) {
        options.put(o.group(1), o.group(2).replace("\"", ""));
      }
      all.add(new Lease(f.group(1), options));
    }
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }
}
