package io.dhcpstate.driver.inmemory.internal;

import io.dhcpstate.driver.inmemory.DhcpReply;
import io.dhcpstate.driver.inmemory.internal.LeaseEntry.Kind;
import io.dhcpstate.model.AddressMode;
import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.LeaseState;
import io.dhcpstate.model.Port;
import io.dhcpstate.spi.LeaseEvent;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHCPv4 protocol (RFC 2131 §4.3): turns one request into at most one reply, reading the
 * served networks and changing only the lease tables. Never throws on bad input: malformed
 * packets are counted and dropped. A reply is encoded before the lease it announces is stored,
 * so a reply that cannot be built changes nothing. Thread-safe; one network's lease changes
 * serialise on its {@link LeaseTable}: choosing an address and taking it is one step.
 */
public final class DhcpServer {
  private static final Logger LOG = LoggerFactory.getLogger(DhcpServer.class);

  /** The largest datagram looked at; larger ones are dropped as oversized. */
  public static final int MAX_PACKET = 4096;
  static final byte DISCOVER = 1;
  static final byte OFFER = 2;
  static final byte REQUEST = 3;
  static final byte DECLINE = 4;
  static final byte ACK = 5;
  static final byte NAK = 6;
  static final byte RELEASE = 7;
  static final byte INFORM = 8;
  static final InetSocketAddress BROADCAST = new InetSocketAddress(
      IpAddress.parse("255.255.255.255").toInetAddress(), 68);

  private final Registry registry;
  private final InstantSource clock;
  private final Counters counters;
  private final Duration offerHold;
  private final Duration probation;
  private volatile Consumer<LeaseEvent> events = e -> {};

  /**
   * Creates the protocol handler.
   *
   * @param registry the served networks and their lease tables
   * @param clock the clock for lease times
   * @param counters where to count
   * @param offerHold how long an offered address is held for the client
   * @param probation how long a declined address stays unused
   */
  public DhcpServer(Registry registry, InstantSource clock, Counters counters,
      Duration offerHold, Duration probation) {
    this.registry = registry;
    this.clock = clock;
    this.counters = counters;
    this.offerHold = offerHold;
    this.probation = probation;
  }

  /**
   * Sets where lease events go.
   *
   * @param sink the sink
   */
  public void onLeaseEvent(Consumer<LeaseEvent> sink) {
    this.events = sink;
  }

  /**
   * Handles one datagram. Never throws.
   *
   * @param data the datagram's bytes
   * @param offset where the message starts
   * @param length its length
   * @param source where it came from
   * @param networks the networks this transport may serve; empty for all
   * @param replyToSource send the reply to {@code source} instead of the RFC destination
   * @return the reply to send, or empty
   */
  public Optional<DhcpReply> handle(byte[] data, int offset, int length,
      InetSocketAddress source, Set<String> networks, boolean replyToSource) {
    counters.received.increment();
    Request req = Request.parse(data, offset, length, source, MAX_PACKET);
    if (req == null) {
      counters.malformed.increment();
      return Optional.empty();
    }
    try {
      Optional<Reply> reply = dispatch(req, networks);
      if (reply.isEmpty()) {
        return Optional.empty();
      }
      InetSocketAddress dest = replyToSource ? source : destination(req, reply.get().type);
      DhcpReply out = new DhcpReply(reply.get().payload, dest);
      counters.replies.increment();
      return Optional.of(out);
    } catch (RuntimeException e) {
      // A request that trips the handler must never stop the server.
      LOG.debug("dropped a DHCP request that failed: {}", e.toString());
      counters.malformed.increment();
      return Optional.empty();
    }
  }

  private Optional<Reply> dispatch(Request req, Set<String> networks) {
    switch (req.type) {
      case DISCOVER:
        return discover(req, networks);
      case REQUEST:
        return request(req, networks);
      case DECLINE:
        decline(req, networks);
        return Optional.empty();
      case RELEASE:
        release(req, networks);
        return Optional.empty();
      case INFORM:
        return inform(req, networks);
      default:
        return Optional.empty();
    }
  }

  /** A port this server serves: up, not the network's own DHCP port, with an address here. */
  private static boolean served(Placement at) {
    return at.port.adminStateUp() && !at.port.isDhcpPort() && at.fixed != null;
  }

