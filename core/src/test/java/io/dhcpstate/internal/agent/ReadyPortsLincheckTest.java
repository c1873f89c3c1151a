package io.dhcpstate.internal.agent;

import io.dhcpstate.agent.AgentListener;
import io.dhcpstate.agent.Scheduler;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.annotations.Validate;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.managed.ManagedStrategyGuaranteeKt;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * {@link ReadyPorts} with the {@link ListenerDispatch} in front of the listener, as the agent
 * wires them: workers {@code add} confirmed ports and {@code remove} deleted ones while the
 * executor delivers them. The executor is a queue that {@link #pump()} drains one task at a time
 * on whichever thread runs it, so delivery races with adds and removes.
 *
 * <p>Delivery is asynchronous by design (a port added while a delivery is being posted goes out
 * with that delivery, after {@code add} returns), so the operations return nothing and the
 * checks are on what the listener got once every queued task has run ({@link
 * #everyReadyPortDelivered()}): every port added and never removed was delivered; nothing was
 * delivered that was not added, or more often than it was added; nothing is left pending and the
 * idle count is back to zero.
 */
@Param(name = "port", gen = IntGen.class, conf = "0:2")
public class ReadyPortsLincheckTest {
  private static final int PORTS = 3;
  private static final String[] COLLECTIONS = {"java.util.HashMap", "java.util.LinkedHashMap",
      "java.util.HashSet", "java.util.LinkedHashSet", "java.util.AbstractCollection",
      "java.util.AbstractSet", "java.util.ArrayList", "java.util.ArrayDeque",
      "java.util.ImmutableCollections", "java.util.concurrent.ConcurrentLinkedQueue"};

  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Idle idle = new Idle();
  private final AtomicIntegerArray added = new AtomicIntegerArray(PORTS);
  private final AtomicIntegerArray removed = new AtomicIntegerArray(PORTS);
  private final AtomicIntegerArray delivered = new AtomicIntegerArray(PORTS);
  private final AgentListener listener = new AgentListener() {
    @Override
    public void portsReady(List<String> portIds) {
      for (String id : portIds) {
        delivered.incrementAndGet(Integer.parseInt(id.substring("port-".length())));
      }
    }
  };
  private final Scheduler noRetries = (executor, task, delay) -> {
    throw new IllegalStateException("the listener never throws here, so nothing is retried");
  };
  private final ListenerDispatch dispatch = new ListenerDispatch(listener, tasks::add, idle);
  private final ReadyPorts ready = new ReadyPorts(64, dispatch, noRetries, tasks::add, idle);

  /** A worker reports a port confirmed by its drivers. */
  @Operation
  public void add(@Param(name = "port") int port, boolean recent) {
    added.incrementAndGet(port);
    ready.add(List.of("port-" + port), recent);
  }

  /** A worker reports a port deleted before it was delivered. */
  @Operation
  public void remove(@Param(name = "port") int port) {
    removed.incrementAndGet(port);
    ready.remove(List.of("port-" + port));
  }

  /** The executor runs one queued task, if any. */
  @Operation
  public void pump() {
    Runnable task = tasks.poll();
    if (task != null) {
      task.run();
    }
  }

  /** Runs what is still queued, then compares what the listener got with what was added. */
  @Validate
  public void everyReadyPortDelivered() {
    for (Runnable task; (task = tasks.poll()) != null; ) {
      task.run();
    }
    if (ready.pending() != 0 || idle.busy() != 0) {
      throw new IllegalStateException(ready.pending() + " ports still pending, idle count "
          + idle.busy() + ", with no delivery queued");
    }
    for (int p = 0; p < PORTS; p++) {
      if (delivered.get(p) > added.get(p)) {
        throw new IllegalStateException("port-" + p + " delivered " + delivered.get(p)
            + " times, added " + added.get(p));
      }
      if (added.get(p) > 0 && removed.get(p) == 0 && delivered.get(p) == 0) {
        throw new IllegalStateException("port-" + p + " added, never removed, never delivered");
      }
    }
  }

  @Test
  void addRemoveDeliver_everyInterleaving_everyReadyPortDeliveredOnce() {
    LinChecker.check(getClass(), new ModelCheckingOptions()
        .iterations(10)
        .invocationsPerIteration(100)
        .threads(3)
        .actorsPerThread(3)
        .actorsBefore(1)
        .actorsAfter(1)
        // Every collection here is used under a lock (or is the test's task queue): switch
        // threads around the structures' own steps, not inside the JDK's collection code.
        .addGuarantee(ManagedStrategyGuaranteeKt.forClasses(COLLECTIONS).allMethods()
            .treatAsAtomic()));
  }

  @Test
  void addRemoveDeliver_stress_everyReadyPortDeliveredOnce() {
    LinChecker.check(getClass(), new StressOptions()
        .iterations(10)
        .invocationsPerIteration(500)
        .threads(3)
        .actorsPerThread(3)
        .actorsBefore(1)
        .actorsAfter(1));
  }
}
