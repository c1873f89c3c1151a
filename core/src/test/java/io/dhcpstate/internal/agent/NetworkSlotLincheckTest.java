package io.dhcpstate.internal.agent;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Validate;
import org.jetbrains.kotlinx.lincheck.strategy.managed.ManagedStrategyGuaranteeKt;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the per-network queue protocol of {@link NetworkSlot}, as the engine
 * drives it: an intake thread {@code offer}s an item and, when told to, becomes the slot's
 * runner; the runner takes batches and calls {@code finishRun} until the queue is empty.
 *
 * <p>The operations return nothing, so any sequential order is a valid linearization; what the
 * check explores is every interleaving (model checking) or many real ones (stress), and after
 * each one the guards below must hold: no item is run twice (checked as it runs), there is never
 * more than one runner (checked when a thread becomes the runner), and once every thread is done
 * the queue is empty, the slot is idle and every offered item has run exactly once ({@link
 * #everyItemRanOnce()}).
 */
public class NetworkSlotLincheckTest {
  private static final int MAX_ITEMS = 64;
  private static final String[] COLLECTIONS = {"java.util.ArrayList", "java.util.ArrayList$Itr",
      "java.util.TimSort", "java.util.Arrays", "java.util.Collections"};

  private final NetworkSlot slot = new NetworkSlot("net-1");
  private final AtomicLong offered = new AtomicLong();
  /** Per item seq: how many times a runner ran it. */
  private final AtomicReferenceArray<Integer> runs = new AtomicReferenceArray<>(MAX_ITEMS);
  /** The thread running the slot now, or null. */
  private final AtomicReference<Thread> runner = new AtomicReference<>();

  /** A host thread submits an item; if the slot was idle this thread runs it, as a worker. */
  @Operation
  public void offer() {
    long seq = offered.incrementAndGet();
    if (slot.offer(new Item.Resync(seq), true)) {
      runSlot();
    }
  }

  /** The start-up scan: claims a slot that has pending items and nobody running it. */
  @Operation
  public void claimIfPending() {
    if (slot.claimIfPending()) {
      runSlot();
    }
  }

  /** Reads the queue length; must never throw or see a torn list. */
  @Operation
  public void pendingCount() {
    int n = slot.pendingCount();
    if (n < 0 || n > offered.get()) {
      throw new IllegalStateException("pending count " + n + " with " + offered.get() + " offered");
    }
  }

  private void runSlot() {
    Thread me = Thread.currentThread();
    if (!runner.compareAndSet(null, me)) {
      throw new IllegalStateException("two runners on one slot: " + runner.get() + " and " + me);
    }
    while (true) {
      List<Item> batch = slot.takeBatch();
      long last = 0;
      for (Item item : batch) {
        int i = (int) item.seq();
        Integer before = runs.get(i);
        runs.set(i, before == null ? 1 : before + 1);
        if (before != null) {
          throw new IllegalStateException("item " + i + " ran twice");
        }
        if (item.seq() <= last) {
          throw new IllegalStateException("batch out of arrival order: " + batch);
        }
        last = item.seq();
      }
      // The driver phase would run here; then the runner gives the slot back or keeps it.
      runner.set(null);
      if (!slot.finishRun()) {
        return;
      }
      if (!runner.compareAndSet(null, me)) {
        throw new IllegalStateException("slot taken while its runner still owned it");
      }
    }
  }

  /** After the threads finish: nothing queued, nobody running, every item run exactly once. */
  @Validate
  public void everyItemRanOnce() {
    if (slot.pendingCount() != 0) {
      throw new IllegalStateException(slot.pendingCount() + " items left queued");
    }
    if (slot.claimIfPending() || runner.get() != null) {
      throw new IllegalStateException("slot still busy after every runner finished");
    }
    for (int i = 1; i <= offered.get(); i++) {
      if (!Integer.valueOf(1).equals(runs.get(i))) {
        throw new IllegalStateException("item " + i + " ran " + runs.get(i) + " times");
      }
    }
  }

  @Test
  void offerTakeFinish_everyInterleaving_noItemLostOrRunTwiceAndOneRunner() {
    LinChecker.check(getClass(), new ModelCheckingOptions()
        .iterations(10)
        .invocationsPerIteration(100)
        .threads(3)
        .actorsPerThread(3)
        .actorsBefore(1)
        .actorsAfter(1)
        // The slot only touches its list under its monitor: no thread switches inside the JDK
        // collection code, only around the slot's own steps.
        .addGuarantee(ManagedStrategyGuaranteeKt.forClasses(COLLECTIONS).allMethods()
            .treatAsAtomic()));
  }

  @Test
  void offerTakeFinish_stress_noItemLostOrRunTwiceAndOneRunner() {
    LinChecker.check(getClass(), new StressOptions()
        .iterations(10)
        .invocationsPerIteration(500)
        .threads(3)
        .actorsPerThread(4)
        .actorsBefore(1)
        .actorsAfter(1));
  }
}
