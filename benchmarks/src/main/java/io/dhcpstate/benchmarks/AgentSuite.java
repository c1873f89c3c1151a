package io.dhcpstate.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Runs the agent benchmarks and prints one {@code result NAME VALUE UNIT} line per figure, with
 * its error and the bar it is compared to. Errors are JMH's 99.9% confidence half-intervals
 * (Student's t over every measured iteration of every fork); a ratio's error is propagated from
 * its two scores. Options: {@code --forks N} (default 3), {@code --prof NAME} (a JMH profiler
 * such as {@code gc} or {@code stack}, repeatable), {@code --skip-heap}.
 */
public final class AgentSuite {
  private static final int DEFAULT_FORKS = 3;
  private static final long LOCK_WAIT_S = 300;
  private static final List<String> JVM_ARGS =
      List.of("-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

  private AgentSuite() {}

  private record Figure(String name, double value, double error, String unit, String bar,
      boolean pass) {
    String line() {
      boolean marginal = pass && error > 0 && Math.abs(value - barValue()) <= error;
      return String.format(Locale.ROOT, "result %s %s %s ±%s %s %s%s", name, fmt(value), unit,
          fmt(error), bar, pass ? "PASS" : "FAIL", marginal ? " (bar within error)" : "");
    }

    double barValue() {
      return Double.parseDouble(bar.replaceAll("[^0-9.]", ""));
    }
  }

  /**
   * Runs the suite.
   *
   * @param args the options above
   * @throws RunnerException if JMH fails
   * @throws IOException if the heap measurement JVM cannot be run
   * @throws InterruptedException if interrupted while waiting for it
   */
  public static void main(String[] args) throws RunnerException, IOException,
      InterruptedException {
    int forks = DEFAULT_FORKS;
    boolean heap = true;
    List<String> profilers = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--forks" -> forks = Integer.parseInt(args[++i]);
        case "--prof" -> profilers.add(args[++i]);
        case "--skip-heap" -> heap = false;
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; use --forks N, --prof NAME, --skip-heap");
      }
    }
    if (forks < DEFAULT_FORKS) {
      System.out.println("warning: " + forks + " fork(s); the figures need at least "
          + DEFAULT_FORKS);
    }
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(AgentThroughputBenchmark.class.getName() + ".")
        .include(UpdateCostBenchmark.class.getName() + ".")
        .include(UpdateCostCachePathBenchmark.class.getName() + ".")
        .include(FullSyncBenchmark.class.getName() + ".")
        .forks(forks)
        .jvmArgsAppend(JVM_ARGS.toArray(String[]::new))
        .addProfiler(ProcessCpuProfiler.class)
        .shouldFailOnError(true);
    for (String p : profilers) {
      options.addProfiler(p);
    }
    String loadBefore = loadAverage();
    Collection<RunResult> results = runWhenFree(new Runner(options.build()));

    List<Figure> figures = new ArrayList<>();
    Result<?> events = find(results, "AgentThroughputBenchmark.portUpdates", null, null);
    figures.add(new Figure("agent.events_per_s", events.getScore(), events.getScoreError(),
        "events/s", "bar>=50000", events.getScore() >= 50_000));
    Result<?> eventsCpu = cpu(results, "AgentThroughputBenchmark.portUpdates", null, null);
    System.out.printf(Locale.ROOT, "info agent.events_per_s: process CPU per event %s ± %s ns"
        + " (all threads, including building the events before each invocation)%n",
        fmt(eventsCpu.getScore()), fmt(eventsCpu.getScoreError()));

    Result<?> small = find(results, "UpdateCostBenchmark.portUpdates", "ports", "1000");
    Result<?> large = find(results, "UpdateCostBenchmark.portUpdates", "ports", "100000");
    double ratio = large.getScore() / small.getScore();
    figures.add(new Figure("agent.update_cost_ratio", ratio, ratioError(large, small),
        "x", "bar<=1.5", ratio <= 1.5));
    Result<?> cpuSmall = cpu(results, "UpdateCostBenchmark.portUpdates", "ports", "1000");
    Result<?> cpuLarge = cpu(results, "UpdateCostBenchmark.portUpdates", "ports", "100000");
    System.out.printf(Locale.ROOT, "info agent.update_cost_ratio in process CPU time per update:"
        + " %s ± %s ns at 1,000 ports, %s ± %s ns at 100,000, ratio %s ± %s%n",
        fmt(cpuSmall.getScore()), fmt(cpuSmall.getScoreError()), fmt(cpuLarge.getScore()),
        fmt(cpuLarge.getScoreError()), fmt(cpuLarge.getScore() / cpuSmall.getScore()),
        fmt(ratioError(cpuLarge, cpuSmall)));
    Result<?> cacheSmall = find(results, "UpdateCostCachePathBenchmark.portUpdate", "ports", "1000");
    Result<?> cacheLarge =
        find(results, "UpdateCostCachePathBenchmark.portUpdate", "ports", "100000");
    System.out.printf(Locale.ROOT, "info agent.update_cost_ratio measures the agent path"
        + " (submit + awaitIdle, per update): %s ± %s ns at 1,000 ports, %s ± %s ns at 100,000%n",
        fmt(small.getScore()), fmt(small.getScoreError()), fmt(large.getScore()),
        fmt(large.getScoreError()));
    System.out.printf(Locale.ROOT, "info cache + driver call path alone: %s ± %s ns at 1,000"
        + " ports, %s ± %s ns at 100,000, ratio %s ± %s%n", fmt(cacheSmall.getScore()),
        fmt(cacheSmall.getScoreError()), fmt(cacheLarge.getScore()),
        fmt(cacheLarge.getScoreError()), fmt(cacheLarge.getScore() / cacheSmall.getScore()),
        fmt(ratioError(cacheLarge, cacheSmall)));

    Result<?> sync = find(results, "FullSyncBenchmark.fullSync", "source", "plain");
    Result<?> adopted = find(results, "FullSyncBenchmark.fullSync", "source", "snapshot");
    double seconds = sync.getScore() / 1000;
    figures.add(new Figure("agent.full_sync_s", seconds, sync.getScoreError() / 1000, "s",
        "bar<=2", seconds <= 2));
    System.out.printf(Locale.ROOT, "info agent.full_sync_s measures source=plain (the agent"
        + " validates and indexes every port); with source=snapshot (adopted as is): %s ± %s s%n",
        fmt(adopted.getScore() / 1000), fmt(adopted.getScoreError() / 1000));
    Result<?> syncCpu = cpu(results, "FullSyncBenchmark.fullSync", "source", "plain");
    System.out.printf(Locale.ROOT, "info agent.full_sync_s: process CPU per full sync %s ± %s s%n",
        fmt(syncCpu.getScore() / 1e9), fmt(syncCpu.getScoreError() / 1e9));

    if (heap) {
      ListStatistics perPort = new ListStatistics();
      for (int i = 0; i < Math.max(forks, 1); i++) {
        perPort.addValue(heapSample());
      }
      double error = perPort.getN() > 1 ? perPort.getMeanErrorAt(0.999) : Double.NaN;
      figures.add(new Figure("agent.heap_bytes_per_port", perPort.getMean(), error,
          "bytes/port", "bar<=1024", perPort.getMean() <= 1024));
      System.out.println("info agent.heap_bytes_per_port: used heap after forced, settled GCs"
          + " (System.gc() until it stops falling), after minus before 100,000 ports, over "
          + perPort.getN() + " JVMs; min " + fmt(perPort.getMin()) + ", max "
          + fmt(perPort.getMax()));
    }

    System.out.println("info load average (1, 5, 15 min) before: " + loadBefore + ", after: "
        + loadAverage() + " on " + Runtime.getRuntime().availableProcessors() + " cores;"
        + " other processes compete with the benchmarks for them");
    System.out.println();
    figures.forEach(f -> System.out.println(f.line()));
    if (figures.stream().anyMatch(f -> !f.pass)) {
      System.exit(1);
    }
  }

  /**
   * Runs JMH, waiting up to {@link #LOCK_WAIT_S} seconds while another JMH run on this machine
   * holds JMH's lock: two at once would slow each other down.
   */
  private static Collection<RunResult> runWhenFree(Runner runner)
      throws RunnerException, InterruptedException {
    long deadline = System.nanoTime() + LOCK_WAIT_S * 1_000_000_000L;
    while (true) {
      try {
        return runner.run();
      } catch (RunnerException e) {
        if (!String.valueOf(e.getMessage()).contains("JMH lock")
            || System.nanoTime() > deadline) {
          throw e;
        }
        System.out.println("# another JMH run holds its lock; waiting for it to finish");
        Thread.sleep(10_000);
      }
    }
  }

  private static Result<?> find(Collection<RunResult> results, String benchmark, String param,
      String value) {
    return run(results, benchmark, param, value).getPrimaryResult();
  }

  /** The process CPU time per operation of a benchmark, from {@link ProcessCpuProfiler}. */
  private static Result<?> cpu(Collection<RunResult> results, String benchmark, String param,
      String value) {
    return run(results, benchmark, param, value).getSecondaryResults().get("cpu.norm");
  }

  private static RunResult run(Collection<RunResult> results, String benchmark, String param,
      String value) {
    for (RunResult r : results) {
      var params = r.getParams();
      if (params.getBenchmark().endsWith("." + benchmark)
          && (param == null || value.equals(params.getParam(param)))) {
        return r;
      }
    }
    throw new IllegalStateException("no JMH result for " + benchmark
        + (param == null ? "" : " with " + param + "=" + value));
  }

  private static double ratioError(Result<?> num, Result<?> den) {
    double a = num.getScoreError() / num.getScore();
    double b = den.getScoreError() / den.getScore();
    return num.getScore() / den.getScore() * Math.sqrt(a * a + b * b);
  }

  /** Runs {@link HeapFootprint} in a fresh JVM with the benchmarks' heap settings. */
  private static double heapSample() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_ARGS);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(HeapFootprint.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Double value = null;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        System.out.println("# heap: " + line);
        if (line.startsWith("heap.bytes_per_port ")) {
          value = Double.parseDouble(line.split(" ")[1]);
        }
      }
    }
    int exit = process.waitFor();
    if (exit != 0 || value == null) {
      throw new IllegalStateException("heap measurement failed (exit " + exit + ")");
    }
    return value;
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.3f", v);
  }
}
