package io.tai2.lab;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The figures of a backtest, from its trades and its equity at each 00:00 UTC. */
final class BacktestMetrics {

  /** Crypto trades every day of the year. */
  private static final double DAYS_PER_YEAR = 365;

  private BacktestMetrics() {}

  /**
   * @param dayEquities the equity at each 00:00 UTC of the run, then the final equity: daily returns are between them
   * @param maxDrawdown the deepest fall from a peak on minute closes, a fraction
   */
  static BacktestReport.Metrics of(
      BigDecimal initial,
      BigDecimal finalEquity,
      List<BacktestReport.TradeRow> trades,
      List<BigDecimal> dayEquities,
      double maxDrawdown,
      double exposure,
      int decisions,
      int entries,
      int blocked,
      double buyAndHold,
      int llmCalls,
      int cacheHits,
      BigDecimal llmCost,
      BigDecimal fees,
      BigDecimal funding,
      Optional<Instant> riskLockedAt,
      Optional<String> riskLockReason) {
    BigDecimal net = finalEquity.subtract(initial);
    BigDecimal won = BigDecimal.ZERO;
    BigDecimal lost = BigDecimal.ZERO;
    int wins = 0;
    for (BacktestReport.TradeRow t : trades) {
      if (t.pnl().signum() > 0) {
        wins++;
        won = won.add(t.pnl());
      } else {
        lost = lost.add(t.pnl().negate());
      }
    }
    BigDecimal pnlSum = won.subtract(lost);
    double[] returns = dailyReturns(dayEquities);
    return new BacktestReport.Metrics(
        initial,
        money(finalEquity),
        money(net),
        ratio(net, initial),
        round(maxDrawdown),
        round(sharpe(returns)),
        round(sortino(returns)),
        trades.isEmpty() ? 0 : round((double) wins / trades.size()),
        lost.signum() == 0
            ? Optional.empty()
            : Optional.of(round(won.divide(lost, 8, RoundingMode.HALF_EVEN).doubleValue())),
        trades.isEmpty()
            ? BigDecimal.ZERO
            : money(pnlSum.divide(BigDecimal.valueOf(trades.size()), 8, RoundingMode.HALF_EVEN)),
        round(exposure),
        trades.size(),
        decisions,
        entries,
        blocked,
        round(buyAndHold),
        llmCalls,
        cacheHits,
        llmCost,
        money(fees),
        money(funding),
        riskLockedAt,
        riskLockReason);
  }

  static double[] dailyReturns(List<BigDecimal> equities) {
    double[] r = new double[Math.max(0, equities.size() - 1)];
    for (int i = 1; i < equities.size(); i++) {
      double before = equities.get(i - 1).doubleValue();
      r[i - 1] = before <= 0 ? 0 : equities.get(i).doubleValue() / before - 1;
    }
    return r;
  }

  /** Mean over sample standard deviation of daily returns, × √365; 0 with fewer than two days or no variation. */
  static double sharpe(double[] r) {
    if (r.length < 2) {
      return 0;
    }
    double mean = mean(r);
    double var = 0;
    for (double x : r) {
      var += (x - mean) * (x - mean);
    }
    double sd = Math.sqrt(var / (r.length - 1));
    return sd == 0 ? 0 : mean / sd * Math.sqrt(DAYS_PER_YEAR);
  }

  /** Mean over the downside deviation (root mean square of the negative daily returns), × √365; 0 without a losing day. */
  static double sortino(double[] r) {
    if (r.length < 2) {
      return 0;
    }
    double down = 0;
    for (double x : r) {
      down += Math.min(0, x) * Math.min(0, x);
    }
    double dd = Math.sqrt(down / r.length);
    return dd == 0 ? 0 : mean(r) / dd * Math.sqrt(DAYS_PER_YEAR);
  }

  private static double mean(double[] r) {
    double sum = 0;
    for (double x : r) {
      sum += x;
    }
    return sum / r.length;
  }

  private static double ratio(BigDecimal a, BigDecimal b) {
    return b.signum() == 0 ? 0 : round(a.divide(b, 10, RoundingMode.HALF_EVEN).doubleValue());
  }

  private static double round(double x) {
    return Double.isFinite(x) ? Math.round(x * 1e6) / 1e6 : 0;
  }

  private static BigDecimal money(BigDecimal v) {
    return v.setScale(4, RoundingMode.HALF_EVEN);
  }
}
