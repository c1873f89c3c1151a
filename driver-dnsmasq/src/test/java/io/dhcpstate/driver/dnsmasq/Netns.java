package io.dhcpstate.driver.dnsmasq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace a test creates and removes, with bounded commands. Every namespace has a
 * name unique to this JVM; closing it kills the processes left inside it (all started by the
 * test, since nothing else knows the namespace) by pid, then deletes it.
 */
public final class Netns implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

  private final String name;

  private Netns(String name) {
    this.name = name;
  }

  /** What a command did. */
  public record Result(int exit, String output) {
    /** Whether it exited 0. */
    public boolean ok() {
      return exit == 0;
    }
  }

  /**
   * Tells whether namespaces can be used: running as root, and {@code ip netns} works.
   *
   * @return why not, or null if they can
   */
  public static String unavailableReason() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "not root: network namespaces need root";
    }
    if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))
        && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
      return "iproute2 (ip) is not installed";
    }
    try {
      if (!run(Duration.ofSeconds(10), "ip", "netns", "list").ok()) {
        return "ip netns is unavailable";
      }
    } catch (UncheckedIOException e) {
      return "ip netns is unavailable: " + e.getMessage();
    }
    return null;
  }

  /**
   * Creates a namespace named {@code prefix} plus a suffix unique to this JVM, with its
   * loopback up.
   *
   * @param prefix a short prefix
   * @return the namespace
   */
  public static Netns create(String prefix) {
    String name = prefix + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    check(run(COMMAND_TIMEOUT, "ip", "netns", "add", name), "ip netns add " + name);
    Netns ns = new Netns(name);
    ns.ip("link", "set", "lo", "up");
    return ns;
  }

  /**
   * Creates a veth pair with one end in each namespace, both up.
   *
   * @param a the first namespace
   * @param ifa the interface name in it
   * @param b the second namespace
   * @param ifb the interface name in it
   */
  public static void veth(Netns a, String ifa, Netns b, String ifb) {
    check(run(COMMAND_TIMEOUT, "ip", "link", "add", ifa, "netns", a.name, "type", "veth",
        "peer", "name", ifb, "netns", b.name), "ip link add " + ifa);
    a.ip("link", "set", ifa, "up");
    b.ip("link", "set", ifb, "up");
  }

  /**
   * Returns the namespace's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Runs {@code ip -n NAME ARGS}, failing on a non-zero exit.
   *
   * @param args the arguments after {@code ip -n NAME}
   * @return the output
   */
  public String ip(String... args) {
    List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
    cmd.addAll(Arrays.asList(args));
    Result r = run(COMMAND_TIMEOUT, cmd.toArray(String[]::new));
    check(r, String.join(" ", cmd));
    return r.output();
  }

  /**
   * Runs a command inside the namespace, bounded in time.
   *
   * @param timeout how long it may run before it is killed
   * @param command the program and its arguments
   * @return the result
   */
  public Result exec(Duration timeout, String... command) {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
    cmd.addAll(Arrays.asList(command));
    return run(timeout, cmd.toArray(String[]::new));
  }

  /**
   * Starts a command inside the namespace without waiting; the caller stops it.
   *
   * @param output where its output goes
   * @param command the program and its arguments
   * @return the process
   */
  public Process start(Path output, String... command) {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
    cmd.addAll(Arrays.asList(command));
    try {
      return new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Lists the pids of the processes inside the namespace.
   *
   * @return the pids
   */
  public List<Long> pids() {
    Result r = run(COMMAND_TIMEOUT, "ip", "netns", "pids", name);
    List<Long> out = new ArrayList<>();
    for (String line : r.output().split("\n")) {
      if (line.strip().matches("\\d+")) {
        out.add(Long.parseLong(line.strip()));
      }
    }
    return out;
  }

  /** Kills what is left inside (our own processes, by pid) and deletes the namespace. */
  @Override
  public void close() {
    for (int round = 0; round < 3; round++) {
      List<Long> pids = pids();
      if (pids.isEmpty()) {
        break;
      }
      for (long pid : pids) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      sleep(200);
    }
    run(COMMAND_TIMEOUT, "ip", "netns", "del", name);
  }

  /**
   * Runs a command, killing it if it outlives {@code timeout}.
   *
   * @param timeout the bound
   * @param command the program and its arguments
   * @return the result; exit -1 on timeout
   */
  public static Result run(Duration timeout, String... command) {
    Path out = null;
    try {
      out = Files.createTempFile("dhcpstate-cmd", ".out");
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(out.toFile()).start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        return new Result(-1, "timed out: " + String.join(" ", command));
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException ignored) {
          // a temporary file
        }
      }
    }
  }

  private static void check(Result r, String what) {
    if (!r.ok()) {
      throw new IllegalStateException(what + " failed (" + r.exit() + "): " + r.output());
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
