package io.dhcpstate.testkit;

import io.dhcpstate.agent.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * A clock and scheduler that move only when a test says so: {@link #advance} moves time and
 * hands every task that became due to its executor. Give the same instance to the agent's
 * builder as {@code clock} and {@code scheduler}. Thread-safe.
 */
public final class FakeTime implements InstantSource, Scheduler {
  private record Task(Instant due, long seq, Executor executor, FutureTask<Void> task) {}

  private final PriorityQueue<Task> tasks = new PriorityQueue<>(
      (a, b) -> a.due.equals(b.due) ? Long.compare(a.seq, b.seq) : a.due.compareTo(b.due));
  private Instant now;
  private long seq;

  /** Creates a fake time starting at 2026-01-01T00:00:00Z. */
  public FakeTime() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /**
   * Creates a fake time starting at the given instant.
   *
   * @param start the first instant
   */
  public FakeTime(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public Future<?> schedule(Executor executor, Runnable task, Duration delay) {
    FutureTask<Void> f = new FutureTask<>(task, null);
    List<Task> due = new ArrayList<>(1);
    synchronized (this) {
      Task t = new Task(now.plus(delay.isNegative() ? Duration.ZERO : delay), seq++, executor, f);
      if (delay.isNegative() || delay.isZero()) {
        due.add(t);
      } else {
        tasks.add(t);
      }
    }
    due.forEach(t -> t.executor.execute(t.task));
    return f;
  }

  /**
   * Moves time forward and runs every task due by then, in due order.
   *
   * @param duration how far to move; not negative
   */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time cannot move back: " + duration);
    }
    List<Task> due = new ArrayList<>();
    synchronized (this) {
      now = now.plus(duration);
      while (!tasks.isEmpty() && !tasks.peek().due.isAfter(now)) {
        due.add(tasks.poll());
      }
    }
    for (Task t : due) {
      if (!t.task.isCancelled()) {
        t.executor.execute(t.task);
      }
    }
  }

  /**
   * Returns how many scheduled tasks are waiting and not cancelled.
   *
   * @return the count
   */
  public synchronized int pendingTasks() {
    tasks.removeIf(t -> t.task.isCancelled());
    return tasks.size();
  }
}
