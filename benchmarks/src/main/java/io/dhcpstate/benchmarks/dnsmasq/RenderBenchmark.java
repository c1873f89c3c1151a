package io.dhcpstate.benchmarks.dnsmasq;

import io.dhcpstate.driver.dnsmasq.internal.Renderer;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.spi.DhcpSettings;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code dnsmasq.render_ms_*}: the time the dnsmasq driver's renderer takes to produce a
 * network's three files (host, addn_hosts, opts) as strings, for 1,000, 10,000 and 100,000 ports
 * of {@link Shape}'s shape. Sorting the ports by id, as the renderer does, is part of it; writing
 * the files is not. The snapshot is built once per fork; every call renders it whole, as every
 * flush of the driver does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
public class RenderBenchmark {
  @Param({"1000", "10000", "100000"})
  public int ports;

  private NetworkSnapshot network;
  private final DhcpSettings settings = DhcpSettings.defaults();

  /** Builds the network once per fork. */
  @Setup
  public void build() {
    network = new Shape(42).net(ports).snapshot();
    Renderer.Files f = Renderer.render(network, settings);
    long hostLines = f.host().chars().filter(c -> c == '\n').count();
    if (hostLines != ports) {
      throw new IllegalStateException("rendered " + hostLines + " host lines for " + ports
          + " ports");
    }
  }

  /**
   * Renders the three files.
   *
   * @return the files, consumed by JMH
   */
  @Benchmark
  public Renderer.Files render() {
    return Renderer.render(network, settings);
  }
}
