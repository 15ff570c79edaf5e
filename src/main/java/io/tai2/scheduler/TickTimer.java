package io.tai2.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the next tick comes: one pending task on a single-thread {@link ScheduledExecutorService}, cancelled and scheduled
 * again whenever the time changes (like the market poller's cadence). Before {@link #start} it only records the time, so
 * a scheduler that was never started reports its next run and never ticks by itself.
 */
final class TickTimer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TickTimer.class);

  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final Runnable onDue;
  private volatile Instant next;
  private ScheduledFuture<?> pending; // guarded by this, with started and closed
  private boolean started;
  private boolean closed;

  TickTimer(Clock clock, ScheduledExecutorService executor, Runnable onDue) {
    this.clock = clock;
    this.executor = executor;
    this.onDue = onDue;
  }

  Optional<Instant> next() {
    return Optional.ofNullable(next);
  }

  /** From now on the timer fires; the first time is {@code first} (none while off). */
  synchronized void start(Optional<Instant> first) {
    started = true;
    at(first);
  }

  /** Cancels the pending tick and schedules the next one at {@code when} (at once when it is past; none when empty). */
  synchronized void at(Optional<Instant> when) {
    if (closed) {
      return;
    }
    next = when.orElse(null);
    if (pending != null) {
      pending.cancel(
          false); // a tick already running is not interrupted: it ends, then schedules the next
      // from its start
      pending = null;
    }
    if (started && next != null) {
      long nanos = Math.max(0, Duration.between(clock.instant(), next).toNanos());
      pending = executor.schedule(this::fire, nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** The schedule is counted on {@code clock}; the executor counts elapsed time, so a task early by the clock waits the rest. */
  private void fire() {
    try {
      Instant due = next;
      if (due == null) {
        return; // switched off as it fired
      }
      if (clock.instant().isBefore(due)) {
        at(Optional.of(due));
        return;
      }
      onDue.run();
    } catch (
        RuntimeException
            e) { // a task that throws would end quietly; log it, the next tick is scheduled as
      // usual
      log.error("event=scheduler_timer_error error={}", e.toString(), e);
    }
  }

  /** No further ticks; waits up to 5 s for one in progress. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      next = null;
      if (pending != null) {
        pending.cancel(false);
      }
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("event=scheduler_close_timeout detail=\"a tick is still running after 5 s\"");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
