package io.dhcpstate.internal.agent;

import io.dhcpstate.agent.Scheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delayed tasks on the injected scheduler: timeouts, retries and backoff. A timer counts as
 * pending work for {@code awaitIdle} from {@link #schedule} until it has run or been cancelled,
 * exactly once either way. Thread-safe.
 */
final class Timers {
  private static final Logger LOG = LoggerFactory.getLogger(Timers.class);

  private final Scheduler scheduler;
  private final Executor executor;
  private final Idle idle;
  private final Set<Timer> live = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  Timers(Scheduler scheduler, Executor executor, Idle idle) {
    this.scheduler = scheduler;
    this.executor = executor;
    this.idle = idle;
  }

  /** A scheduled task; {@link #cancel()} stops it if it has not started. */
  final class Timer {
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile Future<?> future;

    /** The scheduler's future for the task; cancelling it directly leaves the timer pending. */
    Future<?> future() {
      Future<?> f = future;
      return f != null ? f : java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /** Cancels the task unless it already ran; idempotent. */
    void cancel() {
      if (settled.compareAndSet(false, true)) {
        Future<?> f = future;
        if (f != null) {
          f.cancel(false);
        }
        live.remove(this);
        idle.exit();
      }
    }

    private void fire(Runnable task) {
      if (!settled.compareAndSet(false, true)) {
        return;
      }
      try {
        if (!closed) {
          task.run();
        }
      } catch (RuntimeException e) {
        LOG.error("scheduled agent task failed", e);
      } finally {
        live.remove(this);
        idle.exit();
      }
    }
  }

  /**
   * Runs a task on the executor once the delay has passed on the injected clock.
   *
   * @return the timer, to cancel it
   */
  Timer schedule(Runnable task, Duration delay) {
    Timer t = new Timer();
    idle.enter();
    live.add(t);
    try {
      t.future = scheduler.schedule(executor, () -> t.fire(task), delay);
    } catch (RuntimeException e) {
      LOG.warn("scheduler rejected an agent task; dropped", e);
      t.cancel();
    }
    return t;
  }

  /**
   * Makes a driver call and bounds it: the returned future completes with the stage's outcome,
   * or with a {@link TimeoutException} once the timeout has passed on the injected clock. A
   * call that throws or returns null fails the future instead.
   *
   * @param call the call
   * @param timeout how long it may take
   * @param what what the call is, for the timeout's message
   * @return the bounded outcome
   */
  <T> CompletableFuture<T> bounded(Supplier<? extends CompletionStage<T>> call, Duration timeout,
      Supplier<String> what) {
    CompletableFuture<T> f = new CompletableFuture<>();
    CompletionStage<T> stage;
    try {
      stage = Objects.requireNonNull(call.get(), "driver returned a null stage");
    } catch (RuntimeException e) {
      f.completeExceptionally(e);
      return f;
    }
    Timer timer = schedule(() -> f.completeExceptionally(
        new TimeoutException(what.get() + " did not finish within " + timeout)), timeout);
    stage.whenComplete((v, e) -> {
      timer.cancel();
      if (e != null) {
        f.completeExceptionally(e);
      } else {
        f.complete(v);
      }
    });
    return f;
  }

  /** Cancels every pending timer and stops later ones from running their task. */
  void close() {
    closed = true;
    for (Timer t : live) {
      t.cancel();
    }
  }
}
