package io.dhcpstate.benchmarks.inmemory;

import io.dhcpstate.driver.inmemory.DhcpReply;
import io.dhcpstate.driver.inmemory.FsyncPolicy;
import io.dhcpstate.driver.inmemory.InMemoryDriver;
import io.dhcpstate.driver.inmemory.InMemoryDriverBuilder;
import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.DhcpSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code inmemory.handler_packets_per_s}: DHCP packets per second through the in-memory
 * driver's socketless handler ({@link InMemoryDriver#handle}), one thread, no sockets. Each
 * invocation is one client's DISCOVER then REQUEST (two packets, two replies encoded), the
 * client drawn from {@value #PORTS} known ports of one static /15 subnet in a fixed random
 * order, so the lease table holds 100,000 leases and lookups miss the CPU caches as real
 * traffic does. After the first pass every exchange is a renewal of an existing lease.
 *
 * <p>{@code journal=off} (the figure) keeps leases in memory only; {@code -p journal=never}
 * adds the lease journal with {@link FsyncPolicy#NEVER} for comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HandlerBenchmark {
  static final int PORTS = 100_000;
  static final String SERVER = "10.0.0.1";
  private static final InetSocketAddress FROM = new InetSocketAddress("0.0.0.0", 68);
  private static final byte[] PARAMETERS = {1, 3, 6, 12, 15, 26, 28, 51, 54, 58, 59, 121};

  /** {@code off} for the figure, {@code never} to add the journal (fsync never). */
  @Param({"off"})
  public String journal;

  private InMemoryDriver driver;
  private Path journalDir;
  private ByteBuffer[] discovers;
  private ByteBuffer[] requests;
  private int cursor;

  /** Builds the network, the driver and every client's two packets. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    InMemoryDriverBuilder b = InMemoryDriver.builder().serverAddress(SERVER);
    if (journal.equals("never")) {
      journalDir = Files.createTempDirectory("dhcpstate-handler-bench");
      b.journal(journalDir, FsyncPolicy.NEVER);
    } else if (!journal.equals("off")) {
      throw new IllegalArgumentException("journal must be off or never: " + journal);
    }
    driver = b.build();
    driver.enable(network(), DhcpSettings.defaults()).toCompletableFuture().join();
    discovers = new ByteBuffer[PORTS];
    requests = new ByteBuffer[PORTS];
    List<Integer> order = new ArrayList<>(PORTS);
    for (int i = 0; i < PORTS; i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, new Random(42));
    for (int k = 0; k < PORTS; k++) {
      int i = order.get(k);
      byte[] mac = MacAddress.of(0xfa163e000000L | i).toBytes();
      discovers[k] = ByteBuffer.wrap(Packets.discover(i, mac, PARAMETERS));
      requests[k] = ByteBuffer.wrap(Packets.request(i, mac, PARAMETERS, ip(i).toBytes(),
          IpAddress.parse(SERVER).toBytes()));
    }
    check();
  }

  private static IpAddress ip(int index) {
    return IpAddress.ofV4(0x0A00_0002 + index);
  }

  private static NetworkSnapshot network() {
    String id = "bench-net";
    Subnet subnet = Subnet.builder("bench-v4", id, "10.0.0.0/15").gateway(SERVER)
        .dns("10.0.0.53").revision(1).build();
    List<Port> ports = new ArrayList<>(PORTS);
    for (int i = 0; i < PORTS; i++) {
      ports.add(new Port("port-" + i, id, MacAddress.of(0xfa163e000000L | i),
          List.of(new FixedIp(subnet.id(), ip(i))), "compute:nova", true, Optional.empty(),
          List.of(), 1));
    }
    return NetworkSnapshot.of(new Network(id, "bench", true, 1500, Optional.of("bench.example"),
        1), List.of(subnet), ports);
  }

  /** Fails the trial at once if the handler does not answer OFFER then ACK. */
  private void check() {
    Optional<DhcpReply> offer = driver.handle(discovers[0], FROM);
    Optional<DhcpReply> ack = driver.handle(requests[0], FROM);
    if (offer.isEmpty() || ack.isEmpty() || Packets.type(offer.get().payload()) != 2
        || Packets.type(ack.get().payload()) != 5) {
      throw new IllegalStateException("the handler did not answer OFFER and ACK: " + offer
          + " " + ack);
    }
  }

  /** Closes the driver and removes the journal. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    driver.close();
    if (journalDir != null) {
      try (Stream<Path> files = Files.walk(journalDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> {
          try {
            Files.delete(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
  }

  /**
   * One client's DISCOVER and REQUEST: two packets.
   *
   * @param bh consumes the replies
   */
  @Benchmark
  @OperationsPerInvocation(2)
  public void discoverRequest(Blackhole bh) {
    int k = cursor;
    cursor = k + 1 == PORTS ? 0 : k + 1;
    bh.consume(driver.handle(discovers[k], FROM));
    bh.consume(driver.handle(requests[k], FROM));
  }
}
