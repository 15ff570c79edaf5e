package io.tai2.config;

import java.time.Duration;

/**
 * The automatic prompt scheduler: on or off, how often it runs a cycle for every tracked symbol, and how many of those
 * cycles may run at once. Saved, so the switch survives a restart; a daily-loss lock turns it off until the operator
 * turns it on again.
 *
 * @param interval time between the starts of two ticks, 30 s to 1 day (a tick that runs longer delays the next)
 * @param maxConcurrent cycles (LLM calls) running at the same time within a tick, 1 to 16
 */
public record SchedulerSettings(boolean enabled, Duration interval, int maxConcurrent) {

  public static final Duration MIN_INTERVAL = Duration.ofSeconds(30);

  public SchedulerSettings {
    if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(
          "interval_seconds must be between 30 and 86400, was " + interval.toSeconds());
    }
    if (maxConcurrent < 1 || maxConcurrent > 16) {
      throw new IllegalArgumentException(
          "max_concurrent must be between 1 and 16, was " + maxConcurrent);
    }
  }

  /** Off, every 5 minutes (upstream's default), two cycles at a time. */
  public static SchedulerSettings defaults() {
    return new SchedulerSettings(false, Duration.ofMinutes(5), 2);
  }

  public SchedulerSettings withEnabled(boolean on) {
    return new SchedulerSettings(on, interval, maxConcurrent);
  }
}
