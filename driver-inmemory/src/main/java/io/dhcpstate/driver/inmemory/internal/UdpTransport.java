package io.dhcpstate.driver.inmemory.internal;

import io.dhcpstate.driver.inmemory.DhcpReply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP socket serving DHCP: a receive thread copies datagrams into a bounded queue (a full
 * queue drops and counts), and worker threads answer them through the {@link DhcpServer}.
 * Thread-safe; {@link #close()} stops its threads within a bound.
 */
public final class UdpTransport implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);

  private record Datagram(byte[] data, InetSocketAddress source) {}

  private final DatagramChannel channel;
  private final DhcpServer server;
  private final Counters counters;
  private final Set<String> networks;
  private final boolean replyToSource;
  private final BlockingQueue<Datagram> queue;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  /**
   * Binds the socket and starts the threads.
   *
   * @param bind the address and port to bind
   * @param server the protocol handler
   * @param counters where to count drops
   * @param networks the networks this socket serves; empty for all
   * @param replyToSource answer to the request's source instead of the RFC destination
   * @param workers how many threads answer requests
   * @param queueCapacity how many datagrams may wait
   * @throws UncheckedIOException if the socket cannot be bound
   */
  public UdpTransport(InetSocketAddress bind, DhcpServer server, Counters counters,
      Set<String> networks, boolean replyToSource, int workers, int queueCapacity) {
    this.server = server;
    this.counters = counters;
    this.networks = Set.copyOf(networks);
    this.replyToSource = replyToSource;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    try {
      channel = DatagramChannel.open();
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
      channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
      channel.bind(bind);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind DHCP socket to " + bind, e);
    }
    Thread receiver = new Thread(this::receive, "dhcpstate-udp-rx-" + localPort());
    receiver.setDaemon(true);
    threads.add(receiver);
    for (int i = 0; i < workers; i++) {
      Thread w = new Thread(this::work, "dhcpstate-udp-worker-" + localPort() + "-" + i);
      w.setDaemon(true);
      threads.add(w);
    }
    threads.forEach(Thread::start);
    LOG.info("DHCP server listening on {}", bind);
  }

  /**
   * Returns the bound address (useful after binding port 0).
   *
   * @return the local address
   */
  public InetSocketAddress localAddress() {
    try {
      return (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int localPort() {
    return localAddress().getPort();
  }

  private void receive() {
    ByteBuffer buf = ByteBuffer.allocateDirect(65_536);
    while (running) {
      try {
        buf.clear();
        InetSocketAddress from = (InetSocketAddress) channel.receive(buf);
        if (from == null) {
          continue;
        }
        buf.flip();
        byte[] data = new byte[buf.remaining()];
        buf.get(data);
        if (!queue.offer(new Datagram(data, from))) {
          counters.overloadDrops.increment();
        }
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (running) {
          LOG.warn("DHCP socket receive failed: {}", e.toString());
        }
      }
    }
  }

  private void work() {
    while (running) {
      Datagram d;
      try {
        d = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (d == null) {
        continue;
      }
      Optional<DhcpReply> reply;
      try {
        reply = server.handle(d.data, 0, d.data.length, d.source, networks, replyToSource);
      } catch (RuntimeException e) {
        LOG.warn("DHCP request from {} failed: {}", d.source, e.toString()); // keep serving
        continue;
      }
      if (reply.isPresent()) {
        try {
          channel.send(ByteBuffer.wrap(reply.get().payload()), reply.get().destination());
        } catch (ClosedChannelException e) {
          return;
        } catch (IOException e) {
          LOG.warn("DHCP reply to {} failed: {}", reply.get().destination(), e.toString());
        }
      }
    }
  }

  /** Closes the socket and stops the threads, waiting up to two seconds for them. */
  @Override
  public void close() {
    running = false;
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing DHCP socket", e);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    for (Thread t : threads) {
      t.interrupt();
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
