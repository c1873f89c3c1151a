package io.dhcpstate.driver.inmemory.lab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Linux network namespace this test process created, with the few {@code ip} commands the lab
 * needs: a veth pair to a peer namespace, addresses, the broadcast route a Java server needs
 * (REFERENCE.md lab recipes), and running commands inside it. Names are unique per process
 * ({@value #PREFIX}PID-N-role) so concurrent runs never share one; {@link #close()} deletes
 * the namespace and never throws. Every command is bounded by {@code timeout}. Not
 * thread-safe.
 */
final class Netns implements AutoCloseable {
  /** The prefix of every namespace this helper creates. */
  static final String PREFIX = "dsinmem-";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final Duration IP_TIMEOUT = Duration.ofSeconds(10);

  private final String name;
  private boolean closed;

  private Netns(String name) {
    this.name = name;
  }

  /**
   * Skips the calling test unless this process is root and {@code ip netns} works. On this
   * project's machines and in CI both hold, so the lab tests run there.
   */
  static void assumeUsable() {
    Shell.Result id = Shell.run(Duration.ofSeconds(5), List.of("id", "-u"));
    assumeTrue(id.ok() && id.output().strip().equals("0"),
        "lab tests need root to create network namespaces (id -u said: "
            + id.output().strip() + ")");
    Shell.Result list = Shell.run(IP_TIMEOUT, List.of("ip", "netns", "list"));
    assumeTrue(list.ok(), "lab tests need 'ip netns' (iproute2): " + list.output().strip());
    removeStale();
  }

  /**
   * Creates a namespace with a unique name and its loopback up.
   *
   * @param role a short word for the name, such as {@code srv}
   * @return the namespace; close it
   */
  static Netns create(String role) {
    String name = PREFIX + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet()
        + "-" + role;
    ip("netns", "add", name);
    Netns ns = new Netns(name);
    try {
      ip("-n", name, "link", "set", "lo", "up");
      return ns;
    } catch (RuntimeException e) {
      ns.close();
      throw e;
    }
  }

  /**
   * Deletes namespaces left by an earlier run of this helper whose process is gone (a killed
   * test JVM cannot run its cleanup).
   */
  private static void removeStale() {
    Shell.Result list = Shell.run(IP_TIMEOUT, List.of("ip", "netns", "list"));
    for (String line : list.output().split("\n")) {
      String ns = line.strip().split("\\s+")[0];
      if (!ns.startsWith(PREFIX)) {
        continue;
      }
      String[] parts = ns.substring(PREFIX.length()).split("-");
      try {
        long pid = Long.parseLong(parts[0]);
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          continue;
        }
      } catch (NumberFormatException e) {
        continue;
      }
      Shell.run(IP_TIMEOUT, List.of("ip", "netns", "del", ns));
    }
  }

  /**
   * Returns the namespace's name.
   *
   * @return the name
   */
  String name() {
    return name;
  }

  /**
   * Creates a veth pair with one end here and the other in {@code peer}, both up.
   *
   * @param here the interface name in this namespace
   * @param peer the other namespace
   * @param there the interface name there
   */
  void veth(String here, Netns peer, String there) {
    ip("-n", name, "link", "add", here, "type", "veth", "peer", "name", there, "netns",
        peer.name);
    ip("-n", name, "link", "set", here, "up");
    ip("-n", peer.name, "link", "set", there, "up");
  }

  /**
   * Adds an address to an interface.
   *
   * @param iface the interface
   * @param cidr the address with its prefix length, such as {@code 10.77.0.1/24}
   */
  void address(String iface, String cidr) {
    ip("-n", name, "addr", "add", cidr, "dev", iface);
  }

  /**
   * Adds the route {@code 255.255.255.255/32} through an interface, without which a Java
   * server's broadcast replies fail with "Network is unreachable".
   *
   * @param iface the interface
   */
  void broadcastRoute(String iface) {
    ip("-n", name, "route", "add", "255.255.255.255/32", "dev", iface);
  }

  /**
   * Sets an interface's MAC address.
   *
   * @param iface the interface
   * @param mac the address
   */
  void mac(String iface, String mac) {
    ip("-n", name, "link", "set", iface, "address", mac);
  }

  /**
   * Removes every address from an interface.
   *
   * @param iface the interface
   */
  void flush(String iface) {
    ip("-n", name, "addr", "flush", "dev", iface);
  }

  /**
   * Returns the argument list that runs a program in this namespace, bounded by
   * {@code timeout} (TERM at the limit, KILL 2 s later).
   *
   * @param limit the most time the program may run
   * @param argv the program and its arguments
   * @return the command line
   */
  List<String> command(Duration limit, String... argv) {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name, "timeout", "-k", "2",
        Long.toString(Math.max(1, limit.toSeconds()))));
    cmd.addAll(List.of(argv));
    return cmd;
  }

  /**
   * Runs a program in this namespace and waits for it.
   *
   * @param limit the most time it may run
   * @param argv the program and its arguments
   * @return its exit code and output
   */
  Shell.Result exec(Duration limit, String... argv) {
    return Shell.run(limit.plusSeconds(5), command(limit, argv));
  }

  private static void ip(String... args) {
    List<String> argv = new ArrayList<>(List.of("ip"));
    argv.addAll(List.of(args));
    Shell.Result r = Shell.run(IP_TIMEOUT, argv);
    if (!r.ok()) {
      throw new IllegalStateException(String.join(" ", argv) + " failed: " + r.output().strip());
    }
  }

  /** Deletes the namespace (and the veth ends in it); idempotent, never throws. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Shell.run(IP_TIMEOUT, List.of("ip", "netns", "del", name));
  }

  /** Runs external commands with a time bound. Stateless. */
  static final class Shell {
    private Shell() {}

    /**
     * A finished command.
     *
     * @param exitCode its exit code; -1 when it had to be killed
     * @param output its standard output and error, merged
     */
    record Result(int exitCode, String output) {
      boolean ok() {
        return exitCode == 0;
      }
    }

    /**
     * Runs a command, kills it if it outlives {@code limit}, and returns what it printed.
     *
     * @param limit the most time to wait
     * @param argv the command
     * @return the result
     */
    static Result run(Duration limit, List<String> argv) {
      Path out = null;
      Process p = null;
      try {
        out = Files.createTempFile("dsinmem-exec", ".out");
        p = new ProcessBuilder(argv).redirectErrorStream(true)
            .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile())).start();
        boolean done = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        return new Result(done ? p.exitValue() : -1, text);
      } catch (IOException e) {
        return new Result(-1, argv.get(0) + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (p != null) {
          p.destroyForcibly();
        }
        return new Result(-1, "interrupted");
      } finally {
        if (out != null) {
          try {
            Files.deleteIfExists(out);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
  }
}
