package io.dhcpstate.agent;

import io.dhcpstate.InvalidConfigurationException;
import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.internal.SettingGuard;
import io.dhcpstate.internal.agent.AgentConfig;
import io.dhcpstate.internal.agent.AgentEngine;
import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.spi.DhcpDriver;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.MetadataRouteMode;
import io.dhcpstate.spi.NetworkSource;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Configures and builds a {@link DhcpAgent}. Each setting is checked when it is set and may be
 * set only once; {@link #build()} checks the settings together. Not thread-safe.
 *
 * <p>Defaults: the system clock; an owned pool of {@code workers} daemon threads and one timer
 * thread, stopped by {@link DhcpAgent#close()}; 4 workers; resync interval 5 s and throttle 1 s;
 * driver timeout 60 s; ready-port batches of 64; tombstones kept 24 h; close timeout 10 s;
 * {@link DhcpSettings#defaults()}; every driver serves every network; a listener that does
 * nothing.
 */
public final class DhcpAgentBuilder {
  private NetworkSource source;
  private final List<DhcpDriver> drivers = new ArrayList<>();
  private DriverSelector selector;
  private InstantSource clock;
  private Executor executor;
  private Scheduler scheduler;
  private Integer workers;
  private Duration resyncInterval;
  private Duration resyncThrottle;
  private Duration driverTimeout;
  private Integer readyBatchSize;
  private Duration tombstoneLifetime;
  private Duration closeTimeout;
  private Optional<Duration> leaseTime;
  private Duration renewalTime;
  private Duration rebindingTime;
  private String defaultDomain;
  private List<ExtraDhcpOption> globalV4;
  private List<ExtraDhcpOption> globalV6;
  private MetadataRouteMode metadataRoute;
  private AgentListener listener;
  private final SettingGuard guard = new SettingGuard();

  DhcpAgentBuilder() {}

  /** Validates one serving setting at once, by building settings around it. */
  private static void check(DhcpSettings settings) {
    // The constructor throws InvalidResourceException naming the setting.
  }

  /**
   * Sets the source of truth (required).
   *
   * @param networkSource the source
   * @return this builder
   */
  public DhcpAgentBuilder source(NetworkSource networkSource) {
    guard.once("source", networkSource);
    this.source = networkSource;
    return this;
  }

  /**
   * Adds a driver (at least one is required). Drivers are called in the order added.
   *
   * @param driver the driver
   * @return this builder
   * @throws InvalidConfigurationException if the driver or its name was added before
   */
  public DhcpAgentBuilder driver(DhcpDriver driver) {
    if (driver == null) {
      throw new InvalidConfigurationException("driver must not be null");
    }
    for (DhcpDriver d : drivers) {
      if (d == driver || d.name().equals(driver.name())) {
        throw new InvalidConfigurationException("driver '" + driver.name() + "' added twice");
      }
    }
    drivers.add(driver);
    return this;
  }

  /**
   * Sets which drivers serve which network (default: every driver serves every network).
   *
   * @param driverSelector the selector
   * @return this builder
   */
  public DhcpAgentBuilder selector(DriverSelector driverSelector) {
    guard.once("selector", driverSelector);
    this.selector = driverSelector;
    return this;
  }

  /**
   * Sets the clock for tombstones, throttling and lease times (default: the system clock).
   *
   * @param instantSource the clock
   * @return this builder
   */
  public DhcpAgentBuilder clock(InstantSource instantSource) {
    guard.once("clock", instantSource);
    this.clock = instantSource;
    return this;
  }

  /**
   * Sets the executor for workers, listener callbacks and scheduled tasks (default: an owned
   * pool). The caller owns a given executor and shuts it down after closing the agent.
   *
   * @param taskExecutor the executor
   * @return this builder
   */
  public DhcpAgentBuilder executor(Executor taskExecutor) {
    guard.once("executor", taskExecutor);
    this.executor = taskExecutor;
    return this;
  }

  /**
   * Sets the scheduler for timeouts and retries (default: an owned timer thread).
   *
   * @param delayScheduler the scheduler
   * @return this builder
   */
  public DhcpAgentBuilder scheduler(Scheduler delayScheduler) {
    guard.once("scheduler", delayScheduler);
    this.scheduler = delayScheduler;
    return this;
  }

  /**
   * Sets how many networks are worked on at once (default 4, range 1..256).
   *
   * @param count the worker count
   * @return this builder
   */
  public DhcpAgentBuilder workers(int count) {
    guard.once("workers", count);
    if (count < 1 || count > 256) {
      throw new InvalidConfigurationException("workers must be in 1..256, was " + count);
    }
    this.workers = count;
    return this;
  }

  /**
   * Sets the base delay of resync retries after a failure, doubled per failure up to 64
   * times it, with ±20% jitter (default 5 s).
   *
   * @param interval the interval
   * @return this builder
   */
  public DhcpAgentBuilder resyncInterval(Duration interval) {
    guard.once("resyncInterval", interval);
    this.resyncInterval = SettingGuard.positive("resyncInterval", interval);
    return this;
  }

  /**
   * Sets the least time between two resyncs of one network, or two full syncs (default 1 s;
   * must not exceed the resync interval).
   *
   * @param throttle the throttle
   * @return this builder
   */
  public DhcpAgentBuilder resyncThrottle(Duration throttle) {
    guard.once("resyncThrottle", throttle);
    this.resyncThrottle = SettingGuard.positive("resyncThrottle", throttle);
    return this;
  }

  /**
   * Sets how long a driver call may take before it counts as failed (default 60 s).
   *
   * @param timeout the timeout
   * @return this builder
   */
  public DhcpAgentBuilder driverTimeout(Duration timeout) {
    guard.once("driverTimeout", timeout);
    this.driverTimeout = SettingGuard.positive("driverTimeout", timeout);
    return this;
  }

  /**
   * Sets the most port ids per {@link AgentListener#portsReady} call (default 64, 1..10000).
   *
   * @param size the batch size
   * @return this builder
   */
  public DhcpAgentBuilder readyBatchSize(int size) {
    guard.once("readyBatchSize", size);
    if (size < 1 || size > 10_000) {
      throw new InvalidConfigurationException("readyBatchSize must be in 1..10000, was " + size);
    }
    this.readyBatchSize = size;
    return this;
  }

  /**
   * Sets how long deleted ids are remembered to drop late events (default 24 h).
   *
   * @param lifetime the lifetime
   * @return this builder
   */
  public DhcpAgentBuilder tombstoneLifetime(Duration lifetime) {
    guard.once("tombstoneLifetime", lifetime);
    this.tombstoneLifetime = SettingGuard.positive("tombstoneLifetime", lifetime);
    return this;
  }

  /**
   * Sets how long {@link DhcpAgent#close()} waits for queued work (default 10 s).
   *
   * @param timeout the timeout
   * @return this builder
   */
  public DhcpAgentBuilder closeTimeout(Duration timeout) {
    guard.once("closeTimeout", timeout);
    this.closeTimeout = SettingGuard.positive("closeTimeout", timeout);
    return this;
  }

  /**
   * Sets the lease time (default 86400 s; at least 120 s).
   *
   * @param time the lease time
   * @return this builder
   */
  public DhcpAgentBuilder leaseTime(Duration time) {
    guard.once("leaseTime", time);
    check(new DhcpSettings(Optional.of(time), Optional.empty(), Optional.empty(), Optional.empty(),
        List.of(), List.of(), MetadataRouteMode.OFF));
    this.leaseTime = Optional.of(time);
    return this;
  }

  /**
   * Makes leases infinite instead of timed.
   *
   * @return this builder
   */
  public DhcpAgentBuilder infiniteLeases() {
    guard.once("leaseTime", Boolean.TRUE);
    this.leaseTime = Optional.empty();
    return this;
  }

  /**
   * Sets T1, the renewal time (default: the client's, half the lease).
   *
   * @param time T1
   * @return this builder
   */
  public DhcpAgentBuilder renewalTime(Duration time) {
    guard.once("renewalTime", time);
    check(new DhcpSettings(Optional.empty(), Optional.of(time), Optional.empty(), Optional.empty(),
        List.of(), List.of(), MetadataRouteMode.OFF));
    this.renewalTime = time;
    return this;
  }

  /**
   * Sets T2, the rebinding time (default: the client's, 7/8 of the lease).
   *
   * @param time T2
   * @return this builder
   */
  public DhcpAgentBuilder rebindingTime(Duration time) {
    guard.once("rebindingTime", time);
    check(new DhcpSettings(Optional.empty(), Optional.empty(), Optional.of(time), Optional.empty(),
        List.of(), List.of(), MetadataRouteMode.OFF));
    this.rebindingTime = time;
    return this;
  }

  /**
   * Sets the DNS domain of networks that have none (default: none).
   *
   * @param domain an RFC 1123 domain
   * @return this builder
   */
  public DhcpAgentBuilder defaultDomain(String domain) {
    guard.once("defaultDomain", domain);
    check(new DhcpSettings(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(domain), List.of(), List.of(), MetadataRouteMode.OFF));
    this.defaultDomain = domain;
    return this;
  }

  /**
   * Sets the global DHCP options for every port (default none). Options the catalogue does
   * not allow globally (server id, lease time, router, MTU, DNS servers, static routes) are
   * rejected.
   *
   * @param v4 the DHCPv4 options
   * @param v6 the DHCPv6 options
   * @return this builder
   */
  public DhcpAgentBuilder globalOptions(List<ExtraDhcpOption> v4, List<ExtraDhcpOption> v6) {
    guard.once("globalOptions", v4);
    guard.once("globalV6Options", v6);
    check(new DhcpSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        v4, v6, MetadataRouteMode.OFF));
    this.globalV4 = List.copyOf(v4);
    this.globalV6 = List.copyOf(v6);
    return this;
  }

  /**
   * Sets whether clients get the metadata route (default {@link MetadataRouteMode#OFF}).
   *
   * @param mode the mode
   * @return this builder
   */
  public DhcpAgentBuilder metadataRoute(MetadataRouteMode mode) {
    guard.once("metadataRoute", mode);
    this.metadataRoute = mode;
    return this;
  }

  /**
   * Sets the listener (default: one that does nothing).
   *
   * @param agentListener the listener
   * @return this builder
   */
  public DhcpAgentBuilder listener(AgentListener agentListener) {
    guard.once("listener", agentListener);
    this.listener = agentListener;
    return this;
  }

  /**
   * Checks the settings together and builds the agent; call {@link DhcpAgent#start()} next.
   *
   * @return the agent
   * @throws InvalidConfigurationException if a required setting is missing or two settings
   *     disagree
   * @throws InvalidResourceException if a serving setting (lease time, T1/T2, domain, global
   *     options) is invalid
   */
  public DhcpAgent build() {
    if (source == null) {
      throw new InvalidConfigurationException("source is required");
    }
    if (drivers.isEmpty()) {
      throw new InvalidConfigurationException("at least one driver is required");
    }
    Duration interval = resyncInterval == null ? Duration.ofSeconds(5) : resyncInterval;
    Duration throttle = resyncThrottle == null ? Duration.ofSeconds(1) : resyncThrottle;
    if (throttle.compareTo(interval) > 0) {
      throw new InvalidConfigurationException("resyncThrottle (" + throttle
          + ") must not exceed resyncInterval (" + interval + ")");
    }
    DhcpSettings settings = new DhcpSettings(
        leaseTime == null ? Optional.of(DhcpSettings.DEFAULT_LEASE_TIME) : leaseTime,
        Optional.ofNullable(renewalTime), Optional.ofNullable(rebindingTime),
        Optional.ofNullable(defaultDomain),
        globalV4 == null ? List.of() : globalV4, globalV6 == null ? List.of() : globalV6,
        metadataRoute == null ? MetadataRouteMode.OFF : metadataRoute);
    int workerCount = workers == null ? 4 : workers;
    List<AutoCloseable> owned = new ArrayList<>();
    Executor exec = executor;
    if (exec == null) {
      ExecutorService pool = Executors.newFixedThreadPool(workerCount + 1, daemon("dhcpstate-worker"));
      owned.add(() -> shutdown(pool));
      exec = pool;
    }
    Scheduler sched = scheduler;
    if (sched == null) {
      ScheduledThreadPoolExecutor timer =
          new ScheduledThreadPoolExecutor(1, daemon("dhcpstate-timer"));
      timer.setRemoveOnCancelPolicy(true); // cancelled call timeouts must not pile up
      owned.add(() -> shutdown(timer));
      sched = Scheduler.of(timer);
    }
    return new AgentEngine(new AgentConfig(source, drivers,
        selector == null ? DriverSelector.all() : selector,
        clock == null ? InstantSource.system() : clock, exec, sched, workerCount, interval,
        throttle, driverTimeout == null ? Duration.ofSeconds(60) : driverTimeout,
        readyBatchSize == null ? 64 : readyBatchSize,
        tombstoneLifetime == null ? Duration.ofHours(24) : tombstoneLifetime,
        closeTimeout == null ? Duration.ofSeconds(10) : closeTimeout, settings,
        listener == null ? new AgentListener() {} : listener, owned));
  }

  private static void shutdown(ExecutorService pool) throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(5, TimeUnit.SECONDS);
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
