package io.tai2.reasoning;

import io.tai2.history.DecisionRepository;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Deletes decisions older than the retention setting, hourly; a failure is logged and retried next hour. */
public final class DecisionRetention {

  private static final Logger log = LoggerFactory.getLogger(DecisionRetention.class);

  private final DecisionRepository decisions;
  private final ReasoningSettingsStore settings;
  private final Clock clock;

  public DecisionRetention(
      DecisionRepository decisions, ReasoningSettingsStore settings, Clock clock) {
    this.decisions = decisions;
    this.settings = settings;
    this.clock = clock;
  }

  @Scheduled(initialDelay = 60_000, fixedDelay = 3_600_000)
  public int purge() {
    int days = settings.current().decisionRetentionDays();
    try {
      int removed = decisions.deleteOlderThan(clock.instant().minus(Duration.ofDays(days)));
      if (removed > 0) {
        log.info("event=decisions_purged removed={} retention_days={}", removed, days);
      }
      return removed;
    } catch (RuntimeException e) {
      log.warn("event=decisions_purge_failed error={}", e.toString());
      return 0;
    }
  }
}
