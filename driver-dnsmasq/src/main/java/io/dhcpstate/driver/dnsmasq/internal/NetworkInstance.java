package io.dhcpstate.driver.dnsmasq.internal;

import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.PortChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One network served by one dnsmasq: its directory, its process, and the batching of changes.
 * Changes only record the desired state and the addresses to release; a flush, at most one per
 * batching window, writes the files once, reloads (or restarts) once, verifies in dnsmasq's
 * log that it re-read them, releases stale leases, and completes every waiting caller. A failed
 * flush keeps its restart request and its releases for the next one.
 * Thread-safe: state is guarded by this object's monitor and flushes never overlap.
 */
public final class NetworkInstance {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkInstance.class);

  /** An address a client may still hold that the network no longer gives it. */
  record Stale(IpAddress ip, io.dhcpstate.model.MacAddress mac, Optional<String> clientId) {}

  final String networkId;
  final Path dir;
  private final Config config;
  private final ScheduledExecutorService executor;
  private final Releaser releaser;
  private final DnsmasqLog log;

  // guarded by this
  private NetworkSnapshot desired;
  private DhcpSettings desiredSettings;
  private boolean forceRestart;
  private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
  private final List<Stale> toRelease = new ArrayList<>();
  private boolean flushScheduled;
  private boolean flushing;
  private boolean stopped;
  // owned by the flushing thread (flushes never overlap); volatile for the monitor and pid()
  private volatile DnsmasqProcess process;
  /** dnsmasq's arguments as it runs them; a difference from the wanted ones means restart. */
  private List<String> runningArgs = List.of();
  /** Whether the host file dnsmasq holds has set: tags; null when unknown. */
  private Boolean heldTags;
  /** Whether dnsmasq was verified to hold the files as they are on disk. */
  private boolean inSync;
  // guarded by this
  private int respawns;
  // guarded by this
  private Instant nextRespawn = Instant.EPOCH;
  // guarded by this
  private Instant lastStart = Instant.EPOCH;

  NetworkInstance(String networkId, Path dir, Config config, ScheduledExecutorService executor,
      Releaser releaser) {
    this.networkId = networkId;
    this.dir = dir;
    this.config = config;
    this.executor = executor;
    this.releaser = releaser;
    this.log = new DnsmasqLog(networkId, dir, config.user());
  }

  /** Asks for the network to be served as the snapshot says; completes once it is live. */
  synchronized CompletableFuture<Void> submit(NetworkSnapshot network, DhcpSettings settings,
      List<PortChange> changes, boolean restart) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    if (stopped) {
      f.completeExceptionally(new IllegalStateException("network " + networkId + " is disabled"));
      return f;
    }
    desired = network;
    desiredSettings = settings;
    forceRestart |= restart;
    for (PortChange pc : changes) {
      pc.before().ifPresent(before -> staleOf(before, pc.after().orElse(null)));
    }
    waiting.add(f);
    scheduleFlush(changes.isEmpty() ? Duration.ZERO : config.batchingWindow());
    return f;
  }

  private void staleOf(Port before, Port after) {
    Optional<String> cid = before.extraDhcpOptions().stream()
        .filter(o -> o.option().code() == 61).map(o -> o.value()).findFirst();
    for (FixedIp f : before.fixedIps()) {
      boolean kept = after != null && after.mac().equals(before.mac())
          && after.fixedIps().stream().anyMatch(a -> a.ip().equals(f.ip()));
      if (!kept) {
        toRelease.add(new Stale(f.ip(), before.mac(), cid));
      }
    }
  }

  private void scheduleFlush(Duration delay) {
    if (flushScheduled) {
      return;
    }
    flushScheduled = true;
    executor.schedule(this::flush, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void flush() {
    NetworkSnapshot network;
    DhcpSettings settings;
    boolean restart;
    List<CompletableFuture<Void>> done;
    List<Stale> release;
    synchronized (this) {
      flushScheduled = false;
      if (flushing || stopped) {
        if (!stopped) {
          scheduleFlush(config.batchingWindow());
        }
        return;
      }
      flushing = true;
      network = desired;
      settings = desiredSettings;
      restart = forceRestart;
      forceRestart = false;
      done = List.copyOf(waiting);
      waiting.clear();
      release = List.copyOf(toRelease);
      toRelease.clear();
    }
    Throwable failure = null;
    try {
      serve(network, settings, restart);
      releaser.release(this, release, iface());
    } catch (Exception e) {
      failure = e;
      LOG.warn("dnsmasq for network {} failed: {}", networkId, e.toString());
      synchronized (this) { // the next flush (the agent retries) restarts and releases still
        forceRestart |= restart;
        toRelease.addAll(0, release);
      }
    } finally {
      synchronized (this) {
        flushing = false;
        notifyAll();
        if (!waiting.isEmpty()) {
          scheduleFlush(Duration.ZERO);
        }
      }
    }
    for (CompletableFuture<Void> f : done) {
      if (failure == null) {
        f.complete(null);
      } else {
        f.completeExceptionally(failure);
      }
    }
  }

  String iface() {
    return CommandLine.checkInterface(config.interfaces().interfaceFor(networkId));
  }

  /**
   * Writes the files, then reloads, or (re)starts when needed; verifies in the log.
   *
   * <p>A reload is SIGHUP, unless the host file dnsmasq holds has {@code set:} tags: dnsmasq up
   * to 2.90 links a tagged host entry's tag into a list on its stack while it answers that
   * host, and frees that list when SIGHUP re-reads the file, so it crashes (SIGSEGV or abort).
   * Such networks are restarted instead; the renderer tags only ports with options of their own.
   */
  private void serve(NetworkSnapshot network, DhcpSettings settings, boolean restart)
      throws IOException {
    // what the host application supplies is checked before anything is written
    List<String> command = new ArrayList<>(config.prefix().prefixFor(networkId));
    List<String> args = CommandLine.arguments(config, network, settings, iface(), dir);
    command.addAll(args);
    Renderer.Files files = Renderer.render(network, settings);
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, config.dirMode());
    if (process == null) {
      process = DnsmasqProcess.adopt(dir).orElse(null);
      runningArgs = process == null ? List.of() : process.arguments();
      heldTags = null;
      inSync = false;
    }
    boolean tagsHeld = heldTags == null ? hasTags(dir.resolve("host")) : heldTags;
    boolean wasInSync = inSync;
    inSync = false; // until verified again
    boolean changed = AtomicFile.write(dir.resolve("host"), files.host(), config.fileMode());
    changed |= AtomicFile.write(dir.resolve("addn_hosts"), files.addnHosts(), config.fileMode());
    changed |= AtomicFile.write(dir.resolve("opts"), files.opts(), config.fileMode());
    boolean tagsNow = files.host().contains(",set:");
    boolean alive = process != null && process.alive();
    if (!CommandLine.needsProcess(network)) {
      if (alive) {
        process.stop(config.stopTimeout());
      }
      process = null;
      runningArgs = List.of();
      return;
    }
    boolean sameArgs = runningArgs.size() >= args.size()
        && runningArgs.subList(runningArgs.size() - args.size(), runningArgs.size()).equals(args);
    if (alive && !restart && sameArgs && wasInSync && !changed) {
      inSync = true;
      return; // dnsmasq already serves exactly these files
    }
    if (alive && !restart && sameArgs && !tagsHeld) {
      long from = log.size();
      heldTags = true; // unknown until verified: assume the worst
      if (!process.reload()) {
        throw new IOException("could not signal dnsmasq pid " + process.pid());
      }
      log.awaitReread(from, () -> process == null || process.alive());
      heldTags = tagsNow;
      inSync = true;
      return;
    }
    if (alive) {
      process.stop(config.stopTimeout());
    }
    Path leases = dir.resolve("leases");
    if (!Files.exists(leases)) {
      AtomicFile.write(leases, LeaseFile.initial(network), config.fileMode());
    }
    long from = log.size();
    synchronized (this) {
      if (stopped) {
        throw new IOException("network " + networkId + " was disabled");
      }
      lastStart = Instant.now();
    }
    heldTags = true;
    process = DnsmasqProcess.start(command, dir);
    runningArgs = args;
    log.awaitReread(from, () -> process == null || process.alive());
    heldTags = tagsNow;
    inSync = true;
    LOG.info("dnsmasq for network {} running as pid {}", networkId, process.pid());
  }

  private static boolean hasTags(Path host) throws IOException {
    if (!Files.isRegularFile(host)) {
      return false;
    }
    try (var lines = Files.lines(host, StandardCharsets.US_ASCII)) {
      return lines.anyMatch(l -> l.contains(",set:"));
    } catch (java.io.UncheckedIOException e) {
      return true; // unreadable: assume the worst
    }
  }

  /**
   * Called by the monitor: respawns a dead process, with backoff, and forgets the backoff once
   * a process has stayed up for the longest delay. Returns true if it respawned.
   */
  boolean checkAlive(Instant now) {
    synchronized (this) {
      if (stopped || flushing || desired == null || process == null) {
        return false;
      }
      if (process.alive()) {
        if (respawns > 0 && now.isAfter(lastStart.plus(config.respawnMax()))) {
          respawns = 0;
          nextRespawn = Instant.EPOCH;
        }
        return false;
      }
      if (!config.respawn() || now.isBefore(nextRespawn)) {
        return false;
      }
      respawns++;
      long delay = Math.min(config.respawnMax().toMillis(),
          config.respawnMin().toMillis() << Math.min(respawns - 1, 16));
      nextRespawn = now.plusMillis(delay);
      forceRestart = true;
      LOG.warn("dnsmasq for network {} died; respawning (attempt {})", networkId, respawns);
      scheduleFlush(Duration.ZERO);
      return true;
    }
  }

  /**
   * Stops the process and, if asked, removes the directory. A flush in progress is waited for
   * first (bounded), and no flush starts a process afterwards, so no dnsmasq outlives this.
   */
  void stop(boolean removeFiles) {
    synchronized (this) {
      stopped = true;
      for (CompletableFuture<Void> f : waiting) {
        f.completeExceptionally(new IllegalStateException("network " + networkId + " disabled"));
      }
      waiting.clear();
      long deadline = System.nanoTime() + Config.RELOAD_VERIFY.plus(config.stopTimeout())
          .multipliedBy(2).toNanos();
      while (flushing && System.nanoTime() < deadline) {
        try {
          TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, deadline - System.nanoTime()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    DnsmasqProcess p = process != null ? process : DnsmasqProcess.adopt(dir).orElse(null);
    if (p != null) {
      p.stop(config.stopTimeout());
    }
    if (removeFiles) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException("could not remove " + dir, e);
      }
    }
  }

  /** Parses the current lease file. */
  LeaseFile.Parsed leases() {
    Path file = dir.resolve("leases");
    try {
      // dnsmasq rewrites the file in place (truncate, then write): a read in between sees it
      // empty or cut short. Trust only two identical reads that end with a whole line.
      String last = null;
      for (int i = 0; i < 100; i++) {
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1)
            : "";
        if (text.equals(last) && (text.isEmpty() || text.endsWith("\n"))) {
          return LeaseFile.parse(networkId, text);
        }
        last = text;
        Thread.sleep(i == 0 ? 2 : 10);
      }
      return LeaseFile.parse(networkId, last);
    } catch (IOException e) {
      return new LeaseFile.Parsed(List.of(), 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new LeaseFile.Parsed(List.of(), 1);
    }
  }

  /** Whether the process is up (for tests and stats). */
  synchronized Optional<Long> pid() {
    return process != null && process.alive() ? Optional.of(process.pid()) : Optional.empty();
  }

  List<Lease> leaseList() {
    return leases().leases();
  }
}
