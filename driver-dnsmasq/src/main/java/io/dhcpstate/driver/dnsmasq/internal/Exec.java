package io.dhcpstate.driver.dnsmasq.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short external command as an argument list (never through a shell), bounded in time:
 * on timeout the process is killed. Stateless.
 */
public final class Exec {
  private Exec() {}

  /** What a command did. */
  public record Result(int exitCode, String output, boolean timedOut) {
    /** Whether it exited 0 in time. */
    public boolean ok() {
      return exitCode == 0 && !timedOut;
    }
  }

  /**
   * Runs a command and waits for it.
   *
   * @param command the program and its arguments
   * @param timeout how long it may run
   * @return the result; output is stdout and stderr merged, at most 64 KiB
   * @throws IOException if the program cannot be started
   */
  public static Result run(List<String> command, Duration timeout) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      boolean done;
      try {
        done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
        return new Result(-1, "", true);
      }
      if (!done) {
        p.destroyForcibly();
        return new Result(-1, "", true);
      }
      out = in.readNBytes(65_536);
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), false);
  }
}
