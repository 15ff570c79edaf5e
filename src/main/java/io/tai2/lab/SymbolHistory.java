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
    String symbol,
    MarketSnapshot.InstrumentSpec instrument,
    BigDecimal contractSize,
    long[] ts,
    double[] open,
    double[] high,
    double[] low,
    double[] close,
    double[] volume,
    NavigableMap<Long, BigDecimal> funding,
    String instrumentSource) {

  public SymbolHistory {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(instrument, "instrument");
    int n = ts.length;
    if (open.length != n
        || high.length != n
        || low.length != n
        || close.length != n
        || volume.length != n) {
      throw new IllegalArgumentException("the OHLCV arrays of " + symbol + " differ in length");
    }
    for (int i = 1; i < n; i++) {
      if (ts[i] <= ts[i - 1]) {
        throw new IllegalArgumentException(
            symbol + ": bars are not in time order at " + Instant.ofEpochMilli(ts[i]));
      }
    }
    funding = new TreeMap<>(funding);
  }

  public int size() {
    return ts.length;
  }

  /** Bars gathered row by row (oldest first) into the arrays a history holds. */
  public static final class Bars {
    private final long[] ts;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private int n;
    private double lowest = Double.MAX_VALUE;

    public Bars(int count) {
      ts = new long[count];
      open = new double[count];
      high = new double[count];
      low = new double[count];
      close = new double[count];
      volume = new double[count];
    }

    public Bars add(long openTime, double o, double h, double l, double c, double v) {
      ts[n] = openTime;
      open[n] = o;
      high[n] = h;
      low[n] = l;
      close[n] = c;
      volume[n] = v;
      n++;
      lowest = Math.min(lowest, l);
      return this;
    }

    /** The lowest low so far (to check that a tick fits the prices). */
    public double lowest() {
      return lowest;
    }

    /**
     * @throws IllegalStateException when fewer bars were added than the count given
     */
    public SymbolHistory of(
        String symbol,
        MarketSnapshot.InstrumentSpec instrument,
        BigDecimal contractSize,
        NavigableMap<Long, BigDecimal> funding,
        String instrumentSource) {
      if (n != ts.length) {
        throw new IllegalStateException(
            n + " of " + ts.length + " bars of " + symbol + " were added");
      }
      return new SymbolHistory(
          symbol,
          instrument,
          contractSize,
          ts,
          open,
          high,
          low,
          close,
          volume,
          funding,
          instrumentSource);
    }
  }
}
