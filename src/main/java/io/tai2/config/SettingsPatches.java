package io.tai2.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The typed form of a change to one settings group, as the operator sends it (snake_case fields; a field left out is
 * {@code null} and keeps its current value; a map or list given replaces the whole one). Read by {@link StrictJson},
 * checked by {@link SettingsRules}, then laid over the current value by {@code applyTo}. Saved documents are read the
 * same way over the defaults.
 */
public final class SettingsPatches {

  private SettingsPatches() {}

  static <T> T or(T given, T current) {
    return given != null ? given : current;
  }

  /** A change to {@link GuardrailSettings}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Guardrails(
      BigDecimal minLeverage,
      BigDecimal maxLeverage,
      BigDecimal minLeverageConfidenceGate,
      BigDecimal maxPositionPct,
      Map<String, BigDecimal> symbolPositionCaps,
      BigDecimal dailyLossLimitPct,
      Long minHoldSeconds,
      Integer maxTradesPerHour,
      Long tradeWindowSeconds,
      Boolean requirePositionAlignment,
      Long snapshotMaxAgeSeconds,
      Boolean waitForTpSl,
      Boolean requireProtection,
      Long executionFeedbackTtlSeconds,
      Integer maxPriceDriftBps,
      BigDecimal maxPriceDriftAtr,
      Boolean feeAwareTakeProfit) {

    public GuardrailSettings applyTo(GuardrailSettings current) {
      GuardrailSettings.Builder b = current.toBuilder();
      if (minLeverage != null) b.minLeverage(minLeverage);
      if (maxLeverage != null) b.maxLeverage(maxLeverage);
      if (minLeverageConfidenceGate != null)
        b.minLeverageConfidenceGate(minLeverageConfidenceGate.doubleValue());
      if (maxPositionPct != null) b.maxPositionPct(maxPositionPct);
      if (symbolPositionCaps != null) b.symbolPositionCaps(symbolPositionCaps);
      if (dailyLossLimitPct != null) b.dailyLossLimitPct(dailyLossLimitPct);
      if (minHoldSeconds != null) b.minHold(Duration.ofSeconds(minHoldSeconds));
      if (maxTradesPerHour != null) b.maxTradesPerHour(maxTradesPerHour);
      if (tradeWindowSeconds != null) b.tradeWindow(Duration.ofSeconds(tradeWindowSeconds));
      if (requirePositionAlignment != null) b.requirePositionAlignment(requirePositionAlignment);
      if (snapshotMaxAgeSeconds != null)
        b.snapshotMaxAge(Duration.ofSeconds(snapshotMaxAgeSeconds));
      if (waitForTpSl != null) b.waitForTpSl(waitForTpSl);
      if (requireProtection != null) b.requireProtection(requireProtection);
      if (executionFeedbackTtlSeconds != null)
        b.executionFeedbackTtl(Duration.ofSeconds(executionFeedbackTtlSeconds));
      if (maxPriceDriftBps != null) b.maxPriceDriftBps(maxPriceDriftBps);
      if (maxPriceDriftAtr != null) b.maxPriceDriftAtr(maxPriceDriftAtr);
      if (feeAwareTakeProfit != null) b.feeAwareTakeProfit(feeAwareTakeProfit);
      return b.build();
    }
  }

  /** A change to {@link ExecutionSettings}; {@code isolated_seed} is itself partial. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Execution(
      Boolean enabled,
      String tradeMode,
      String orderType,
      BigDecimal defaultMinContracts,
      Map<String, BigDecimal> minContracts,
      Seed isolatedSeed) {

    public ExecutionSettings applyTo(ExecutionSettings c) {
      return new ExecutionSettings(
          or(enabled, c.enabled()),
          or(tradeMode, c.tradeMode()),
          or(orderType, c.orderType()),
          or(defaultMinContracts, c.defaultMinContracts()),
          or(minContracts, c.minContracts()),
          isolatedSeed == null ? c.isolatedSeed() : isolatedSeed.applyTo(c.isolatedSeed()));
    }
  }

  /** A change to {@link IsolatedSeed}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Seed(
      BigDecimal usdt,
      BigDecimal pct,
      BigDecimal maxTransferUsdt,
      Map<String, BigDecimal> symbolUsdt,
      Map<String, BigDecimal> symbolPct) {

    public IsolatedSeed applyTo(IsolatedSeed c) {
      return new IsolatedSeed(
          or(usdt, c.usdt()),
          or(pct, c.pct()),
          or(maxTransferUsdt, c.maxTransferUsdt()),
          or(symbolUsdt, c.symbolUsdt()),
          or(symbolPct, c.symbolPct()));
    }
  }

  /** A change to {@link SchedulerSettings}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Scheduler(Boolean enabled, Long intervalSeconds, Integer maxConcurrent) {

    public SchedulerSettings applyTo(SchedulerSettings c) {
      return new SchedulerSettings(
          or(enabled, c.enabled()),
          intervalSeconds == null ? c.interval() : Duration.ofSeconds(intervalSeconds),
          or(maxConcurrent, c.maxConcurrent()));
    }
  }

  /** A change to {@link DisplaySettings} (the group {@code ui}); the zone was checked by {@link SettingsRules#display}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Display(String timezone) {

    public DisplaySettings applyTo(DisplaySettings c) {
      return timezone == null ? c : new DisplaySettings(ZoneId.of(timezone));
    }
  }

  /** A change to {@link MarketRuntimeSettings}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Market(
      List<String> tradingPairs,
      Long wsUpdateIntervalSeconds,
      Boolean liveWebsocket,
      Integer feeWindowHours) {

    public MarketRuntimeSettings applyTo(MarketRuntimeSettings c) {
      return new MarketRuntimeSettings(
          or(tradingPairs, c.tradingPairs()),
          wsUpdateIntervalSeconds == null
              ? c.pollInterval()
              : Duration.ofSeconds(wsUpdateIntervalSeconds),
          or(liveWebsocket, c.liveWebSocket()),
          or(feeWindowHours, c.feeWindowHours()));
    }
  }
}
