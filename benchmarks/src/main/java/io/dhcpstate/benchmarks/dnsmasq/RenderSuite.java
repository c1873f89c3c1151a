package io.dhcpstate.benchmarks.dnsmasq;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link RenderBenchmark} through the JMH API and prints {@code dnsmasq.render_ms_1k},
 * {@code _10k} and {@code _100k} as {@code result} lines. Their errors are JMH's 99.9%
 * confidence half-intervals over every measured iteration of every fork. These figures have no
 * bar. Options: {@code --forks N} (default 2), {@code --quick} (1 fork, shorter iterations).
 */
public final class RenderSuite {
  private static final long LOCK_WAIT_S = 120;
  private RenderSuite() {}

  /**
   * Runs the render benchmarks.
   *
   * @param args the options above
   * @throws RunnerException if JMH fails
   */
  public static void main(String[] args) throws RunnerException {
    int forks = 2;
    boolean quick = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--forks" -> forks = Integer.parseInt(args[++i]);
        case "--quick" -> quick = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    OptionsBuilder options = new OptionsBuilder();
    options.include(RenderBenchmark.class.getName() + ".")
        .forks(quick ? 1 : forks)
        .jvmArgsAppend("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
        .shouldFailOnError(true);
    if (quick) {
      options.warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3)
          .measurementTime(TimeValue.seconds(1));
    }
    Collection<RunResult> results = runWaitingForLock(options);
    for (String[] size : List.of(new String[] {"1000", "1k"}, new String[] {"10000", "10k"},
        new String[] {"100000", "100k"})) {
      Result<?> r = find(results, size[0]);
      Figure f = r == null ? Figure.reported("dnsmasq.render_ms_" + size[1], Double.NaN,
          Double.NaN, "ms")
          : Figure.reported("dnsmasq.render_ms_" + size[1], r.getScore(), r.getScoreError(),
              "ms");
      System.out.println(f.line());
    }
  }

  /**
   * Runs JMH; while another JMH run on this machine holds JMH's lock, waits for it (up to
   * {@link #LOCK_WAIT_S} seconds), then gives up with JMH's error ({@code run.sh} then runs
   * again with {@code -Djmh.ignoreLock=true}, which JMH reads once, and says so).
   */
  private static Collection<RunResult> runWaitingForLock(OptionsBuilder options)
      throws RunnerException {
    long deadline = System.nanoTime() + LOCK_WAIT_S * 1_000_000_000L;
    while (true) {
      try {
        return new Runner(options.build()).run();
      } catch (RunnerException e) {
        if (String.valueOf(e.getMessage()).contains("JMH lock")
            && System.nanoTime() < deadline) {
          System.out.println("# another JMH run holds its lock; waiting");
          sleep(10_000);
        } else {
          throw e;
        }
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Result<?> find(Collection<RunResult> results, String ports) {
    for (RunResult r : results) {
      if (ports.equals(r.getParams().getParam("ports"))) {
        return r.getPrimaryResult();
      }
    }
    return null;
  }
}
