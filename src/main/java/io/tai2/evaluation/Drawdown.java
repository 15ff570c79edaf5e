package io.tai2.evaluation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * The largest peak-to-trough fall of an arm's running PnL, trade by trade in closing order. The start counts as a peak,
 * so losing the first three trades is a drawdown even though the curve never rose.
 */
public final class Drawdown {

  private Drawdown() {}

  /** The largest fall in USDT (≥ 0) of the cumulative PnL of closed trades, in closing order. */
  public static BigDecimal largest(List<BigDecimal> pnls) {
    BigDecimal running = BigDecimal.ZERO;
    BigDecimal peak = BigDecimal.ZERO;
    BigDecimal largest = BigDecimal.ZERO;
    for (BigDecimal pnl : pnls) {
      running = running.add(pnl);
      peak = peak.max(running);
      largest = largest.max(peak.subtract(running));
    }
    return largest;
  }

  /**
   * The largest fall as a percentage of the equity at the peak it fell from, for an account that started with
   * {@code startingEquity} (> 0): the leaderboard's {@code max_drawdown_pct}, comparable between arms of different sizes.
   */
  public static double largestPercent(BigDecimal startingEquity, List<BigDecimal> pnls) {
    if (startingEquity.signum() <= 0) {
      throw new IllegalArgumentException(
          "a drawdown in percent needs a positive starting equity, got " + startingEquity);
    }
    BigDecimal equity = startingEquity;
    BigDecimal peak = startingEquity;
    BigDecimal largest = BigDecimal.ZERO;
    for (BigDecimal pnl : pnls) {
      equity = equity.add(pnl);
      peak = peak.max(equity);
      largest = largest.max(peak.subtract(equity).divide(peak, MathContext.DECIMAL64));
    }
    return largest.doubleValue() * 100;
  }
}
