package io.dhcpstate.benchmarks.dnsmasq;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One BusyBox {@code udhcpc} run in the client namespace: {@code udhcpc -i IFACE -n -q -f -t 3
 * -T 1 -s SCRIPT}, which asks for a lease once (up to 3 DISCOVERs a second apart), quits as
 * soon as it has one and configures nothing (the script only prints the address). Every run is
 * bounded by {@code timeout}. Not thread-safe.
 */
final class Udhcpc {
  private static final int TIMEOUT_S = 10;

  private final String namespace;
  private final String iface;
  private final Path script;

  /** What one run got and when it ended. */
  record Outcome(Optional<String> ip, long endNanos, String output) {}

  Udhcpc(String namespace, String iface, Path workDir) throws IOException {
    this.namespace = namespace;
    this.iface = iface;
    this.script = workDir.resolve("udhcpc-script.sh");
    // udhcpc calls the script with deconfig, then bound with the lease in $ip
    Files.writeString(script, "#!/bin/sh\n[ \"$1\" = bound ] && echo \"BOUND $ip\"\nexit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Runs the client once; the outcome's address is empty when it got no lease. */
  Outcome run() throws IOException, InterruptedException {
    List<String> cmd = List.of("timeout", "-k", "1", Integer.toString(TIMEOUT_S), "ip", "netns",
        "exec", namespace, "busybox", "udhcpc", "-i", iface, "-n", "-q", "-f", "-t", "3", "-T",
        "1", "-s", script.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readNBytes(16_384), StandardCharsets.UTF_8);
    }
    if (!p.waitFor(TIMEOUT_S + 5, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    long end = System.nanoTime();
    Optional<String> ip = Optional.empty();
    for (String line : out.split("\n")) {
      if (line.startsWith("BOUND ")) {
        ip = Optional.of(line.substring(6).trim());
      }
    }
    return new Outcome(ip, end, out);
  }
}
