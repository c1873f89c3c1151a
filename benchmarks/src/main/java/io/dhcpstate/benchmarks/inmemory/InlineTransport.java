package io.dhcpstate.benchmarks.inmemory;

import io.dhcpstate.driver.inmemory.DhcpReply;
import io.dhcpstate.driver.inmemory.InMemoryDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Optional;

/**
 * A diagnostic UDP loop for {@link PerfServer}: worker threads that each receive, handle
 * through the driver's socketless {@link InMemoryDriver#handle} and send on one shared socket,
 * with no hand-off between threads (run to completion). Compared with the driver's own
 * transport (a receive thread handing datagrams to workers through a queue), it shows what the
 * hand-off costs. Daemon threads; lives as long as the process.
 */
final class InlineTransport {
  private InlineTransport() {}

  static void start(InMemoryDriver driver, InetSocketAddress bind, int workers) {
    DatagramChannel channel;
    try {
      channel = DatagramChannel.open();
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
      channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
      channel.bind(bind);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind " + bind, e);
    }
    for (int i = 0; i < workers; i++) {
      Thread t = new Thread(() -> loop(driver, channel), "inline-udp-" + i);
      t.setDaemon(true);
      t.start();
    }
  }

  private static void loop(InMemoryDriver driver, DatagramChannel channel) {
    ByteBuffer in = ByteBuffer.allocateDirect(65_536);
    ByteBuffer out = ByteBuffer.allocateDirect(65_536);
    while (channel.isOpen()) {
      try {
        in.clear();
        InetSocketAddress from = (InetSocketAddress) channel.receive(in);
        if (from == null) {
          continue;
        }
        in.flip();
        Optional<DhcpReply> reply = driver.handle(in, from);
        if (reply.isPresent()) {
          out.clear();
          out.put(reply.get().payload()).flip();
          channel.send(out, reply.get().destination());
        }
      } catch (IOException e) {
        if (!channel.isOpen()) {
          return;
        }
      }
    }
  }
}
