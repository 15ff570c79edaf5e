package io.tai2.scheduler;

import io.tai2.sim.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} driven by the test: a task is due at the {@link SimClock}'s time when it was
 * scheduled plus its delay, and runs on the test's thread when the test moves the clock ({@link #advance}) or asks
 * ({@link #runDue}). Only one-shot tasks, which is all the prompt scheduler uses.
 */
final class ManualScheduledExecutor extends AbstractExecutorService
    implements ScheduledExecutorService {

  private final SimClock clock;
  private final List<Task<?>> tasks = new ArrayList<>();
  private boolean shutdown;

  ManualScheduledExecutor(SimClock clock) {
    this.clock = clock;
  }

  private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
    final Instant due;

    Task(Callable<V> callable, Instant due) {
      super(callable);
      this.due = due;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(Duration.between(clock.instant(), due));
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }
  }

  /** When the tasks still waiting are due, earliest first (a cancelled task no longer waits). */
  synchronized List<Instant> waiting() {
    tasks.removeIf(Future::isDone);
    return tasks.stream().map(t -> t.due).sorted().toList();
  }

  /** Moves the clock and runs what is then due. */
  void advance(Duration by) {
    clock.advance(by);
    runDue();
  }

  /** Runs every task due by the clock, earliest first, including those they schedule that are due already. */
  void runDue() {
    while (true) {
      Task<?> next;
      synchronized (this) {
        tasks.removeIf(Future::isDone);
        next =
            tasks.stream()
                .filter(t -> !t.due.isAfter(clock.instant()))
                .min(Comparator.comparing(t -> t.due))
                .orElse(null);
        if (next == null) {
          return;
        }
        tasks.remove(next);
      }
      next.run();
    }
  }

  @Override
  public synchronized <V> ScheduledFuture<V> schedule(
      Callable<V> callable, long delay, TimeUnit unit) {
    if (shutdown) {
      throw new RejectedExecutionException("shut down");
    }
    Task<V> task = new Task<>(callable, clock.instant().plusNanos(unit.toNanos(delay)));
    tasks.add(task);
    return task;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return schedule(Executors.callable(command), delay, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    throw new UnsupportedOperationException("one-shot tasks only");
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("one-shot tasks only");
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> left = List.copyOf(tasks);
    tasks.clear();
    return left;
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }
}
