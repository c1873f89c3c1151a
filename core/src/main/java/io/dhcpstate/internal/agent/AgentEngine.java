package io.dhcpstate.internal.agent;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import io.dhcpstate.agent.AgentStats;
import io.dhcpstate.agent.DhcpAgent;
import io.dhcpstate.agent.DriverSelector;
import io.dhcpstate.agent.ResourceEvent;
import io.dhcpstate.agent.Scheduler;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.spi.DhcpDriver;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.DriverContext;
import io.dhcpstate.spi.LeaseEvent;
import io.dhcpstate.spi.NetworkSource;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's engine: event intake, per-network scheduling, resync and full sync.
 *
 * <p><b>Design.</b> Every network has a {@link NetworkSlot} with its own queue. Intake only
 * appends to that queue (under the slot's monitor) and, if the slot was idle, puts it on a run
 * queue ordered by event priority; it never waits for I/O. At most {@code workers} slots run at
 * once on the injected executor, and a slot runs on one worker at a time: the worker takes the
 * whole queue as one batch, applies it to the slot's persistent snapshot (O(log n) per port
 * change), then issues at most one driver call per driver and releases its worker permit while
 * the calls are in flight, so a slow driver on one network never holds up another. Events that
 * arrive meanwhile form the next batch. Failures (driver errors and timeouts, rejected events,
 * source errors) schedule a resync of that network only, throttled and retried with jittered
 * exponential backoff on the injected scheduler. Every timer (driver timeouts, retries) goes
 * through {@link Timers}, which counts it as pending work for {@code awaitIdle} until it runs or
 * is cancelled; no agent thread ever blocks on a driver stage (a full sync waits for the drivers'
 * network listings asynchronously). {@link #close()} cancels pending retries, then drains queued
 * events and calls in flight within the close timeout.
 */
public final class AgentEngine implements DhcpAgent {
  private static final Logger LOG = LoggerFactory.getLogger(DhcpAgent.class);
  private static final int MAX_BACKOFF_DOUBLINGS = 6;

  private enum State { NEW, STARTED, CLOSING, CLOSED }

  final Logger log = LOG;
  final NetworkSource source;
  final List<DhcpDriver> drivers;
  final DriverSelector selector;
  final InstantSource clock;
  final Executor executor;
  final Scheduler scheduler;
  final Duration tombstoneLifetime;
  final Stats stats = new Stats();
  private final AgentConfig config;
  final Idle idle = new Idle();
  final Timers timers;
  final ListenerDispatch dispatch;
  private final ReadyPorts ready;
  private final DriverCalls calls;
  private final FullSync fullSync;
  private final ConcurrentHashMap<String, NetworkSlot> slots = new ConcurrentHashMap<>();
  private final AtomicLong seq = new AtomicLong();
  private volatile State state = State.NEW;
  private volatile DhcpSettings settings;

  /** A slot waiting for a worker, ordered by the priority that woke it, then arrival. */
  private record Run(NetworkSlot slot, int priority, long seq) {}

  private final Object runLock = new Object();
  // guarded by runLock
  private final PriorityQueue<Run> runQueue = new PriorityQueue<>(
      (a, b) -> a.priority != b.priority ? Integer.compare(a.priority, b.priority)
          : Long.compare(a.seq, b.seq));
  // guarded by runLock
  private int running;

  /**
   * Creates an engine from checked settings; {@link #start()} begins work.
   *
   * @param config the settings
   */
  public AgentEngine(AgentConfig config) {
    this.config = config;
    this.source = config.source();
    this.drivers = List.copyOf(config.drivers());
    this.selector = config.selector();
    this.clock = config.clock();
    this.executor = config.executor();
    this.scheduler = config.scheduler();
    this.tombstoneLifetime = config.tombstoneLifetime();
    this.settings = config.settings();
    this.timers = new Timers(scheduler, executor, idle);
    this.dispatch = new ListenerDispatch(config.listener(), executor, idle);
    this.ready = new ReadyPorts(config.readyBatchSize(), dispatch,
        (ex, task, delay) -> timers.schedule(task, delay).future(), executor, idle);
    this.calls = new DriverCalls(this, dispatch, ready);
    this.fullSync = new FullSync(this);
  }

  @Override
  public void start() {
    synchronized (this) {
      if (state != State.NEW) {
        throw new IllegalStateException("agent already started or closed: " + state);
      }
      state = State.STARTED;
    }
    for (DhcpDriver d : drivers) {
      d.start(new DriverContext() {
        @Override
        public InstantSource clock() {
          return clock;
        }

        @Override
        public void leaseEvent(LeaseEvent event) {
          Objects.requireNonNull(event, "event");
          dispatch.post(l -> l.leaseEvent(d.name(), event));
        }
      });
    }
    LOG.info("dhcpstate agent starting with {} driver(s), {} worker(s)", drivers.size(),
        config.workers());
    for (NetworkSlot slot : slots.values()) {
      if (slot.claimIfPending()) {
        runLater(slot, 0);
      }
    }
    requestFullSync("agent started");
  }

  @Override
  public void submit(ResourceEvent event) {
    Objects.requireNonNull(event, "event");
    State s = state;
    if (s == State.CLOSING || s == State.CLOSED) {
      throw new IllegalStateException("agent is closed; event for network "
          + event.networkId() + " not accepted");
    }
    idle.enter();
    stats.queued.increment();
    NetworkSlot slot = slots.computeIfAbsent(event.networkId(), NetworkSlot::new);
    enqueue(slot, new Item.Event(event, seq.incrementAndGet()), event.priority());
  }

  void enqueue(NetworkSlot slot, Item item, int priority) {
    if (slot.offer(item, () -> state == State.STARTED || state == State.CLOSING)) {
      runLater(slot, priority);
    }
  }

  private void runLater(NetworkSlot slot, int priority) {
    idle.enter();
    synchronized (runLock) {
      runQueue.add(new Run(slot, priority, seq.incrementAndGet()));
    }
    dispatchRuns();
  }

  private void dispatchRuns() {
    while (true) {
      Run next;
      synchronized (runLock) {
        if (running >= config.workers() || runQueue.isEmpty()) {
          return;
        }
        next = runQueue.poll();
        running++;
      }
      try {
        executor.execute(() -> run(next.slot));
      } catch (RejectedExecutionException e) {
        LOG.warn("executor rejected work for network {}; dropped", next.slot.id);
        synchronized (runLock) {
          running--;
        }
        idle.exit();
        return;
      }
    }
  }

  private void run(NetworkSlot slot) {
    Batch batch;
    List<Item> items = slot.takeBatch();
    try {
      batch = slot.apply(items, this);
    } catch (RuntimeException e) {
      LOG.error("applying events to network {} failed; resyncing it", slot.id, e);
      batch = new Batch(slot.snapshot);
      batch.resyncReasons.add("internal error: " + e);
    } finally {
      for (Item i : items) {
        if (i instanceof Item.Event) {
          stats.queued.decrement();
          idle.exit();
        }
      }
      synchronized (runLock) {
        running--;
      }
      dispatchRuns();
    }
    Batch b = batch;
    CompletableFuture<Void> driverPhase;
    try {
      driverPhase = calls.sync(slot, b);
    } catch (RuntimeException e) {
      driverPhase = CompletableFuture.failedFuture(e);
    }
    driverPhase.whenComplete((v, e) -> {
      if (e != null) {
        LOG.error("driver phase for network {} failed", slot.id, e);
      }
      if (slot.finishRun()) {
        runLater(slot, 3);
      }
      idle.exit();
    });
  }

  void stale(ResourceEvent ev) {
    stats.stale.increment();
    LOG.debug("dropped stale {} for {} (revision {})", ev.getClass().getSimpleName(),
        ev.resourceId(), ev.revision());
  }

  void reject(NetworkSlot slot, ResourceEvent ev, String reason, Batch b) {
    reject(slot, ev, new InvalidResourceException(
        Violation.of("event", ev.resourceId(), "networkId", ev.networkId(), reason)), b);
  }

  void reject(NetworkSlot slot, ResourceEvent ev, InvalidResourceException e, Batch b) {
    stats.rejected.increment();
    LOG.warn("rejected {}: {}", ev.getClass().getSimpleName(), e.getMessage());
    List<Violation> v = e.violations();
    dispatch.post(l -> l.eventRejected(ev, v));
    b.resyncReasons.add("rejected " + ev.getClass().getSimpleName() + " " + ev.resourceId());
  }

  @Override
  public void requestResync(String networkId, String reason) {
    Objects.requireNonNull(reason, "reason");
    slot(io.dhcpstate.internal.Checks.id("network", networkId, "id", networkId))
        .requestResync(this, List.of(reason), false);
  }

  @Override
  public void requestFullSync(String reason) {
    Objects.requireNonNull(reason, "reason");
    fullSync.request(reason);
  }

  /** The applied-mutation count of every slot, to detect events racing a full-sync read. */
  Map<String, Long> mutationsBySlot() {
    Map<String, Long> out = new HashMap<>();
    slots.forEach((id, slot) -> out.put(id, slot.mutations));
    return out;
  }

  /** The ids of the networks in the cache. */
  Set<String> knownNetworks() {
    Set<String> ids = new HashSet<>();
    slots.forEach((id, slot) -> {
      if (slot.snapshot != null) {
        ids.add(id);
      }
    });
    return ids;
  }

  NetworkSlot slot(String networkId) {
    return slots.computeIfAbsent(networkId, NetworkSlot::new);
  }

  long nextSeq() {
    return seq.incrementAndGet();
  }

  Duration throttleDelay(Instant last) {
    Duration since = Duration.between(last, clock.instant());
    Duration left = config.resyncThrottle().minus(since);
    return left.isNegative() ? Duration.ZERO : left;
  }

  Duration backoff(int failures) {
    long base = config.resyncInterval().toMillis()
        << Math.min(failures - 1, MAX_BACKOFF_DOUBLINGS);
    double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis((long) (base * jitter));
  }

  DhcpSettings settingsNow() {
    return settings;
  }

  Duration driverTimeout() {
    return config.driverTimeout();
  }

  @Override
  public DhcpSettings settings() {
    return settings;
  }

  @Override
  public Optional<NetworkSnapshot> network(String networkId) {
    NetworkSlot slot = slots.get(networkId);
    return slot == null ? Optional.empty() : Optional.ofNullable(slot.snapshot);
  }

  @Override
  public Set<String> networkIds() {
    Set<String> ids = new HashSet<>();
    slots.forEach((id, slot) -> {
      if (slot.snapshot != null) {
        ids.add(id);
      }
    });
    return Set.copyOf(ids);
  }

  @Override
  public AgentStats stats() {
    Duration last = stats.lastSync;
    return new AgentStats(stats.queued.sum(), stats.networks.sum(), stats.ports.sum(),
        stats.eventsApplied.sum(), stats.stale.sum(), stats.rejected.sum(), stats.resyncs.sum(),
        stats.fullSyncs.sum(), stats.driverFailures.sum(), stats.sourceFailures.sum(),
        Optional.ofNullable(last));
  }

  @Override
  public boolean awaitIdle(Duration timeout) {
    try {
      return idle.await(timeout.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (state == State.CLOSED || state == State.CLOSING) {
        return;
      }
      state = state == State.NEW ? State.CLOSED : State.CLOSING;
    }
    // Retries and backoff wait on the clock and could outlast any bound: cancel them, then let
    // queued events and calls in flight finish.
    timers.close();
    boolean drained = state == State.CLOSED || awaitIdle(config.closeTimeout());
    if (!drained) {
      LOG.warn("agent closing with work still pending after {}", config.closeTimeout());
    }
    state = State.CLOSED;
    for (DhcpDriver d : drivers) {
      try {
        d.close();
      } catch (RuntimeException e) {
        LOG.warn("driver {} failed to close", d.name(), e);
      }
    }
    for (AutoCloseable c : config.ownedResources()) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("failed to close an agent resource", e);
      }
    }
    LOG.info("dhcpstate agent closed");
  }
}
