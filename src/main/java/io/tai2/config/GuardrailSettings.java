package io.tai2.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The execution guardrails an operator sets (docs/spec/tai2-upstream.md §1.3, with docs/spec/README.md's decisions): leverage bounds, the
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

  /** The youngest and oldest a snapshot age limit may be, at run time and in {@code SNAPSHOT_MAX_AGE_SECONDS} alike. */
  public static final int MIN_SNAPSHOT_MAX_AGE_SECONDS = 60;

  public static final int MAX_SNAPSHOT_MAX_AGE_SECONDS = 86_400;

  /** OKX's highest leverage. */
  public static final BigDecimal MAX_LEVERAGE = new BigDecimal("125");

  public GuardrailSettings {
    symbolPositionCaps = Collections.unmodifiableMap(new TreeMap<>(symbolPositionCaps));
    require(minLeverage.signum() >= 0, "min_leverage must not be negative, was " + minLeverage);
    require(
        maxLeverage.compareTo(minLeverage) >= 0 && maxLeverage.compareTo(MAX_LEVERAGE) <= 0,
        "max_leverage must be between min_leverage ("
            + minLeverage
            + ") and 125 (OKX's highest), was "
            + maxLeverage);
    require(
        minLeverageConfidenceGate >= 0 && minLeverageConfidenceGate <= 1,
        "min_leverage_confidence_gate must be 0..1, was " + minLeverageConfidenceGate);
    require(
        fraction(maxPositionPct, false),
        "max_position_pct must be a fraction above 0 and at most 1 (0.2 = 20 %), was "
            + maxPositionPct);
    symbolPositionCaps.forEach(
        (symbol, pct) ->
            require(
                fraction(pct, false) && pct.compareTo(maxPositionPct) <= 0,
                "the position cap of "
                    + symbol
                    + " must be above 0 and at most max_position_pct ("
                    + maxPositionPct
                    + "), was "
                    + pct));
    require(
        fraction(dailyLossLimitPct, true),
        "daily_loss_limit_pct must be 0..1 (0 = off), was " + dailyLossLimitPct);
    require(!minHold.isNegative(), "min_hold_seconds must not be negative");
    require(maxTradesPerHour >= 0, "max_trades_per_hour must not be negative (0 = unlimited)");
    require(
        tradeWindow.toSeconds() >= 60,
        "trade_window_seconds must be at least 60, was " + tradeWindow.toSeconds());
    require(
        snapshotMaxAge.toSeconds() >= 1 && snapshotMaxAge.toHours() <= 24,
        "snapshot_max_age_seconds must be 1..86400, was " + snapshotMaxAge.toSeconds());
    require(
        !executionFeedbackTtl.isNegative(),
        "execution_feedback_ttl_seconds must not be negative (0 = never expires)");
    require(
        maxPriceDriftBps >= 0 && maxPriceDriftBps <= 10_000,
        "max_price_drift_bps must be 0..10000 (0 = no limit), was " + maxPriceDriftBps);
    require(
        maxPriceDriftAtr != null && maxPriceDriftAtr.signum() >= 0,
        "max_price_drift_atr must not be negative (0 = no limit)");
  }

  private static boolean fraction(BigDecimal v, boolean zeroAllowed) {
    return v != null
        && (zeroAllowed ? v.signum() >= 0 : v.signum() > 0)
        && v.compareTo(BigDecimal.ONE) <= 0;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * The defaults of docs/spec/tai2-upstream.md §1.3, protection on (docs/spec/README.md), snapshots older than {@code snapshotMaxAge} refused,
   * a 50 bps drift gate (no ATR gate) and fee-aware take-profits.
   */
  public static GuardrailSettings defaults(Duration snapshotMaxAge) {
    return new GuardrailSettings(
        BigDecimal.ONE,
        new BigDecimal("5"),
        0.5,
        new BigDecimal("0.2"),
        Map.of(),
        new BigDecimal("0.03"),
        Duration.ofSeconds(180),
        2,
        Duration.ofHours(1),
        true,
        snapshotMaxAge,
        false,
        true,
        Duration.ofMinutes(10),
        50,
        BigDecimal.ZERO,
        true);
  }

  /** A builder holding these values, to change some fields by name. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.minLeverage = minLeverage;
    b.maxLeverage = maxLeverage;
    b.minLeverageConfidenceGate = minLeverageConfidenceGate;
    b.maxPositionPct = maxPositionPct;
    b.symbolPositionCaps = symbolPositionCaps;
    b.dailyLossLimitPct = dailyLossLimitPct;
    b.minHold = minHold;
    b.maxTradesPerHour = maxTradesPerHour;
    b.tradeWindow = tradeWindow;
    b.requirePositionAlignment = requirePositionAlignment;
    b.snapshotMaxAge = snapshotMaxAge;
    b.waitForTpSl = waitForTpSl;
    b.requireProtection = requireProtection;
    b.executionFeedbackTtl = executionFeedbackTtl;
    b.maxPriceDriftBps = maxPriceDriftBps;
    b.maxPriceDriftAtr = maxPriceDriftAtr;
    b.feeAwareTakeProfit = feeAwareTakeProfit;
    return b;
  }

  /** Guardrails changed field by field, by name; {@link #build()} checks them like the constructor. */
  public static final class Builder {
    private BigDecimal minLeverage;
    private BigDecimal maxLeverage;
    private double minLeverageConfidenceGate;
    private BigDecimal maxPositionPct;
    private Map<String, BigDecimal> symbolPositionCaps;
    private BigDecimal dailyLossLimitPct;
    private Duration minHold;
    private int maxTradesPerHour;
    private Duration tradeWindow;
    private boolean requirePositionAlignment;
    private Duration snapshotMaxAge;
    private boolean waitForTpSl;
    private boolean requireProtection;
    private Duration executionFeedbackTtl;
    private int maxPriceDriftBps;
    private BigDecimal maxPriceDriftAtr;
    private boolean feeAwareTakeProfit;

    private Builder() {}

    public Builder minLeverage(BigDecimal v) {
      minLeverage = v;
      return this;
    }

    public Builder maxLeverage(BigDecimal v) {
      maxLeverage = v;
      return this;
    }

    public Builder minLeverageConfidenceGate(double v) {
      minLeverageConfidenceGate = v;
      return this;
    }

    public Builder maxPositionPct(BigDecimal v) {
      maxPositionPct = v;
      return this;
    }

    public Builder symbolPositionCaps(Map<String, BigDecimal> v) {
      symbolPositionCaps = v;
      return this;
    }

    public Builder dailyLossLimitPct(BigDecimal v) {
      dailyLossLimitPct = v;
      return this;
    }

    public Builder minHold(Duration v) {
      minHold = v;
      return this;
    }

    public Builder maxTradesPerHour(int v) {
      maxTradesPerHour = v;
      return this;
    }

    public Builder tradeWindow(Duration v) {
      tradeWindow = v;
      return this;
    }

    public Builder requirePositionAlignment(boolean v) {
      requirePositionAlignment = v;
      return this;
    }

    public Builder snapshotMaxAge(Duration v) {
      snapshotMaxAge = v;
      return this;
    }

    public Builder waitForTpSl(boolean v) {
      waitForTpSl = v;
      return this;
    }

    public Builder requireProtection(boolean v) {
      requireProtection = v;
      return this;
    }

    public Builder executionFeedbackTtl(Duration v) {
      executionFeedbackTtl = v;
      return this;
    }

    public Builder maxPriceDriftBps(int v) {
      maxPriceDriftBps = v;
      return this;
    }

    public Builder maxPriceDriftAtr(BigDecimal v) {
      maxPriceDriftAtr = v;
      return this;
    }

    public Builder feeAwareTakeProfit(boolean v) {
      feeAwareTakeProfit = v;
      return this;
    }

    public GuardrailSettings build() {
      return new GuardrailSettings(
          minLeverage,
          maxLeverage,
          minLeverageConfidenceGate,
          maxPositionPct,
          symbolPositionCaps,
          dailyLossLimitPct,
          minHold,
          maxTradesPerHour,
          tradeWindow,
          requirePositionAlignment,
          snapshotMaxAge,
          waitForTpSl,
          requireProtection,
          executionFeedbackTtl,
          maxPriceDriftBps,
          maxPriceDriftAtr,
          feeAwareTakeProfit);
    }
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
