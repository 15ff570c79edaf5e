package io.tai2.lab;

import io.tai2.market.MarketSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One symbol's history for a backtest, held in primitive arrays (a year of one-minute bars is 525,600 rows; as objects
 * they would not fit the 512 MB budget): bar open times and OHLCV, oldest first, one minute apart or with holes; the
 * funding rates by funding time; the instrument rules orders are sized with.
 */
public record SymbolHistory(
    String symbol, MarketSnapshot.InstrumentSpec instrument, BigDecimal contractSize, long[] ts, double[] open, double[] high,
    double[] low, double[] close, double[] volume, NavigableMap<Long, BigDecimal> funding, String instrumentSource) {

  public SymbolHistory {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(instrument, "instrument");
    int n = ts.length;
    if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n) {
      throw new IllegalArgumentException("the OHLCV arrays of " + symbol + " differ in length");
    }
    for (int i = 1; i < n; i++) {
      if (ts[i] <= ts[i - 1]) {
        throw new IllegalArgumentException(symbol + ": bars are not in time order at " + Instant.ofEpochMilli(ts[i]));
      }
    }
    funding = new TreeMap<>(funding);
  }

  public int size() {
    return ts.length;
  }

  /** The lowest low, to check that the instrument's tick fits the prices. */
  public double lowest() {
    double min = Double.MAX_VALUE;
    for (double l : low) {
      min = Math.min(min, l);
    }
    return min;
  }
}
