package io.tai2.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the watches on their own thread: the stale-data check every few seconds, the daily summary at each 00:00 UTC. */
final class NotifyWatches implements AutoCloseable {

  static final Duration STALE_CHECK_EVERY = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(NotifyWatches.class);

  private final StaleDataWatch stale;
  private final DailySummary summary;
  private final Notifier notifier;
  private final Clock clock;
  private final ScheduledExecutorService thread;

  NotifyWatches(StaleDataWatch stale, DailySummary summary, Notifier notifier, Clock clock) {
    this.stale = stale;
    this.summary = summary;
    this.notifier = notifier;
    this.clock = clock;
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "notify-watch");
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    this.thread = executor;
  }

  void start() {
    thread.scheduleWithFixedDelay(
        () -> run("stale_data", stale::check),
        STALE_CHECK_EVERY.toMillis(),
        STALE_CHECK_EVERY.toMillis(),
        TimeUnit.MILLISECONDS);
    scheduleSummary(clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)));
  }

  /** The summary of the day ending at {@code midnight}, sent then; the next one is a day later, however early this one ran. */
  private void scheduleSummary(Instant midnight) {
    long wait = Math.max(0, Duration.between(clock.instant(), midnight).toMillis());
    thread.schedule(
        () -> {
          run("daily_summary", () -> notifier.publish(summary.of(midnight)));
          scheduleSummary(midnight.plus(Duration.ofDays(1)));
        },
        wait,
        TimeUnit.MILLISECONDS);
  }

  private static void run(String watch, Runnable check) {
    try {
      check.run();
    } catch (RuntimeException e) {
      log.warn("event=notify_watch_failed watch={} error=\"{}\"", watch, e.toString());
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
