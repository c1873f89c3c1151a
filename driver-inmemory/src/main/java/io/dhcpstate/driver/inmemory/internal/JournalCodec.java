package io.dhcpstate.driver.inmemory.internal;

import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.LeaseState;
import io.dhcpstate.model.MacAddress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The lease journal's file format: encoding of one lease into a framed record, and replay of a
 * whole file into the live leases. Stateless; every method is safe for concurrent use.
 *
 * <p>All numbers are big-endian; strings are ASCII (every string field of a {@link Lease} is).
 *
 * <pre>
 * file    = header frame*
 * header  = magic "DSLJ" (4 bytes), version u32 (1)
 * frame   = length u32 (of the payload, 15..2048), crc u32 (CRC32 of the length field and the
 *           payload), payload
 * payload = state u8 (1 active, 2 declined, 3 expired-reclaimed, 4 released),
 *           flags u8 (1 client id, 2 host name, 4 expiry; other bits zero),
 *           network id (u8 length, bytes), MAC (6 bytes), IP (u8 length 4 or 16, bytes),
 *           [expiry: epoch second i64, nanosecond i32], [client id: u16 length, bytes],
 *           [host name: u8 length, bytes]
 * </pre>
 *
 * <p>Replay trusts nothing: a frame whose length is out of range, whose CRC does not match, or
 * whose payload does not decode exactly into a valid {@link Lease} ends the replay. The damage
 * is a {@linkplain Damage#TORN_TAIL torn tail} when nothing but zeros follows the bad frame
 * (what a write cut short by a kill or a power loss leaves), else {@linkplain Damage#CORRUPT
 * corruption}.
 */
final class JournalCodec {
  /** Bytes of the file header. */
  static final int HEADER_BYTES = 8;
  /** Bytes of a frame before its payload: length and CRC. */
  static final int FRAME_OVERHEAD = 8;
  /** The smallest valid payload: an IPv4 lease of a one-character network, no options. */
  static final int MIN_PAYLOAD = 15;
  /** The largest payload accepted; the largest valid lease needs about 1,130 bytes. */
  static final int MAX_PAYLOAD = 2048;

  private static final int MAGIC = 0x44534c4a; // "DSLJ"
  private static final int VERSION = 1;
  private static final int CLIENT_ID = 1;
  private static final int HOSTNAME = 2;
  private static final int EXPIRY = 4;
  private static final LeaseState[] STATES = {
    null, LeaseState.ACTIVE, LeaseState.DECLINED, LeaseState.EXPIRED_RECLAIMED,
    LeaseState.RELEASED
  };

  private JournalCodec() {}

  /** What a journal is keyed by: one lease per address of a network. */
  record Key(String networkId, IpAddress ip) {
    static Key of(Lease lease) {
      return new Key(lease.networkId(), lease.ip());
    }
  }

  /** How a replay ended. */
  enum Damage {
    /** Every byte was a valid frame. */
    NONE,
    /** The last frame was incomplete or invalid with only zeros after it: an interrupted write. */
    TORN_TAIL,
    /** An invalid frame was followed by more data. */
    CORRUPT
  }

  /**
   * The outcome of a replay.
   *
   * @param live the live leases by key, in a mutable map owned by the caller
   * @param records how many valid frames were read
   * @param validEnd the file offset just after the last valid frame
   * @param damage how the replay ended
   * @param ignoredBytes how many bytes from {@code validEnd} on were not replayed
   */
  record Replay(Map<Key, Lease> live, long records, long validEnd, Damage damage,
      long ignoredBytes) {}

  /** Tells whether a state keeps its lease in the journal (true) or removes it (false). */
  static boolean isLive(LeaseState state) {
    return state == LeaseState.ACTIVE || state == LeaseState.DECLINED;
  }

  /** Applies one record to a map of live leases: an upsert or a removal by key. */
  static void apply(Map<Key, Lease> live, Lease lease) {
    if (isLive(lease.state())) {
      live.put(Key.of(lease), lease);
    } else {
      live.remove(Key.of(lease));
    }
  }

  /** Returns a new buffer holding the file header, ready to be written. */
  static ByteBuffer header() {
    return ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(VERSION).flip();
  }

  /**
   * Checks a file's first bytes.
   *
   * @param start up to {@link #HEADER_BYTES} bytes from the start of the file
   * @return true for a complete, valid header; false for a prefix of one (an empty file, or a
   *     creation cut short), which holds no leases
   * @throws IOException naming the problem if the bytes are not a journal header of this version
   */
  static boolean checkHeader(ByteBuffer start) throws IOException {
    ByteBuffer expected = header();
    int n = start.remaining();
    if (!start.equals(expected.limit(Math.min(n, HEADER_BYTES)))) {
      if (n >= 4 && start.getInt(start.position()) == MAGIC) {
        throw new IOException("unsupported lease journal version "
            + Integer.toUnsignedString(start.getInt(start.position() + 4)));
      }
      throw new IOException("not a lease journal (unknown header)");
    }
    return n == HEADER_BYTES;
  }

  /**
   * Encodes a lease as a complete frame.
   *
   * @param lease a valid lease
   * @return the frame's bytes
   */
  static byte[] frame(Lease lease) {
    byte[] network = ascii(lease.networkId());
    byte[] ip = lease.ip().toBytes();
    byte[] clientId = lease.clientId().map(JournalCodec::ascii).orElse(null);
    byte[] hostname = lease.hostname().map(JournalCodec::ascii).orElse(null);
    int flags = (clientId != null ? CLIENT_ID : 0) | (hostname != null ? HOSTNAME : 0)
        | (lease.expiresAt().isPresent() ? EXPIRY : 0);
    int length = 2 + 1 + network.length + 6 + 1 + ip.length
        + (lease.expiresAt().isPresent() ? 12 : 0)
        + (clientId != null ? 2 + clientId.length : 0)
        + (hostname != null ? 1 + hostname.length : 0);
    if (length > MAX_PAYLOAD || network.length > 255 || hostname != null && hostname.length > 255
        || clientId != null && clientId.length > 65535) {
      throw new IllegalArgumentException("lease too large for the journal: " + length + " bytes");
    }
    ByteBuffer b = ByteBuffer.allocate(FRAME_OVERHEAD + length);
    b.putInt(length).putInt(0);
    b.put(stateCode(lease.state())).put((byte) flags);
    b.put((byte) network.length).put(network);
    b.put(lease.mac().toBytes());
    b.put((byte) ip.length).put(ip);
    lease.expiresAt().ifPresent(t -> b.putLong(t.getEpochSecond()).putInt(t.getNano()));
    if (clientId != null) {
      b.putShort((short) clientId.length).put(clientId);
    }
    if (hostname != null) {
      b.put((byte) hostname.length).put(hostname);
    }
    b.putInt(4, crc(b.array(), 0, length));
    return b.array();
  }

  /**
   * Decodes one payload; never throws.
   *
   * @param payload exactly the payload's bytes
   * @return the lease, or empty if the bytes are not exactly one valid lease
   */
  static Optional<Lease> decode(ByteBuffer payload) {
    ByteBuffer p = payload.duplicate();
    try {
      int code = p.get();
      LeaseState state = code >= 1 && code < STATES.length ? STATES[code] : null;
      int flags = p.get() & 0xff;
      if (state == null || (flags & ~(CLIENT_ID | HOSTNAME | EXPIRY)) != 0) {
        return Optional.empty();
      }
      String network = ascii(p, p.get() & 0xff);
      byte[] mac = new byte[6];
      p.get(mac);
      int ipLength = p.get() & 0xff;
      if (ipLength != 4 && ipLength != 16) {
        return Optional.empty();
      }
      byte[] ip = new byte[ipLength];
      p.get(ip);
      Optional<Instant> expiry = Optional.empty();
      if ((flags & EXPIRY) != 0) {
        long second = p.getLong();
        int nano = p.getInt();
        if (nano < 0 || nano > 999_999_999) {
          return Optional.empty();
        }
        expiry = Optional.of(Instant.ofEpochSecond(second, nano));
      }
      Optional<String> clientId = (flags & CLIENT_ID) != 0
          ? Optional.of(ascii(p, p.getShort() & 0xffff)) : Optional.empty();
      Optional<String> hostname = (flags & HOSTNAME) != 0
          ? Optional.of(ascii(p, p.get() & 0xff)) : Optional.empty();
      if (p.hasRemaining()) {
        return Optional.empty();
      }
      return Optional.of(new Lease(network, MacAddress.ofBytes(mac), IpAddress.ofBytes(ip),
          clientId, hostname, expiry, state));
    } catch (RuntimeException e) {
      // Underflow, a non-ASCII byte, an instant out of range, or a lease that fails validation:
      // all mean the record is not one this journal wrote.
      return Optional.empty();
    }
  }

  /**
   * Replays frames until the end of the input or the first invalid frame.
   *
   * @param in the input, positioned just after the header; read to its end
   * @param offset the file offset of the input's first byte
   * @return the live leases and how the replay ended
   * @throws IOException if reading fails
   */
  static Replay replay(ReadableByteChannel in, long offset) throws IOException {
    Window w = new Window(in);
    Map<Key, Lease> live = new HashMap<>();
    long records = 0;
    long at = offset;
    while (true) {
      if (!w.fill(FRAME_OVERHEAD)) {
        if (w.buf.remaining() == 0) {
          return new Replay(live, records, at, Damage.NONE, 0);
        }
        return damaged(live, records, at, w, w.buf.remaining());
      }
      int pos = w.buf.position();
      int length = w.buf.getInt(pos);
      int crc = w.buf.getInt(pos + 4);
      if (length < MIN_PAYLOAD || length > MAX_PAYLOAD) {
        return damaged(live, records, at, w, 0);
      }
      int size = FRAME_OVERHEAD + length;
      if (!w.fill(size)) {
        return damaged(live, records, at, w, w.buf.remaining());
      }
      pos = w.buf.position();
      Optional<Lease> lease = Optional.empty();
      if (crc(w.buf.array(), pos, length) == crc) {
        lease = decode(w.buf.slice(pos + FRAME_OVERHEAD, length));
      }
      if (lease.isEmpty()) {
        return damaged(live, records, at, w, size);
      }
      apply(live, lease.get());
      records++;
      at += size;
      w.buf.position(pos + size);
    }
  }

  /** Ends a replay at a bad frame of {@code frameBytes} bytes, classifying what follows it. */
  private static Replay damaged(Map<Key, Lease> live, long records, long at, Window w,
      int frameBytes) throws IOException {
    w.buf.position(w.buf.position() + frameBytes);
    long ignored = frameBytes;
    boolean zeros = true;
    while (true) {
      while (w.buf.hasRemaining()) {
        zeros &= w.buf.get() == 0;
        ignored++;
      }
      if (!w.fill(1)) {
        break;
      }
    }
    return new Replay(live, records, at, zeros ? Damage.TORN_TAIL : Damage.CORRUPT, ignored);
  }

  /** CRC32 of a frame's length field (at {@code start}) and its payload. */
  private static int crc(byte[] frame, int start, int length) {
    CRC32 crc = new CRC32();
    crc.update(frame, start, 4);
    crc.update(frame, start + FRAME_OVERHEAD, length);
    return (int) crc.getValue();
  }

  private static byte stateCode(LeaseState state) {
    for (int i = 1; i < STATES.length; i++) {
      if (STATES[i] == state) {
        return (byte) i;
      }
    }
    throw new IllegalArgumentException("unknown lease state " + state);
  }

  private static byte[] ascii(String s) {
    byte[] b = new byte[s.length()];
    for (int i = 0; i < b.length; i++) {
      char c = s.charAt(i);
      if (c > 0x7f) {
        throw new IllegalArgumentException("a journal string must be ASCII");
      }
      b[i] = (byte) c;
    }
    return b;
  }

  private static String ascii(ByteBuffer p, int length) {
    char[] c = new char[length];
    for (int i = 0; i < length; i++) {
      byte b = p.get();
      if (b < 0) {
        throw new IllegalArgumentException("not ASCII");
      }
      c[i] = (char) b;
    }
    return new String(c);
  }

  /** A read buffer over a channel that holds at least one whole frame. */
  private static final class Window {
    private final ReadableByteChannel in;
    private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024).flip();
    private boolean eof;

    Window(ReadableByteChannel in) {
      this.in = in;
    }

    /** Makes {@code n} bytes readable; false if the input ends first. */
    boolean fill(int n) throws IOException {
      while (buf.remaining() < n && !eof) {
        buf.compact();
        eof = in.read(buf) < 0;
        buf.flip();
      }
      return buf.remaining() >= n;
    }
  }
}
