package io.tai2.lab;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A stand-in engine for the job, API and page tests: a plausible report (an equity curve that depends on the decider,
 * buy-and-hold, a few trades each with its entry decision, prompt, reply and guardrail checks), reported in
 * {@code steps} progress steps {@code pause} apart so a page can watch it move. It honours cancellation between steps
 * and refuses the symbol {@code NONE-USDT-SWAP} as the real engine refuses a symbol without candles.
 */
public class FakeBacktestRunner implements BacktestRunner {

  public static final String NO_CANDLES = "NONE-USDT-SWAP";
  static final Instant DEFAULT_FROM = Instant.parse("2026-11-01T00:00:00Z");
  static final int POINTS = 48;

  private final int steps;
  private final Duration pause;

  public FakeBacktestRunner(int steps, Duration pause) {
    this.steps = steps;
    this.pause = pause;
  }

  @Override
  public BacktestReport run(BacktestRequest request, BacktestProgress progress) {
    if (request.symbols().contains(NO_CANDLES)) {
      throw new IllegalArgumentException(
          "no candles stored for "
              + NO_CANDLES
              + "; run tai2 history fetch --symbols "
              + NO_CANDLES
              + " first");
    }
    long total = steps * 1_000L;
    for (int i = 1; i <= steps; i++) {
      if (progress.cancelled()) {
        throw new BacktestCancelledException("cancelled at bar " + (i - 1) * 1_000L);
      }
      sleep();
      progress.update(i * 1_000L, total);
    }
    return report(request);
  }

  private void sleep() {
    if (pause.isZero()) {
      return;
    }
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BacktestCancelledException("interrupted");
    }
  }

  /** The report: a curve drifting by the decider's own slope, so two deciders draw two different lines. */
  public static BacktestReport report(BacktestRequest request) {
    Instant from = request.from().orElse(DEFAULT_FROM);
    Instant to = request.to().orElse(from.plus(Duration.ofDays(2)));
    Duration step = Duration.between(from, to).dividedBy(POINTS - 1);
    double slope =
        switch (request.decider()) {
          case "fake:long" -> 0.0009;
          case "fake:short" -> -0.0006;
          default -> 0.0003;
        };
    BigDecimal initial = request.equity();
    List<BacktestReport.EquityPoint> curve = new ArrayList<>();
    List<BacktestReport.EquityPoint> hold = new ArrayList<>();
    double peak = 0;
    double maxDrawdown = 0;
    for (int i = 0; i < POINTS; i++) {
      double factor = 1 + slope * i + 0.004 * Math.sin(i / 3.0);
      double equity = initial.doubleValue() * factor;
      peak = Math.max(peak, equity);
      maxDrawdown = Math.max(maxDrawdown, (peak - equity) / peak);
      Instant t = from.plus(step.multipliedBy(i));
      curve.add(new BacktestReport.EquityPoint(t, money(equity)));
      hold.add(new BacktestReport.EquityPoint(t, money(initial.doubleValue() * (1 + 0.0004 * i))));
    }
    List<BacktestReport.DecisionRow> decisions = new ArrayList<>();
    List<BacktestReport.TradeRow> trades = new ArrayList<>();
    BigDecimal net = curve.getLast().equity().subtract(initial);
    String symbol = request.symbols().getFirst();
    int count = 4;
    BigDecimal each = net.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_EVEN);
    for (int k = 0; k < count; k++) {
      Instant entry = from.plus(step.multipliedBy(k * 10L + 1));
      Instant exit = entry.plus(step.multipliedBy(5));
      BigDecimal price = new BigDecimal(90_000 + k * 250);
      String action = request.decider().equals("fake:short") ? "SELL" : "BUY";
      UUID decision = UUID.randomUUID();
      String checks =
          "{\"verdict\":\"approved\",\"rule\":null,\"reason\":null,\"plan\":null,\"checks\":["
              + "{\"rule\":\"max_leverage\",\"result\":\"PASS\",\"before\":\"3\",\"after\":\"3\",\"detail\":\"leverage 3 within 1–5\"},"
              + "{\"rule\":\"max_position_pct\",\"result\":\"ADJUSTED\",\"before\":\"0.08\",\"after\":\"0.05\",\"detail\":\"size cut to 5 % of equity\"}]}";
      decisions.add(
          new BacktestReport.DecisionRow(
              decision,
              entry,
              symbol,
              action,
              price,
              new BigDecimal("0.7"),
              "approved",
              Optional.empty(),
              "fake " + action + " number " + (k + 1),
              Optional.of(BacktestJson.tree(checks)),
              Optional.of("SYSTEM: you trade " + symbol + "\nUSER: candles up to " + entry),
              Optional.of("{\"action\":\"" + action + "\",\"confidence\":0.7}")));
      decisions.add(
          new BacktestReport.DecisionRow(
              UUID.randomUUID(),
              exit,
              symbol,
              "HOLD",
              price,
              new BigDecimal("0.5"),
              "nothing_to_do",
              Optional.empty(),
              "position open",
              Optional.empty(),
              Optional.empty(),
              Optional.empty()));
      BigDecimal pnl =
          k == count - 1 ? net.subtract(each.multiply(BigDecimal.valueOf(count - 1))) : each;
      trades.add(
          new BacktestReport.TradeRow(
              symbol,
              action.equals("BUY") ? "long" : "short",
              new BigDecimal("5"),
              new BigDecimal("0.05"),
              new BigDecimal("3"),
              entry,
              price,
              Optional.of(price.multiply(new BigDecimal("0.99"))),
              Optional.of(price.multiply(new BigDecimal("1.02"))),
              exit,
              price.add(pnl.multiply(new BigDecimal("20"))),
              pnl.signum() >= 0 ? "take" : "stop",
              new BigDecimal("4.5"),
              BigDecimal.ZERO,
              pnl,
              decision,
              Optional.empty()));
    }
    double returnPct = net.doubleValue() / initial.doubleValue();
    int wins = (int) trades.stream().filter(t -> t.pnl().signum() > 0).count();
    BacktestReport.Metrics metrics =
        new BacktestReport.Metrics(
            initial,
            curve.getLast().equity(),
            net,
            returnPct,
            maxDrawdown,
            slope * 900,
            slope * 1200,
            (double) wins / count,
            wins == count ? Optional.empty() : Optional.of(1.4),
            each,
            0.4,
            count,
            decisions.size(),
            count,
            0,
            0.0004 * (POINTS - 1),
            0,
            0,
            BigDecimal.ZERO,
            new BigDecimal("18"),
            BigDecimal.ZERO,
            Optional.empty(),
            Optional.empty());
    BacktestReport.Parameters parameters =
        new BacktestReport.Parameters(
            request.symbols(),
            from,
            to,
            request.every(),
            request.decider(),
            request.promptVersion(),
            Optional.empty(),
            request.stopPct(),
            request.takePct(),
            request.equityPct(),
            request.equity(),
            request.takerFee(),
            request.slippageBps(),
            request.fundingHistory() ? "history" : "off",
            "1m",
            request.settings());
    return new BacktestReport(
        UUID.randomUUID(), Instant.now(), parameters, decisions, trades, curve, hold, metrics);
  }

  private static BigDecimal money(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN);
  }
}
