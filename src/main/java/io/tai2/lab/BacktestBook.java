package io.tai2.lab;

import io.tai2.execution.GuardrailVerdict;
import io.tai2.execution.OrderPlan;
import io.tai2.fills.PaperAccount;
import io.tai2.reasoning.Decision;
import io.tai2.reasoning.DecisionOutcome;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a backtest writes down as it runs: every decision with its verdict, every round trip, the equity curve (thinned
 * to at most {@value #MAX_POINTS} points, always keeping the last) beside buy-and-hold, the equity at each 00:00 UTC
 * (for daily returns), the deepest drawdown on minute closes, the time in the market and the LLM's bill.
 */
final class BacktestBook {

  static final int MAX_POINTS = 4_000;

  private final BigDecimal initial;
  private final List<BacktestReport.DecisionRow> decisions = new ArrayList<>();
  private final List<BacktestReport.TradeRow> trades = new ArrayList<>();
  private final List<BacktestReport.EquityPoint> curve = new ArrayList<>();
  private final List<BacktestReport.EquityPoint> buyAndHold = new ArrayList<>();
  private final List<BigDecimal> dayOpens = new ArrayList<>();
  private final double[] startPrices;
  private final double[] lastCloses;
  private long lastMinute;
  private int stride = 1;
  private long samples;
  private double peak;
  private double maxDrawdown;
  private long minutes;
  private long minutesInMarket;
  private int entries;
  private int blocked;
  private int llmCalls;
  private int cacheHits;
  private BigDecimal llmCost = BigDecimal.ZERO;
  private Optional<Instant> lockedAt = Optional.empty();
  private Optional<String> lockReason = Optional.empty();

  BacktestBook(BigDecimal initial, int symbols) {
    this.initial = initial;
    this.peak = initial.doubleValue();
    this.startPrices = new double[symbols];
    this.lastCloses = new double[symbols];
    Arrays.fill(startPrices, Double.NaN);
  }

  /** The first traded open of a symbol: buy-and-hold buys there. */
  void startPrice(int symbol, double open) {
    if (Double.isNaN(startPrices[symbol])) {
      startPrices[symbol] = open;
    }
  }

  void lastClose(int symbol, double close, long closeTime) {
    lastCloses[symbol] = close;
    lastMinute = Math.max(lastMinute, closeTime);
  }

  double lastClose(int symbol) {
    return lastCloses[symbol];
  }

  long lastMinute() {
    return lastMinute;
  }

  /** A minute closed: drawdown on the close, time in the market. */
  void minute(BigDecimal equity, boolean inMarket) {
    double e = equity.doubleValue();
    peak = Math.max(peak, e);
    maxDrawdown = Math.max(maxDrawdown, peak <= 0 ? 0 : (peak - e) / peak);
    minutes++;
    if (inMarket) {
      minutesInMarket++;
    }
  }

  void day(BigDecimal equity) {
    dayOpens.add(equity);
  }

  void locked(Instant at, String reason) {
    lockedAt = Optional.of(at);
    lockReason = Optional.of(reason);
  }

  /** An equity point (and the buy-and-hold one); every {@code stride}-th is kept, the stride doubling as the curve fills. */
  void sample(Instant at, BigDecimal equity, double[] closes) {
    if (samples++ % stride != 0 && !curve.isEmpty()) {
      return;
    }
    if (!curve.isEmpty() && curve.getLast().time().equals(at)) {
      return;
    }
    curve.add(new BacktestReport.EquityPoint(at, money(equity)));
    buyAndHold.add(new BacktestReport.EquityPoint(at, money(holding(closes))));
    if (curve.size() >= MAX_POINTS) {
      thin(curve);
      thin(buyAndHold);
      stride *= 2;
    }
  }

  private static void thin(List<BacktestReport.EquityPoint> points) {
    List<BacktestReport.EquityPoint> kept = new ArrayList<>(points.size() / 2 + 1);
    for (int i = 0; i < points.size(); i += 2) {
      kept.add(points.get(i));
    }
    points.clear();
    points.addAll(kept);
  }

  /** The initial equity split evenly and bought at each symbol's first traded open, without fees or leverage. */
  private BigDecimal holding(double[] closes) {
    double total = 0;
    int held = 0;
    for (int i = 0; i < closes.length; i++) {
      if (!Double.isNaN(startPrices[i]) && startPrices[i] > 0) {
        total += closes[i] / startPrices[i];
        held++;
      }
    }
    return held == 0 ? initial : initial.multiply(BigDecimal.valueOf(total / held));
  }

  void decision(
      UUID id,
      Instant at,
      String symbol,
      Decider.Decided decided,
      GuardrailVerdict verdict,
      BigDecimal price) {
    if (decided.asked()) {
      llmCalls++;
      llmCost = llmCost.add(decided.costUsd());
    }
    if (decided.cacheHit()) {
      cacheHits++;
    }
    boolean rejected = decided.outcome() instanceof DecisionOutcome.Rejected;
    String word;
    Optional<String> rule = Optional.empty();
    String reason;
    switch (verdict) {
      case GuardrailVerdict.Approved a -> {
        word = "approved";
        reason = describe(a.plan());
        if (!a.plan().reduceOnly()) {
          entries++;
        }
      }
      case GuardrailVerdict.Blocked b -> {
        word = "blocked";
        rule = Optional.of(b.rule());
        reason = b.reason();
        blocked++;
      }
      case GuardrailVerdict.NothingToDo n -> {
        word = rejected ? "rejected" : "nothing_to_do";
        reason =
            rejected
                ? ((DecisionOutcome.Rejected) decided.outcome()).reason()
                : decided.outcome().decision().assessment().rationale();
      }
    }
    boolean hold = decided.outcome().decision().action() == Decision.Action.HOLD;
    decisions.add(
        new BacktestReport.DecisionRow(
            id,
            at,
            symbol,
            decided.outcome().decision().action().name(),
            price,
            decided.outcome().decision().confidence(),
            word,
            rule,
            reason,
            hold ? Optional.empty() : Optional.of(BacktestJson.tree(verdict.toJson())),
            decided.prompt(),
            decided.reply()));
  }

  private static String describe(OrderPlan plan) {
    if (plan.reduceOnly()) {
      return "close " + plan.contracts().toPlainString() + " contracts at the next open";
    }
    return plan.side()
        + " "
        + plan.contracts().toPlainString()
        + " contracts at "
        + plan.leverage().stripTrailingZeros().toPlainString()
        + "× at the next open"
        + plan.stopLoss().map(sl -> ", stop " + sl.toPlainString()).orElse("")
        + plan.takeProfit().map(tp -> ", take " + tp.toPlainString()).orElse("");
  }

  void closed(PaperAccount.Closed c) {
    PaperAccount.Position p = c.position();
    trades.add(
        new BacktestReport.TradeRow(
            p.symbol(),
            p.side(),
            p.contracts(),
            p.coin(),
            p.leverage(),
            p.entryTime(),
            p.entryPrice(),
            p.stop(),
            p.take(),
            c.exitTime(),
            c.exitPrice(),
            c.reason().word(),
            c.fees(),
            c.funding(),
            c.pnl(),
            p.entryDecision(),
            c.exitDecision()));
  }

  BacktestReport report(
      BacktestRequest r,
      String deciderName,
      String timeframe,
      Instant from,
      Instant to,
      PaperAccount account) {
    BigDecimal finalEquity = account.equity();
    BacktestReport.Parameters parameters =
        new BacktestReport.Parameters(
            r.symbols(),
            from,
            to,
            r.every(),
            deciderName,
            r.promptVersion(),
            model(deciderName),
            r.stopPct(),
            r.takePct(),
            r.equityPct(),
            r.equity(),
            r.takerFee(),
            r.slippageBps(),
            r.fundingHistory() ? "history" : "off",
            timeframe,
            r.settings());
    List<BigDecimal> days = new ArrayList<>(dayOpens);
    days.add(finalEquity);
    BacktestReport.Metrics metrics =
        BacktestMetrics.of(
            initial,
            finalEquity,
            trades,
            days,
            maxDrawdown,
            minutes == 0 ? 0 : (double) minutesInMarket / minutes,
            decisions.size(),
            entries,
            blocked,
            buyAndHold.isEmpty()
                ? 0
                : buyAndHold
                    .getLast()
                    .equity()
                    .subtract(initial)
                    .divide(initial, 8, RoundingMode.HALF_EVEN)
                    .doubleValue(),
            llmCalls,
            cacheHits,
            llmCost,
            account.feesPaid(),
            account.fundingPaid(),
            lockedAt,
            lockReason);
    return new BacktestReport(
        UUID.randomUUID(),
        Instant.now(),
        parameters,
        decisions,
        trades,
        curve,
        buyAndHold,
        metrics);
  }

  private static Optional<String> model(String decider) {
    return decider.startsWith("llm:") ? Optional.of(decider.substring(4)) : Optional.empty();
  }

  private static BigDecimal money(BigDecimal v) {
    return v.setScale(4, RoundingMode.HALF_EVEN);
  }
}
