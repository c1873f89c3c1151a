package io.dhcpstate.agent;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks after a delay on the agent's clock: timeouts, retries and backoff. Injected so
 * tests run on a fake clock. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Scheduler {

  /**
   * Runs {@code task} on {@code executor} once {@code delay} has passed.
   *
   * @param executor where the task runs
   * @param task the task
   * @param delay how long to wait; zero or negative runs it as soon as possible
   * @return a future that cancels the task
   */
  Future<?> schedule(Executor executor, Runnable task, Duration delay);

  /**
   * Returns a scheduler over a JDK scheduled executor, which only times the task and hands it
   * to the given executor.
   *
   * @param timer the timer thread pool; the caller owns and shuts it down
   * @return the scheduler
   */
  static Scheduler of(ScheduledExecutorService timer) {
    return (executor, task, delay) ->
        timer.schedule(() -> executor.execute(task), Math.max(0, delay.toNanos()),
            TimeUnit.NANOSECONDS);
  }
}
