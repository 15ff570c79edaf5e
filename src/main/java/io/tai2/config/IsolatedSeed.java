package io.tai2.config;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Isolated-margin auto-seeding (docs/spec/tai2-upstream.md §6.6): how much USDT an isolated entry may move from the funding account to the
 * trading account when the trading account's available margin is short. Zero everywhere (the default) turns it off.
 *
 * <p>The limit for a symbol, in order: its own {@code symbolUsdt} else {@code usdt}; capped by {@code maxTransferUsdt}
 * (or that alone when neither is set); then capped by equity × ({@code symbolPct} of the symbol, else {@code pct}), or
 * that alone when no amount is set. No positive limit → no seeding.
 *
 * @param usdt the seed limit in USDT for every symbol (0 = none)
 * @param pct the seed limit as a share of equity, 0..1 (0 = none)
 * @param maxTransferUsdt the most any one transfer may move (0 = none)
 * @param symbolUsdt per-symbol seed limits in USDT, replacing {@code usdt}
 * @param symbolPct per-symbol shares of equity, replacing {@code pct}
 */
public record IsolatedSeed(
    BigDecimal usdt,
    BigDecimal pct,
    BigDecimal maxTransferUsdt,
    Map<String, BigDecimal> symbolUsdt,
    Map<String, BigDecimal> symbolPct) {

  public IsolatedSeed {
    symbolUsdt = Collections.unmodifiableMap(new TreeMap<>(symbolUsdt));
    symbolPct = Collections.unmodifiableMap(new TreeMap<>(symbolPct));
    if (usdt.signum() < 0
        || maxTransferUsdt.signum() < 0
        || symbolUsdt.values().stream().anyMatch(v -> v.signum() < 0)) {
      throw new IllegalArgumentException("isolated seed amounts must not be negative");
    }
    if (!fraction(pct) || !symbolPct.values().stream().allMatch(IsolatedSeed::fraction)) {
      throw new IllegalArgumentException("isolated seed shares of equity must be between 0 and 1");
    }
  }

  /** No seeding. */
  public static IsolatedSeed none() {
    return new IsolatedSeed(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, Map.of(), Map.of());
  }

  /** The most that may be moved for {@code symbol} at this equity; empty when seeding is off for it. */
  public Optional<BigDecimal> limit(String symbol, BigDecimal equityUsdt) {
    BigDecimal limit = positive(symbolUsdt.get(symbol)).or(() -> positive(usdt)).orElse(null);
    if (maxTransferUsdt.signum() > 0) {
      limit = limit == null ? maxTransferUsdt : limit.min(maxTransferUsdt);
    }
    Optional<BigDecimal> share = positive(symbolPct.get(symbol)).or(() -> positive(pct));
    if (share.isPresent() && equityUsdt.signum() > 0) {
      BigDecimal byEquity = equityUsdt.multiply(share.get());
      limit = limit == null ? byEquity : limit.min(byEquity);
    }
    return positive(limit);
  }

  private static Optional<BigDecimal> positive(BigDecimal value) {
    return Optional.ofNullable(value).filter(v -> v.signum() > 0);
  }

  private static boolean fraction(BigDecimal v) {
    return v.signum() >= 0 && v.compareTo(BigDecimal.ONE) <= 0;
  }
}
