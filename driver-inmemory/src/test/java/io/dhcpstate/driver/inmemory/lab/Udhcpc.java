package io.dhcpstate.driver.inmemory.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * BusyBox udhcpc run in a namespace, with an event script ({@code -s}) that appends each
 * event's environment (the options udhcpc decoded: {@code ip}, {@code router}, {@code dns},
 * {@code mtu}, {@code staticroutes} ...) to a file and configures the address, so a renewal
 * can be unicast as on a real host. Every run is bounded by {@code timeout}; {@link #close()}
 * stops the process this helper started. Not thread-safe.
 */
final class Udhcpc implements AutoCloseable {
  private static final String SCRIPT = String.join("\n",
      "#!/bin/sh",
      "# udhcpc event script of the dhcpstate lab tests: records, then configures the address.",
      "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
      "dir=$(dirname \"$0\")",
      "{ echo \"event=$1\"; env | sort; echo '--end--'; } >> \"$dir/events\"",
      "case \"$1\" in",
      "  deconfig) ip addr flush dev \"$interface\" ;;",
      "  bound|renew) ip addr flush dev \"$interface\";"
          + " ip addr add \"$ip/${mask:-24}\" dev \"$interface\" ;;",
      "esac",
      "exit 0",
      "");

  private final Process process;
  private final Path events;

  private Udhcpc(Process process, Path events) {
    this.process = process;
    this.events = events;
  }

  /**
   * Starts udhcpc in the foreground: it stays bound and renews on {@link #renew()}.
   *
   * @param ns the client namespace
   * @param iface the client interface
   * @param dir an empty directory for the script and its records
   * @param limit the most time it may run
   * @return the running client; close it
   */
  static Udhcpc start(Netns ns, String iface, Path dir, Duration limit) {
    Path script = writeScript(dir);
    List<String> argv = new ArrayList<>(List.of("busybox", "udhcpc", "-f", "-i", iface,
        "-s", script.toString(), "-t", "5", "-T", "1", "-A", "1",
        "-O", "mtu", "-O", "staticroutes"));
    try {
      Process p = new ProcessBuilder(ns.command(limit, argv.toArray(String[]::new)))
          .redirectErrorStream(true).redirectOutput(dir.resolve("udhcpc.out").toFile())
          .start();
      return new Udhcpc(p, dir.resolve("events"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start udhcpc", e);
    }
  }

  /**
   * Runs udhcpc once ({@code -n -q}): it exits after a lease, or with an error when none came
   * after {@code tries} DISCOVERs one second apart.
   *
   * @param ns the client namespace
   * @param iface the client interface
   * @param dir an empty directory for the script and its records
   * @param tries how many DISCOVERs to send
   * @return the exit code and the events recorded
   */
  static Outcome once(Netns ns, String iface, Path dir, int tries) {
    Path script = writeScript(dir);
    Netns.Shell.Result r = ns.exec(Duration.ofSeconds(tries * 3L + 10), "busybox", "udhcpc",
        "-n", "-q", "-f", "-i", iface, "-s", script.toString(), "-t", Integer.toString(tries),
        "-T", "1", "-O", "mtu", "-O", "staticroutes");
    return new Outcome(r.exitCode(), r.output(), read(dir.resolve("events")));
  }

  /**
   * What a finished run did.
   *
   * @param exitCode udhcpc's exit code
   * @param output what it printed
   * @param events the events its script recorded, in order
   */
  record Outcome(int exitCode, String output, List<Map<String, String>> events) {
    Optional<Map<String, String>> bound() {
      return events.stream().filter(e -> "bound".equals(e.get("event"))).reduce((a, b) -> b);
    }
  }

  private static Path writeScript(Path dir) {
    try {
      Path script = dir.resolve("udhcpc-event.sh");
      Files.writeString(script, SCRIPT, StandardCharsets.US_ASCII);
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      return script;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses the complete event records written so far. */
  private static List<Map<String, String>> read(Path events) {
    List<Map<String, String>> out = new ArrayList<>();
    if (!Files.exists(events)) {
      return out;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(events, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> current = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.equals("--end--")) {
        out.add(current);
        current = new LinkedHashMap<>();
        continue;
      }
      int eq = line.indexOf('=');
      if (eq > 0) {
        current.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return out;
  }

  /**
   * Waits for an event matching a condition, looking at events recorded so far too.
   *
   * @param event the event name, such as {@code bound}
   * @param match what its environment must satisfy
   * @param timeout how long to wait
   * @return the event's environment, or empty on timeout
   */
  Optional<Map<String, String>> await(String event, Predicate<Map<String, String>> match,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Map<String, String> e : read(events)) {
        if (event.equals(e.get("event")) && match.test(e)) {
          return Optional.of(e);
        }
      }
      if (System.nanoTime() > deadline || !process.isAlive()) {
        return Optional.empty();
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  /**
   * Returns every event recorded so far, for failure messages.
   *
   * @return the events in order
   */
  List<Map<String, String>> events() {
    return read(events);
  }

  /**
   * Asks udhcpc to renew its lease now (SIGUSR1), as an administrator would. The signal goes
   * to the udhcpc process itself, the child of the {@code timeout} this helper started.
   */
  void renew() {
    ProcessHandle udhcpc = process.toHandle().children().findFirst()
        .orElseThrow(() -> new IllegalStateException("udhcpc is not running"));
    Netns.Shell.Result r = Netns.Shell.run(Duration.ofSeconds(5),
        List.of("kill", "-USR1", Long.toString(udhcpc.pid())));
    if (!r.ok()) {
      throw new IllegalStateException("kill -USR1 failed: " + r.output());
    }
  }

  /** Stops the process this helper started (timeout forwards TERM to udhcpc); never throws. */
  @Override
  public void close() {
    try {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
