package io.dhcpstate.internal.agent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Validate;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.strategy.managed.ManagedStrategyGuaranteeKt;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.junit.jupiter.api.Test;

/**
 * Events submitted while the agent starts: {@code AgentEngine.submit} reads the agent's state
 * and passes it to {@link NetworkSlot#offer} as {@code started}; {@code start()} sets the state
 * and then scans the slots with {@link NetworkSlot#claimIfPending}. The two checks below model
 * that hand-off on one slot (at most one {@code start}, any number of offers racing it) and
 * require that, once started, every offered item has run.
 */
public class SlotStartLincheckTest {
  private static final String[] COLLECTIONS = {"java.util.ArrayList", "java.util.ArrayList$Itr",
      "java.util.ArrayDeque", "java.util.TimSort", "java.util.Arrays", "java.util.Collections"};

  /**
   * The protocol of {@code AgentEngine.submit} and {@code start()}: the started flag is read
   * inside the slot's monitor, and {@code start()} sets it before scanning the slots.
   */
  public static class FlagReadBeforeOffer {
    private final NetworkSlot slot = new NetworkSlot("net-1");
    private final AtomicLong offered = new AtomicLong();
    private final AtomicReferenceArray<Integer> runs = new AtomicReferenceArray<>(64);
    private volatile boolean started;

    @Operation
    public void submit() {
      if (slot.offer(new Item.Resync(offered.incrementAndGet()), () -> started)) {
        runSlot(slot, runs);
      }
    }

    @Operation(runOnce = true)
    public void start() {
      started = true;
      if (slot.claimIfPending()) {
        runSlot(slot, runs);
      }
    }

    @Validate
    public void startedRunsEverything() {
      if (started) {
        checkAllRan(slot, offered.get(), runs);
      }
    }
  }

  /**
   * A fix: the slot always reports when it must be scheduled, and the engine holds scheduled
   * slots in its run queue until start; {@code start()} sets the state and then drains the run
   * queue, {@code runLater} adds to it and then drains it if started.
   */
  public static class RunQueueGatedUntilStart {
    private final NetworkSlot slot = new NetworkSlot("net-1");
    private final AtomicLong offered = new AtomicLong();
    private final AtomicReferenceArray<Integer> runs = new AtomicReferenceArray<>(64);
    private final Object runLock = new Object();
    // guarded by runLock
    private final ArrayDeque<NetworkSlot> runQueue = new ArrayDeque<>();
    private volatile boolean started;

    @Operation
    public void submit() {
      if (slot.offer(new Item.Resync(offered.incrementAndGet()), true)) {
        synchronized (runLock) {
          runQueue.add(slot);
        }
        dispatchRuns();
      }
    }

    @Operation(runOnce = true)
    public void start() {
      started = true;
      dispatchRuns();
    }

    private void dispatchRuns() {
      if (!started) {
        return; // start() drains what is queued by then
      }
      while (true) {
        NetworkSlot next;
        synchronized (runLock) {
          next = runQueue.poll();
        }
        if (next == null) {
          return;
        }
        runSlot(next, runs);
      }
    }

    @Validate
    public void startedRunsEverything() {
      if (started) {
        checkAllRan(slot, offered.get(), runs);
      }
    }
  }

  private static void runSlot(NetworkSlot slot, AtomicReferenceArray<Integer> runs) {
    do {
      for (Item item : slot.takeBatch()) {
        int i = (int) item.seq();
        Integer before = runs.get(i);
        runs.set(i, before == null ? 1 : before + 1);
      }
    } while (slot.finishRun());
  }

  private static void checkAllRan(NetworkSlot slot, long offered,
      AtomicReferenceArray<Integer> runs) {
    for (int i = 1; i <= offered; i++) {
      if (!Integer.valueOf(1).equals(runs.get(i))) {
        throw new IllegalStateException("started, yet item " + i + " ran " + runs.get(i)
            + " times (" + slot.pendingCount() + " still queued)");
      }
    }
  }

  /**
   * Every interleaving of a few fixed scenarios, not random ones: the race needs {@code start}
   * in parallel with a submit, which random scenarios only sometimes produce.
   */
  private static ModelCheckingOptions options(Class<?> model) {
    ModelCheckingOptions options = new ModelCheckingOptions()
        .iterations(0)
        .invocationsPerIteration(200)
        // Lists and queues are only touched under a lock: no thread switches inside them.
        .addGuarantee(ManagedStrategyGuaranteeKt.forClasses(COLLECTIONS).allMethods()
            .treatAsAtomic());
    String[][][] scenarios = {
        {{"start"}, {"submit"}},
        {{"start"}, {"submit", "submit"}},
        {{"submit", "start"}, {"submit"}},
        {{"start"}, {"submit"}, {"submit"}},
    };
    for (String[][] threads : scenarios) {
      options.addCustomScenario(parallel(model, threads));
    }
    return options;
  }

  private static ExecutionScenario parallel(Class<?> model, String[][] threads) {
    List<List<Actor>> parallel = new ArrayList<>();
    for (String[] thread : threads) {
      List<Actor> actors = new ArrayList<>();
      for (String operation : thread) {
        try {
          actors.add(new Actor(model.getMethod(operation), List.of()));
        } catch (NoSuchMethodException e) {
          throw new IllegalStateException(e);
        }
      }
      parallel.add(actors);
    }
    return new ExecutionScenario(List.of(), parallel, List.of(), null);
  }

  /**
   * Guards the race once found in {@code AgentEngine}: with the started flag read outside the
   * slot's monitor, a submit that read "not started" just before {@code start()} scanned the
   * slots queued its item after the scan, and nothing ran it. Reading the flag inside
   * {@code offer} closes it; this check fails if the read moves back outside.
   */
  @Test
  void submitRacingStart_flagReadBeforeOffer_everyItemRuns() {
    LinChecker.check(FlagReadBeforeOffer.class, options(FlagReadBeforeOffer.class));
  }

  @Test
  void submitRacingStart_runQueueGatedUntilStart_everyItemRuns() {
    LinChecker.check(RunQueueGatedUntilStart.class,
        options(RunQueueGatedUntilStart.class));
  }
}