  private Optional<Reply> discover(Request req, Set<String> allowed) {
    Instant now = clock.instant();
    Placement at = registry.locate(req, allowed);
    if (at == null) {
      counters.unknownClients.increment();
      return Optional.empty();
    }
    LeaseTable table = registry.table(at.network);
    SubnetProfile profile = at.profile;
    IpAddress ip;
    List<LeaseEntry> displaced;
    if (at.port != null) {
      if (!served(at)) {
        counters.unknownClients.increment();
        return Optional.empty();
      }
      ip = at.fixed.ip();
      synchronized (table) {
        displaced = hold(req, table, ip, profile, now);
      }
    } else {
      if (profile == null || profile.subnet.addressMode() != AddressMode.DYNAMIC) {
        counters.unknownClients.increment();
        return Optional.empty();
      }
      synchronized (table) {
        ip = AddressChoice.forOffer(req, at, table, now);
        displaced = ip == null ? List.of() : hold(req, table, ip, profile, now);
      }
      if (ip == null) {
        counters.poolExhausted.increment();
        return Optional.empty();
      }
    }
    reportDisplaced(at, displaced, now);
    Reply reply = Replies.lease(req, OFFER, ip, at, profile);
    counters.offers.increment();
    return Optional.of(reply);
  }

  /** Holds an address for the client's REQUEST, unless the client already holds it. */
  private List<LeaseEntry> hold(Request req, LeaseTable table, IpAddress ip,
      SubnetProfile profile, Instant now) {
    LeaseEntry current = table.byClient(req.clientKey);
    if (current != null && current.kind() == Kind.ACTIVE && current.ip().equals(ip)) {
      return List.of();
    }
    return table.put(new LeaseEntry(ip, req.clientKey, req.mac, req.clientId, req.hostname,
        Kind.OFFERED, now.plus(offerHold), profile.subnet.id()));
  }

  /** Whether a server identifier a client sent is this server's for the client. */
  private static boolean ours(Request req, Placement at, IpAddress serverId) {
    return at.network.profiles.stream().anyMatch(p -> p.serverId.equals(serverId))
        || Replies.portServerId(req, at.port).map(serverId::equals).orElse(false);
  }

  private Optional<Reply> request(Request req, Set<String> allowed) {
    Instant now = clock.instant();
    boolean selecting = req.serverId.isPresent();
    boolean initReboot = !selecting && req.requestedIp.isPresent() && req.ciaddr.isUnspecified();
    boolean renewing = !selecting && !initReboot && !req.ciaddr.isUnspecified();
    if (!selecting && !initReboot && !renewing) {
      counters.malformed.increment();
      return Optional.empty();
    }
    Placement at = registry.locate(req, allowed);
    if (at == null) {
      counters.ignored.increment();
      return Optional.empty();
    }
    LeaseTable table = registry.table(at.network);
    IpAddress wanted = selecting || initReboot ? req.requestedIp.orElse(req.ciaddr) : req.ciaddr;
    if (selecting && !ours(req, at, req.serverId.get())) {
      table.forgetOffer(req.clientKey); // the client chose another server
      counters.ignored.increment();
      return Optional.empty();
    }
    if (at.port != null) {
      if (!served(at)) {
        return nakOrIgnore(req, at, selecting);
      }
      if (!at.fixed.ip().equals(wanted)) {
        return nak(req, at);
      }
      return ack(req, at, at.profile, wanted, table, now);
    }
    LeaseEntry known = table.byClient(req.clientKey);
    IpAddress previous = table.previousAddress(req.clientKey);
    if (initReboot && known == null && previous == null) {
      counters.ignored.increment(); // RFC 2131 §4.3.2: no record of the client, stay silent
      return Optional.empty();
    }
    if (initReboot && !wanted.equals(known != null ? known.ip() : previous)) {
      return nak(req, at);
    }
    SubnetProfile profile = at.network.profileContaining(wanted).orElse(null);
    boolean fits = profile != null && profile.subnet.addressMode() == AddressMode.DYNAMIC
        && AddressChoice.assignable(at, profile, wanted, req.clientKey, table, now);
    if (fits) {
      return ack(req, at, profile, wanted, table, now);
    }
    boolean clientKnown = known != null || previous != null || selecting;
    return nakOrIgnore(req, at, clientKnown);
  }

  private Optional<Reply> nakOrIgnore(Request req, Placement at, boolean known) {
    if (known) {
      return nak(req, at);
    }
    counters.ignored.increment();
    return Optional.empty();
  }

  private Optional<Reply> nak(Request req, Placement at) {
    Reply reply = Replies.nak(req, at);
    counters.naks.increment();
    return Optional.of(reply);
  }

