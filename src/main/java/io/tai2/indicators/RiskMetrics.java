package io.tai2.indicators;

/**
 * Volatility-based risk numbers (docs/spec/tai2-upstream.md §4.7): ATR(14) in price units, ATR as % of the last price, and a suggested
 * stop distance of 1.5 × ATR (a distance from the entry, not a price) with its % of the last price.
 */
public record RiskMetrics(
    double atr, double atrPct, double suggestedStop, double suggestedStopPct) {

  public static RiskMetrics of(double atr, double lastPrice) {
    double stop = 1.5 * atr;
    return new RiskMetrics(atr, atr / lastPrice * 100, stop, stop / lastPrice * 100);
  }
}
