package io.tai2.execution;

import io.tai2.config.GuardrailSettings;
import io.tai2.history.EquityRepository;
import io.tai2.history.EquitySample;
import io.tai2.history.ExecutionFeedback;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches equity in the background (not only when prompting, unlike upstream): samples it into the equity history at
 * most once a {@link #SAMPLE_EVERY}, evaluates the daily-loss lock on every check, raises an alert when it engages, and
 * thins old samples to hourly. A failing check is logged and the next one runs as usual.
 */
public final class RiskMonitor {

  static final Duration SAMPLE_EVERY = Duration.ofMinutes(1);
  static final Duration FULL_RESOLUTION = Duration.ofDays(7);
  private static final Logger log = LoggerFactory.getLogger(RiskMonitor.class);

  private final Supplier<Optional<BigDecimal>> equity;
  private final EquityRepository history;
  private final RiskLockRepository locks;
  private final ExecutionFeedbackRepository feedback;
  private final Supplier<GuardrailSettings> guardrails;
  private final Clock clock;
  private final Consumer<TradingEvent> events;
  private Instant lastSample = Instant.MIN;

  public RiskMonitor(
      Supplier<Optional<BigDecimal>> equity,
      EquityRepository history,
      RiskLockRepository locks,
      ExecutionFeedbackRepository feedback,
      Supplier<GuardrailSettings> guardrails,
      Clock clock) {
    this(equity, history, locks, feedback, guardrails, clock, TradingEvent.NOWHERE);
  }

  /** With {@code events} told when the daily-loss lock engages and when an operator resets it. */
  public RiskMonitor(
      Supplier<Optional<BigDecimal>> equity,
      EquityRepository history,
      RiskLockRepository locks,
      ExecutionFeedbackRepository feedback,
      Supplier<GuardrailSettings> guardrails,
      Clock clock,
      Consumer<TradingEvent> events) {
    this.events = events;
    this.equity = equity;
    this.history = history;
    this.locks = locks;
    this.feedback = feedback;
    this.guardrails = guardrails;
    this.clock = clock;
  }

  /** One check: sample, evaluate, alert on a new lock. Returns the lock state, empty without a known equity. */
  public synchronized Optional<RiskLock> check() {
    try {
      Optional<BigDecimal> current = equity.get().filter(e -> e.signum() > 0);
      if (current.isEmpty()) {
        return locks.find(RiskLock.DAILY_LOSS);
      }
      Instant now = clock.instant();
      if (!lastSample.plus(SAMPLE_EVERY).isAfter(now)) {
        history.insert(new EquitySample(now, current, Optional.empty(), current));
        lastSample = now;
      }
      Optional<RiskLock> previous = locks.find(RiskLock.DAILY_LOSS);
      Optional<BigDecimal> atMidnight =
          history
              .latestAtOrBefore(now.truncatedTo(ChronoUnit.DAYS))
              .flatMap(EquitySample::totalEqUsd);
      RiskLock next =
          DailyLossRule.next(
              previous, now, current.get(), guardrails.get().dailyLossLimitPct(), atMidnight);
      if (previous.isEmpty() || !next.equals(previous.get())) {
        locks.save(next);
      }
      if (next.locked() && previous.filter(RiskLock::locked).isEmpty()) {
        log.warn("event=daily_loss_lock reason=\"{}\"", next.reason().orElse(""));
        feedback.insert(
            new ExecutionFeedback(
                UUID.randomUUID(),
                now,
                "",
                "error",
                "Daily-loss lock engaged: " + next.reason().orElse(""),
                Optional.empty(),
                Optional.empty()));
        TradingEvent.publish(
            events, new TradingEvent.DailyLossLocked(now, next.reason().orElse("")));
      }
      return Optional.of(next);
    } catch (RuntimeException e) {
      log.warn("event=risk_check_failed error={}", e.toString());
      return Optional.empty();
    }
  }

  /** A reset asked for while the daily-loss lock is not engaged: it would silently move the loss reference. */
  public static final class NotLocked extends RuntimeException {
    NotLocked() {
      super("nothing to reset: the daily-loss lock is not engaged");
    }
  }

  /**
   * Resets an engaged daily-loss lock with the current equity as the new reference; the scheduler is not switched on.
   *
   * @throws NotLocked when the lock is not engaged (nothing changes)
   */
  public synchronized RiskLock resetDailyLoss(String actor) {
    if (locks.find(RiskLock.DAILY_LOSS).filter(RiskLock::locked).isEmpty()) {
      throw new NotLocked();
    }
    BigDecimal current =
        equity
            .get()
            .filter(e -> e.signum() > 0)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no account equity is known yet, so there is no new reference; wait for the account feed"));
    RiskLock reset = DailyLossRule.reset(clock.instant(), current, actor);
    locks.save(reset);
    feedback.insert(
        new ExecutionFeedback(
            UUID.randomUUID(),
            reset.updatedAt(),
            "",
            "info",
            reset.reason().orElse("daily-loss lock reset"),
            Optional.empty(),
            Optional.empty()));
    log.warn("event=daily_loss_reset actor={} reference={}", actor, current.toPlainString());
    TradingEvent.publish(
        events,
        new TradingEvent.RiskLockReleased(
            reset.updatedAt(), RiskLock.DAILY_LOSS, actor, reset.reason().orElse("")));
    return reset;
  }

  /** Keeps minute resolution for {@link #FULL_RESOLUTION}, hourly before that. */
  public int downsample() {
    try {
      return history.downsampleBefore(clock.instant().minus(FULL_RESOLUTION));
    } catch (RuntimeException e) {
      log.warn("event=equity_downsample_failed error={}", e.toString());
      return 0;
    }
  }
}