  /**
   * Acknowledges a lease: the reply is encoded first, then the lease is stored (and journaled)
   * if the address is still the client's to take, so the ACK never announces a lease that was
   * not kept, and two clients racing for one address never both get it.
   */
  private Optional<Reply> ack(Request req, Placement at, SubnetProfile profile, IpAddress ip,
      LeaseTable table, Instant now) {
    Reply reply = Replies.lease(req, ACK, ip, at, profile);
    Instant expires = reply.leaseSeconds < 0 ? Instant.MAX : now.plusSeconds(reply.leaseSeconds);
    Optional<String> host = at.port != null ? at.port.hostname().or(() -> req.hostname)
        : req.hostname;
    LeaseEntry entry = new LeaseEntry(ip, req.clientKey, req.mac, req.clientId, host,
        Kind.ACTIVE, expires, profile.subnet.id());
    boolean renewed;
    List<LeaseEntry> displaced;
    synchronized (table) {
      if (at.port == null
          && !AddressChoice.assignable(at, profile, ip, req.clientKey, table, now)) {
        return nak(req, at); // taken since it was checked
      }
      LeaseEntry known = table.byClient(req.clientKey);
      renewed = known != null && known.kind() == Kind.ACTIVE && known.ip().equals(ip)
          && !known.expired(now);
      displaced = table.put(entry); // durable before the ACK leaves
    }
    reportDisplaced(at, displaced, now);
    counters.acks.increment();
    events.accept(new LeaseEvent(renewed ? LeaseEvent.Type.RENEWED : LeaseEvent.Type.GRANTED,
        entry.toLease(networkId(at), LeaseState.ACTIVE)));
    return Optional.of(reply);
  }

  /** Reports leases a new row displaced: as expired if they had ended, else as released. */
  private void reportDisplaced(Placement at, List<LeaseEntry> displaced, Instant now) {
    for (LeaseEntry e : displaced) {
      boolean ended = e.expired(now);
      events.accept(new LeaseEvent(ended ? LeaseEvent.Type.EXPIRED : LeaseEvent.Type.RELEASED,
          e.toLease(networkId(at), ended ? LeaseState.EXPIRED_RECLAIMED : LeaseState.RELEASED)));
    }
  }

  private static String networkId(Placement at) {
    return at.network.snapshot.network().id();
  }

  private void decline(Request req, Set<String> allowed) {
    counters.ignored.increment();
    Placement at = registry.locate(req, allowed);
    if (at == null || req.requestedIp.isEmpty()
        || req.serverId.isPresent() && !ours(req, at, req.serverId.get())) {
      return;
    }
    LeaseTable table = registry.table(at.network);
    IpAddress ip = req.requestedIp.get();
    LeaseEntry declined;
    synchronized (table) {
      LeaseEntry e = table.byIp(ip);
      if (e == null || !e.clientKey().equals(req.clientKey) || e.kind() == Kind.DECLINED) {
        return;
      }
      table.remove(ip, LeaseState.RELEASED);
      declined = new LeaseEntry(ip, "declined:" + ip, req.mac, req.clientId,
          Optional.empty(), Kind.DECLINED, clock.instant().plus(probation), e.subnetId());
      table.put(declined);
    }
    events.accept(new LeaseEvent(LeaseEvent.Type.DECLINED,
        declined.toLease(networkId(at), LeaseState.DECLINED)));
  }

  private void release(Request req, Set<String> allowed) {
    counters.ignored.increment();
    Placement at = registry.locate(req, allowed);
    if (at == null || req.serverId.isPresent() && !ours(req, at, req.serverId.get())) {
      return;
    }
    LeaseTable table = registry.table(at.network);
    LeaseEntry e;
    synchronized (table) {
      e = table.byIp(req.ciaddr);
      if (e == null || !e.clientKey().equals(req.clientKey) || e.kind() != Kind.ACTIVE) {
        return;
      }
      table.remove(req.ciaddr, LeaseState.RELEASED);
    }
    events.accept(new LeaseEvent(LeaseEvent.Type.RELEASED,
        e.toLease(networkId(at), LeaseState.RELEASED)));
  }

  private Optional<Reply> inform(Request req, Set<String> allowed) {
    Placement at = registry.locate(req, allowed);
    if (at == null || req.ciaddr.isUnspecified()) {
      counters.unknownClients.increment();
      return Optional.empty();
    }
    SubnetProfile profile = at.network.profileContaining(req.ciaddr).orElse(null);
    if (profile == null) {
      counters.unknownClients.increment();
      return Optional.empty();
    }
    Reply reply = Replies.inform(req, at, profile);
    counters.acks.increment();
    return Optional.of(reply);
  }

  private static InetSocketAddress destination(Request req, byte type) {
    if (!req.giaddr.isUnspecified()) {
      return new InetSocketAddress(req.giaddr.toInetAddress(), 67);
    }
    if (type != NAK && !req.ciaddr.isUnspecified()) {
      return new InetSocketAddress(req.ciaddr.toInetAddress(), 68);
    }
    return BROADCAST;
  }

  /**
   * An encoded reply: its bytes, its message type, and the lease time it announces.
   *
   * @param payload the encoded message
   * @param type the DHCP message type
   * @param leaseSeconds the lease time sent, -1 for infinite, 0 when none
   */
  record Reply(byte[] payload, byte type, long leaseSeconds) {}

  /** Where a request belongs: its network, its port (if known) and the subnet to serve. */
  record Placement(ServedNetwork network, Port port, FixedIp fixed, SubnetProfile profile) {}
}
