package io.tai2.lab;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A finished replay: per live cycle the decision it made beside the one the other version or model makes on the same
 * context, and what each would have earned under the fill model; and the totals. Serialised in snake_case like the
 * backtest report (the JSON of {@code tai2 replay --out}); money in USDT, prices in the quote currency.
 */
public record ReplayReport(
    UUID id, Instant createdAt, Parameters parameters, List<Cycle> cycles, Summary summary) {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(SerializationFeature.INDENT_OUTPUT)
          .build();

  public ReplayReport {
    cycles = List.copyOf(cycles);
  }

  /** The request as it ran; {@code horizon} as ISO-8601 ({@code PT24H}). */
  public record Parameters(
      Instant from,
      Instant to,
      Optional<String> symbol,
      Optional<UUID> promptVersion,
      Optional<String> model,
      boolean cacheOnly,
      String horizon,
      BigDecimal notional,
      BigDecimal leverage,
      BigDecimal takerFee) {}

  /**
   * One live cycle asked again.
   *
   * @param time when the live decision was made
   * @param snapshotAt the snapshot it was made on: entries fill at the open of the first minute at or after it
   * @param replayed the other version's or model's decision ({@code new} in the JSON)
   * @param agree both sides chose the same action
   */
  public record Cycle(
      UUID decisionId,
      Instant time,
      Instant snapshotAt,
      String symbol,
      BigDecimal snapshotPrice,
      Side live,
      @JsonProperty("new") Side replayed,
      boolean agree) {}

  /**
   * One side's decision and how it played out. A HOLD, a CLOSE or a rejected reply trades nothing ({@code pnl} 0, no
   * exit); an entry without prices after it has no {@code pnl} and the exit reason {@code no_prices}.
   *
   * @param exitReason {@code stop}, {@code take}, {@code liquidation}, {@code end} (open at the horizon or the end of the
   *     stored candles: closed at that close) or {@code no_prices}
   * @param note why the reply was rejected, or the live guardrails' verdict ({@code approved}, {@code blocked} …)
   * @param cached the reply came from the reply cache (no LLM call)
   */
  public record Side(
      String action,
      Optional<BigDecimal> confidence,
      Optional<BigDecimal> stopLoss,
      Optional<BigDecimal> takeProfit,
      Optional<BigDecimal> pnl,
      Optional<String> exitReason,
      Optional<Instant> entryTime,
      Optional<BigDecimal> entryPrice,
      Optional<Instant> exitTime,
      Optional<BigDecimal> exitPrice,
      Optional<String> note,
      String model,
      Optional<UUID> promptVersion,
      Optional<String> promptHash,
      boolean cached) {}

  /**
   * Each side's totals over the cycles.
   *
   * @param trades entries played to an exit ({@code no_prices} ones are not)
   * @param winRate share of those trades with a positive pnl (0 without trades)
   */
  public record SideTotals(
      BigDecimal totalPnl, int trades, int wins, double winRate, int noPrices) {}

  /**
   * @param skipped cycles not replayed, by reason (they are not in {@code cycles})
   * @param agreementRate share of the replayed cycles where both sides chose the same action (0 without cycles)
   */
  public record Summary(
      int cycles,
      Map<String, Integer> skipped,
      double agreementRate,
      SideTotals live,
      @JsonProperty("new") SideTotals replayed,
      int llmCalls,
      int cacheHits,
      BigDecimal llmCostUsd) {}

  public static String write(ReplayReport report) {
    return MAPPER.writeValueAsString(report);
  }

  public static ReplayReport read(String json) {
    return MAPPER.readValue(json, ReplayReport.class);
  }
}
