package io.dhcpstate.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link Idle}, the outstanding-work counter behind {@code awaitIdle}:
 * {@code enter}, {@code exit}, {@code busy} and a non-blocking {@code await} must behave as one
 * atomic counter whatever the interleaving. A plain threaded check covers the blocking wait:
 * the last {@code exit} must wake a waiter (no lost wake-up).
 */
public class IdleLincheckTest {
  private final Idle idle = new Idle();

  @Operation
  public void enter() {
    idle.enter();
  }

  @Operation
  public void exit() {
    idle.exit();
  }

  @Operation
  public long busy() {
    return idle.busy();
  }

  /** {@code await} with no time left answers at once: idle now or not. */
  @Operation
  public boolean idleNow() throws InterruptedException {
    return idle.await(0);
  }

  @Test
  void enterExitAwait_everyInterleaving_behaveAsOneCounter() {
    LinChecker.check(getClass(), new ModelCheckingOptions()
        .iterations(10)
        .invocationsPerIteration(100)
        .threads(3)
        .actorsPerThread(3));
  }

  @Test
  void enterExitAwait_stress_behaveAsOneCounter() {
    LinChecker.check(getClass(), new StressOptions()
        .iterations(10)
        .invocationsPerIteration(500)
        .threads(3)
        .actorsPerThread(3));
  }

  @Test
  void await_lastExitOnAnotherThread_wakesTheWaiter() throws Exception {
    for (int round = 0; round < 200; round++) {
      Idle work = new Idle();
      int workers = 3;
      for (int i = 0; i < workers; i++) {
        work.enter();
      }
      CountDownLatch go = new CountDownLatch(1);
      AtomicBoolean woke = new AtomicBoolean();
      Thread waiter = new Thread(() -> {
        go.countDown();
        try {
          woke.set(work.await(TimeUnit.SECONDS.toNanos(10)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      waiter.start();
      go.await();
      Thread[] exits = new Thread[workers];
      for (int i = 0; i < workers; i++) {
        exits[i] = new Thread(work::exit);
        exits[i].start();
      }
      for (Thread t : exits) {
        t.join();
      }
      waiter.join(2_000); // a lost wake-up would leave it asleep for its full 10 s
      assertThat(waiter.isAlive()).as("round %d: waiter still asleep", round).isFalse();
      assertThat(woke).as("round %d: waiter saw the count at zero", round).isTrue();
    }
  }
}
