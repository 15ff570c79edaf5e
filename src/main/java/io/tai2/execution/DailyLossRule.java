package io.tai2.execution;

import io.tai2.history.RiskLock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * The daily-loss lock as docs/spec/README.md decides it: the reference is the equity at the last 00:00 UTC (or at the
 * operator's last reset, if later); the lock engages when equity falls {@code limit} (a fraction) or more below it, and
 * then stays on, across restarts and midnights, until an operator resets it. Pure: the state comes in, the next out.
 */
public final class DailyLossRule {

  private DailyLossRule() {}

  /**
   * The lock's next state.
   *
   * @param equityAtMidnight the newest equity sample at or before today's 00:00 UTC, if any (else today's first
   *     observation becomes the reference)
   */
  public static RiskLock next(
      Optional<RiskLock> previous,
      Instant now,
      BigDecimal equity,
      BigDecimal limit,
      Optional<BigDecimal> equityAtMidnight) {
    if (previous.filter(RiskLock::locked).isPresent()) {
      return previous.get();
    }
    Instant midnight = now.truncatedTo(ChronoUnit.DAYS);
    boolean referenceIsToday =
        previous.flatMap(RiskLock::referenceAt).filter(at -> !at.isBefore(midnight)).isPresent()
            && previous.flatMap(RiskLock::referenceEquity).isPresent();
    BigDecimal reference =
        referenceIsToday
            ? previous.get().referenceEquity().get()
            : equityAtMidnight.filter(e -> e.signum() > 0).orElse(equity);
    Instant referenceAt = referenceIsToday ? previous.get().referenceAt().get() : midnight;
    BigDecimal drop = drop(reference, equity);
    boolean locked = limit.signum() > 0 && reference.signum() > 0 && drop.compareTo(limit) >= 0;
    String reason =
        locked
            ? String.format(
                Locale.ROOT,
                "equity %s USDT is %.2f%% below the reference %s USDT of %s (limit %.2f%%): new orders are blocked until an operator resets the lock",
                equity.setScale(2, RoundingMode.HALF_EVEN).toPlainString(),
                pct(drop),
                reference.setScale(2, RoundingMode.HALF_EVEN).toPlainString(),
                referenceAt,
                pct(limit))
            : previous.flatMap(RiskLock::reason).filter(r -> referenceIsToday).orElse(null);
    return new RiskLock(
        RiskLock.DAILY_LOSS,
        locked,
        Optional.of(reference),
        Optional.of(referenceAt),
        locked ? Optional.of(now) : Optional.empty(),
        Optional.ofNullable(reason),
        now);
  }

  /** The operator's reset: unlocked, the current equity becomes the new reference. */
  public static RiskLock reset(Instant now, BigDecimal equity, String actor) {
    return new RiskLock(
        RiskLock.DAILY_LOSS,
        false,
        Optional.of(equity),
        Optional.of(now),
        Optional.empty(),
        Optional.of(
            "reset by "
                + actor
                + " at "
                + now
                + " with equity "
                + equity.toPlainString()
                + " USDT as the new reference"),
        now);
  }

  /** (reference − equity) ÷ reference, 0 when the reference is unknown. */
  public static BigDecimal drop(BigDecimal reference, BigDecimal equity) {
    return reference.signum() <= 0
        ? BigDecimal.ZERO
        : reference.subtract(equity).divide(reference, 8, RoundingMode.HALF_EVEN);
  }

  private static double pct(BigDecimal fraction) {
    return fraction.doubleValue() * 100;
  }
}
