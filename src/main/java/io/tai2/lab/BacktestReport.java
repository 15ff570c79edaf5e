package io.tai2.lab;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A finished backtest: the parameters it ran with, every decision and what the guardrails made of it, the trades,
 * the equity curve beside buy-and-hold of the same symbols, and the metrics. Serialised in snake_case (the JSON of
 * {@code tai2 backtest --out} and {@code GET /api/backtests/{id}}); money in USDT, prices in the quote currency.
 */
public record BacktestReport(
    UUID id,
    Instant createdAt,
    Parameters parameters,
    List<DecisionRow> decisions,
    List<TradeRow> trades,
    List<EquityPoint> equityCurve,
    List<EquityPoint> buyAndHold,
    Metrics metrics) {

  public BacktestReport {
    decisions = List.copyOf(decisions);
    trades = List.copyOf(trades);
    equityCurve = List.copyOf(equityCurve);
    buyAndHold = List.copyOf(buyAndHold);
  }

  /** The request as it ran: the period actually covered, and the settings the guardrails applied. */
  public record Parameters(
      List<String> symbols,
      Instant from,
      Instant to,
      String every,
      String decider,
      Optional<UUID> promptVersion,
      Optional<String> model,
      BigDecimal stopPct,
      BigDecimal takePct,
      BigDecimal equityPct,
      BigDecimal equity,
      BigDecimal takerFee,
      BigDecimal slippageBps,
      String funding,
      String timeframe,
      Optional<String> settings) {}

  /**
   * One decision and its verdict.
   *
   * @param price the close the decision saw (its reference price)
   * @param verdict {@code approved}, {@code blocked}, {@code nothing_to_do} or {@code rejected} (the decider's reply
   *     failed validation: HOLD)
   * @param rule the guardrail that blocked it, for {@code blocked}
   * @param checks the guardrails' checks as stored in the decision log (absent for a HOLD)
   * @param prompt the prompt sent, for an LLM decider
   * @param reply the raw reply, for an LLM decider
   */
  public record DecisionRow(
      UUID id,
      Instant time,
      String symbol,
      String action,
      BigDecimal price,
      BigDecimal confidence,
      String verdict,
      Optional<String> rule,
      String reason,
      Optional<JsonNode> checks,
      Optional<String> prompt,
      Optional<String> reply) {}

  /**
   * One round trip. {@code pnl} is net: the price move on the contracts, less {@code fees} (paid on both legs), plus
   * {@code funding} (received positive, paid negative); the account's equity moves by exactly {@code pnl}.
   *
   * @param exitReason {@code stop}, {@code take}, {@code close}, {@code end} or {@code liquidation}
   */
  public record TradeRow(
      String symbol,
      String side,
      BigDecimal contracts,
      BigDecimal coin,
      BigDecimal leverage,
      Instant entryTime,
      BigDecimal entryPrice,
      Optional<BigDecimal> stopLoss,
      Optional<BigDecimal> takeProfit,
      Instant exitTime,
      BigDecimal exitPrice,
      String exitReason,
      BigDecimal fees,
      BigDecimal funding,
      BigDecimal pnl,
      UUID entryDecision,
      Optional<UUID> exitDecision) {}

  /** Equity (cash + open profit) at a time. */
  public record EquityPoint(Instant time, BigDecimal equity) {}

  /**
   * The run's figures. Ratios are plain fractions (0.12 = 12 %); Sharpe and Sortino are of daily returns, annualised
   * by √365 (crypto trades every day); {@code profitFactor} is empty without a losing trade; {@code riskLockedAt} says when
   * the daily-loss lock engaged (it then stays on to the end, as live until an operator resets it).
   */
  public record Metrics(
      BigDecimal initialEquity,
      BigDecimal finalEquity,
      BigDecimal netPnl,
      double returnPct,
      double maxDrawdownPct,
      double sharpe,
      double sortino,
      double winRate,
      Optional<Double> profitFactor,
      BigDecimal expectancy,
      double exposure,
      int trades,
      int decisions,
      int entries,
      int blocked,
      double buyAndHoldReturnPct,
      int llmCalls,
      int cacheHits,
      BigDecimal llmCostUsd,
      BigDecimal feesPaid,
      BigDecimal fundingPaid,
      Optional<Instant> riskLockedAt,
      Optional<String> riskLockReason) {}
}
