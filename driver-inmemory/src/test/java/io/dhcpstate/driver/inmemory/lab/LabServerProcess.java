package io.dhcpstate.driver.inmemory.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LabServer} running as a child JVM in a namespace ({@code ip netns exec NS timeout
 * ... java ...}) with the test class path, talked to line by line. Every wait is bounded;
 * {@link #close()} asks it to quit, then kills the process it started, by PID. Not
 * thread-safe.
 */
final class LabServerProcess implements AutoCloseable {
  /** The longest a lab server may live, whatever happens to the test. */
  private static final Duration LIFETIME = Duration.ofMinutes(5);
  private static final Duration START = Duration.ofSeconds(40);
  private static final Duration ANSWER = Duration.ofSeconds(30);

  private final Process process;
  private final Path log;
  private final Writer stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private LabServerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.stdin = new java.io.OutputStreamWriter(process.getOutputStream(),
        StandardCharsets.UTF_8);
    Thread reader = new Thread(this::read, "lab-server-stdout-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts a lab server in a namespace and waits for its ready line.
   *
   * @param ns the namespace it serves in
   * @param workDir where its log goes
   * @param settings its {@code key=value} settings
   * @return the running server; close it
   * @throws IllegalStateException if it is not ready in time, with its log
   */
  static LabServerProcess start(Netns ns, Path workDir, List<String> settings) {
    List<String> argv = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.net.preferIPv4Stack=true", "-Xmx256m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
        "-cp", testClassPath(), LabServer.class.getName()));
    argv.addAll(settings);
    Path log = workDir.resolve("server-" + ns.name() + ".log");
    Process p;
    try {
      p = new ProcessBuilder(ns.command(LIFETIME, argv.toArray(String[]::new)))
          .redirectError(log.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the lab server", e);
    }
    LabServerProcess server = new LabServerProcess(p, log);
    try {
      String ready = server.next(START);
      if (ready == null || !ready.startsWith("READY")) {
        throw new IllegalStateException("lab server not ready (said " + ready + "); log:\n"
            + server.logTail());
      }
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /**
   * The class path the tests run with: {@code dhcpstate.lab.classpath} when set (for launchers
   * that load tests through their own class loader), else surefire's, else this JVM's.
   */
  private static String testClassPath() {
    return System.getProperty("dhcpstate.lab.classpath", System.getProperty(
        "surefire.test.class.path", System.getProperty("java.class.path")));
  }

  private void read() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      // the process ended; waiters time out or see it dead
    }
  }

  private String next(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        String line = lines.poll(200, TimeUnit.MILLISECONDS);
        if (line != null) {
          return line;
        }
        if (!process.isAlive() && lines.isEmpty()) {
          return null;
        }
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * Sends one command and returns its answer line.
   *
   * @param command the command, such as {@code update-port p1 10.77.0.20}
   * @return the answer
   * @throws IllegalStateException if none comes in time, with the server's log
   */
  String command(String command) {
    try {
      stdin.write(command + "\n");
      stdin.flush();
    } catch (IOException e) {
      throw new IllegalStateException("lab server gone; log:\n" + logTail(), e);
    }
    String answer = next(ANSWER);
    if (answer == null) {
      throw new IllegalStateException("no answer to '" + command + "'; log:\n" + logTail());
    }
    return answer;
  }

  /**
   * Moves a port to another fixed IP through the agent and waits until the driver serves it.
   *
   * @param portId the port
   * @param ip the new address
   */
  void updatePort(String portId, String ip) {
    String answer = command("update-port " + portId + " " + ip);
    if (!answer.startsWith("ok")) {
      throw new IllegalStateException("update-port failed: " + answer + "; log:\n" + logTail());
    }
  }

  /**
   * Returns the server's counters.
   *
   * @return counter name to value
   */
  Map<String, Long> stats() {
    Map<String, Long> out = new HashMap<>();
    for (String word : command("stats").split(" ")) {
      int eq = word.indexOf('=');
      if (eq > 0) {
        out.put(word.substring(0, eq), Long.parseLong(word.substring(eq + 1)));
      }
    }
    return out;
  }

  /**
   * Returns the end of the server's log, for failure messages.
   *
   * @return up to the last 4000 characters
   */
  String logTail() {
    try {
      String s = Files.readString(log, StandardCharsets.UTF_8);
      return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Asks the server to quit, then kills the process this helper started; never throws. */
  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        stdin.write("quit\n");
        stdin.flush();
        stdin.close();
      }
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
