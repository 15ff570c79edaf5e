package io.tai2.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The execution guardrails an operator sets (upstream §1.3, with the spec README's decisions): leverage bounds, the
 * position cap as fractions of equity, per-symbol caps, the daily-loss limit, cooldown and trade-rate limits, and the
 * protection rules. Fractions are 0..1 (0.2 = 20 %). The position cap formula is {@link #capFormula()}; the prompt
 * tells the LLM exactly this formula and execution enforces it.
 *
 * @param maxPriceDriftBps largest move between the snapshot the model saw and sending, in basis points; 0 = no limit
 * @param maxPriceDriftAtr the same limit as a multiple of the ATR when one is known; 0 = no limit
 * @param feeAwareTakeProfit block an entry whose take-profit would not cover the round-trip taker fees
 */
public record GuardrailSettings(
    BigDecimal minLeverage,
    BigDecimal maxLeverage,
    double minLeverageConfidenceGate,
    BigDecimal maxPositionPct,
    Map<String, BigDecimal> symbolPositionCaps,
    BigDecimal dailyLossLimitPct,
    Duration minHold,
    int maxTradesPerHour,
    Duration tradeWindow,
    boolean requirePositionAlignment,
    Duration snapshotMaxAge,
    boolean waitForTpSl,
    boolean requireProtection,
    Duration executionFeedbackTtl,
    int maxPriceDriftBps,
    BigDecimal maxPriceDriftAtr,
    boolean feeAwareTakeProfit) {

  public GuardrailSettings {
    symbolPositionCaps = java.util.Collections.unmodifiableMap(new TreeMap<>(symbolPositionCaps));
    require(minLeverage.signum() >= 0, "min_leverage must not be negative, was " + minLeverage);
    require(maxLeverage.compareTo(minLeverage) >= 0 && maxLeverage.compareTo(new BigDecimal("125")) <= 0,
        "max_leverage must be between min_leverage (" + minLeverage + ") and 125 (OKX's highest), was " + maxLeverage);
    require(minLeverageConfidenceGate >= 0 && minLeverageConfidenceGate <= 1, "min_leverage_confidence_gate must be 0..1, was " + minLeverageConfidenceGate);
    require(fraction(maxPositionPct, false), "max_position_pct must be a fraction above 0 and at most 1 (0.2 = 20 %), was " + maxPositionPct);
    symbolPositionCaps.forEach((symbol, pct) -> require(fraction(pct, false) && pct.compareTo(maxPositionPct) <= 0,
        "the position cap of " + symbol + " must be above 0 and at most max_position_pct (" + maxPositionPct + "), was " + pct));
    require(fraction(dailyLossLimitPct, true), "daily_loss_limit_pct must be 0..1 (0 = off), was " + dailyLossLimitPct);
    require(!minHold.isNegative(), "min_hold_seconds must not be negative");
    require(maxTradesPerHour >= 0, "max_trades_per_hour must not be negative (0 = unlimited)");
    require(tradeWindow.toSeconds() >= 60, "trade_window_seconds must be at least 60, was " + tradeWindow.toSeconds());
    require(snapshotMaxAge.toSeconds() >= 1 && snapshotMaxAge.toHours() <= 24, "snapshot_max_age_seconds must be 1..86400, was " + snapshotMaxAge.toSeconds());
    require(!executionFeedbackTtl.isNegative(), "execution_feedback_ttl_seconds must not be negative (0 = never expires)");
    require(maxPriceDriftBps >= 0 && maxPriceDriftBps <= 10_000, "max_price_drift_bps must be 0..10000 (0 = no limit), was " + maxPriceDriftBps);
    require(maxPriceDriftAtr != null && maxPriceDriftAtr.signum() >= 0, "max_price_drift_atr must not be negative (0 = no limit)");
  }

  private static boolean fraction(BigDecimal v, boolean zeroAllowed) {
    return v != null && (zeroAllowed ? v.signum() >= 0 : v.signum() > 0) && v.compareTo(BigDecimal.ONE) <= 0;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * The defaults of upstream §1.3, protection on (spec README), snapshots older than {@code snapshotMaxAge} refused,
   * a 50 bps drift gate (no ATR gate) and fee-aware take-profits.
   */
  public static GuardrailSettings defaults(Duration snapshotMaxAge) {
    return new GuardrailSettings(
        BigDecimal.ONE, new BigDecimal("5"), 0.5, new BigDecimal("0.2"), Map.of(), new BigDecimal("0.03"),
        Duration.ofSeconds(180), 2, Duration.ofHours(1), true, snapshotMaxAge, false, true, Duration.ofMinutes(10), 50,
        BigDecimal.ZERO, true);
  }

  /** The per-symbol cap fraction when one is set, else the global {@link #maxPositionPct}; the smaller one wins. */
  public BigDecimal positionPctFor(String symbol) {
    BigDecimal symbolCap = symbolPositionCaps.get(symbol);
    return symbolCap == null ? maxPositionPct : symbolCap.min(maxPositionPct);
  }

  /** The one cap formula, in words, as execution applies it and the prompt states it. */
  public static String capFormula() {
    return "cap_notional_usdt = min(equity_usdt × max_leverage × position_pct, available_margin_usdt × max_leverage),"
        + " where position_pct is the symbol's cap if set and smaller, else max_position_pct;"
        + " cap_contracts = cap_notional_usdt ÷ (price × ct_val), rounded down to lot_size";
  }
}
