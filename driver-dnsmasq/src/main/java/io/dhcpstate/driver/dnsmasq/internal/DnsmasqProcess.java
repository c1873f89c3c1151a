package io.dhcpstate.driver.dnsmasq.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One running dnsmasq, known by its process handle: one we started, or one left by an earlier
 * run of the host application and adopted from its pid file. It counts as alive only while
 * its command line still names the network's directory, so a recycled pid is never mistaken
 * for it. Not thread-safe; its {@link NetworkInstance} serialises calls.
 */
final class DnsmasqProcess {
  private final ProcessHandle handle;
  private final Path dir;
  /** Whether this JVM started it (its handle is then exact; an adopted pid may be recycled). */
  private final boolean ours;

  private DnsmasqProcess(ProcessHandle handle, Path dir, boolean ours) {
    this.handle = handle;
    this.dir = dir;
    this.ours = ours;
  }

  /** Starts dnsmasq; its output goes to the network's log through {@code --log-facility}. */
  static DnsmasqProcess start(List<String> command, Path dir) throws IOException {
    Process p = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout").toFile()))
        .redirectErrorStream(true)
        .start();
    return new DnsmasqProcess(p.toHandle(), dir, true);
  }

  /** Adopts a dnsmasq from the pid file if one is running for this directory. */
  static Optional<DnsmasqProcess> adopt(Path dir) {
    try {
      Path pidFile = dir.resolve("pid");
      if (!Files.isRegularFile(pidFile)) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
      return ProcessHandle.of(pid).map(h -> new DnsmasqProcess(h, dir, false))
          .filter(DnsmasqProcess::alive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  long pid() {
    return handle.pid();
  }

  /**
   * Alive; for an adopted process also only while its command line names this network's
   * directory. A process we started is judged by its handle alone: while a command prefix such
   * as {@code ip netns exec} execs dnsmasq, {@code /proc/PID/cmdline} can briefly read empty.
   */
  boolean alive() {
    return handle.isAlive()
        && (ours || arguments().contains("--dhcp-hostsfile=" + dir.resolve("host")));
  }

  /** The process's argument vector from {@code /proc}, empty if it cannot be read. */
  List<String> arguments() {
    try {
      byte[] cmd = Files.readAllBytes(Path.of("/proc", Long.toString(handle.pid()), "cmdline"));
      String text = new String(cmd, StandardCharsets.UTF_8);
      if (text.endsWith("\0")) {
        text = text.substring(0, text.length() - 1);
      }
      return text.isEmpty() ? List.of() : List.of(text.split("\0", -1));
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Sends SIGHUP so dnsmasq re-reads its host and options files. */
  boolean reload() throws IOException {
    return Exec.run(List.of("kill", "-HUP", Long.toString(handle.pid())), Duration.ofSeconds(5))
        .ok();
  }

  /** SIGTERM, wait up to {@code timeout}, then SIGKILL. */
  void stop(Duration timeout) {
    if (!handle.isAlive()) {
      return;
    }
    handle.destroy();
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      handle.destroyForcibly();
      try {
        handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception ignored) {
        if (ignored instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
