package io.tai2.config;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The allowed range of every bounded number among the runtime settings, by JSON path: the one table that the checks of
 * a change ({@link SettingsRules}, {@code ReasoningPatch}) and the CFG page's inputs (min, max, step) both read, so the
 * page never offers what the server refuses. A per-symbol map's values are under {@code <map path>.*}.
 */
public final class SettingsRanges {

  /** What a map's symbol key stands for in a path of this table. */
  public static final String ANY_SYMBOL = "*";

  /**
   * {@code min} to {@code max} with at most {@code decimals} digits after the point ({@code 0} = a whole number);
   * {@code aboveMin}: the minimum itself is refused (a share that must be above 0).
   */
  public record Range(BigDecimal min, BigDecimal max, int decimals, boolean aboveMin) {

    static Range whole(long min, long max) {
      return new Range(BigDecimal.valueOf(min), BigDecimal.valueOf(max), 0, false);
    }

    static Range decimal(String min, String max, int decimals) {
      return new Range(new BigDecimal(min), new BigDecimal(max), decimals, false);
    }

    /** A share 0..1 (0.2 = 20 %) with 6 decimals; {@code zeroAllowed} false: 0 is refused. */
    static Range fraction(boolean zeroAllowed) {
      return new Range(BigDecimal.ZERO, BigDecimal.ONE, 6, !zeroAllowed);
    }

    public boolean whole() {
      return decimals == 0;
    }

    /** The smallest step a value may take: 1 for a whole number, else 10^-decimals. */
    public BigDecimal step() {
      return BigDecimal.ONE.movePointLeft(decimals);
    }
  }

  private static final long WEEK_SECONDS = 7 * 86_400L;
  private static final String AMOUNT = "1000000000";

  private static final Map<String, Range> RANGES = new LinkedHashMap<>();

  static {
    put(
        "guardrails.min_leverage",
        Range.decimal("0", GuardrailSettings.MAX_LEVERAGE.toPlainString(), 2));
    put(
        "guardrails.max_leverage",
        Range.decimal("0", GuardrailSettings.MAX_LEVERAGE.toPlainString(), 2));
    put("guardrails.min_leverage_confidence_gate", Range.decimal("0", "1", 4));
    put("guardrails.max_position_pct", Range.fraction(false));
    put("guardrails.symbol_position_caps." + ANY_SYMBOL, Range.fraction(false));
    put("guardrails.daily_loss_limit_pct", Range.fraction(true));
    put("guardrails.min_hold_seconds", Range.whole(0, WEEK_SECONDS));
    put("guardrails.max_trades_per_hour", Range.whole(0, 1000));
    put("guardrails.trade_window_seconds", Range.whole(60, WEEK_SECONDS));
    put(
        "guardrails.snapshot_max_age_seconds",
        Range.whole(
            GuardrailSettings.MIN_SNAPSHOT_MAX_AGE_SECONDS,
            GuardrailSettings.MAX_SNAPSHOT_MAX_AGE_SECONDS));
    put("guardrails.execution_feedback_ttl_seconds", Range.whole(0, WEEK_SECONDS));
    put("guardrails.max_price_drift_bps", Range.whole(0, 10_000));
    put("guardrails.max_price_drift_atr", Range.decimal("0", "100", 4));
    put("execution.default_min_contracts", Range.decimal("0", AMOUNT, 8));
    put("execution.min_contracts." + ANY_SYMBOL, Range.decimal("0", AMOUNT, 8));
    put("execution.isolated_seed.usdt", Range.decimal("0", AMOUNT, 8));
    put("execution.isolated_seed.pct", Range.fraction(true));
    put("execution.isolated_seed.max_transfer_usdt", Range.decimal("0", AMOUNT, 8));
    put("execution.isolated_seed.symbol_usdt." + ANY_SYMBOL, Range.decimal("0", AMOUNT, 8));
    put("execution.isolated_seed.symbol_pct." + ANY_SYMBOL, Range.fraction(true));
    put("market.ws_update_interval_seconds", Range.whole(1, 3600));
    put("market.fee_window_hours", Range.whole(1, 72));
    put(
        "scheduler.interval_seconds",
        Range.whole(SchedulerSettings.MIN_INTERVAL.toSeconds(), 86_400));
    put("scheduler.max_concurrent", Range.whole(1, 16));
    put("reasoning.llm_timeout_seconds", Range.whole(1, 600));
    put("reasoning.decision_retention_days", Range.whole(1, 3650));
    put("reasoning.daily_cost_budget_usd", Range.decimal("0", "1000000", 8));
  }

  private SettingsRanges() {}

  private static void put(String path, Range range) {
    RANGES.put(path, range);
  }

  /** The range of {@code path} (a map's values under {@code <map>.*}). */
  public static Optional<Range> find(String path) {
    return Optional.ofNullable(RANGES.get(path));
  }

  /** The range of {@code path}; a path without one is a programming error. */
  public static Range of(String path) {
    return find(path)
        .orElseThrow(() -> new IllegalArgumentException("no range for the setting " + path));
  }

  /** Every bounded path, in the order of the groups. */
  public static Map<String, Range> all() {
    return Collections.unmodifiableMap(RANGES);
  }
}
