package io.tai2.market;

import io.tai2.indicators.Bar;
import io.tai2.okx.OkxBarSize;

/**
 * One timeframe of a replay: one-minute bars folded into OKX-aligned candles. A candle closes into the {@link
 * CandleSeries} (its indicators appended) when its last minute is applied, or when a minute of a later candle arrives
 * (a gap); the open candle is kept as five numbers and handed to the series, which previews it, only when someone
 * looks ({@link #series()}), so a replay without snapshots never previews.
 */
final class ReplayedTimeframe {

  private static final long MINUTE = 60_000L;

  private final OkxBarSize size;
  private final CandleSeries series = new CandleSeries();
  private boolean open;

  /** The open candle changed since the series last saw it. */
  private boolean unseen;

  private long openTs;
  private long nextOpen = Long.MIN_VALUE;
  private double o;
  private double h;
  private double l;
  private double c;
  private double v;

  ReplayedTimeframe(OkxBarSize size) {
    this.size = size;
  }

  /** Folds in one closed minute ({@code ts} = its open time, after every minute applied before). */
  void onMinute(long ts, double open, double high, double low, double close, double volume) {
    if (this.open && ts >= nextOpen) {
      closeCandle(); // the candle's last minutes are missing from the history
    }
    if (!this.open) {
      this.open = true;
      openTs = size.openOf(ts);
      nextOpen = size.next(openTs);
      o = open;
      h = high;
      l = low;
      v = volume;
    } else {
      h = Math.max(h, high);
      l = Math.min(l, low);
      v += volume;
    }
    c = close;
    unseen = true;
    if (ts + MINUTE >= nextOpen) {
      closeCandle();
    }
  }

  private void closeCandle() {
    series.apply(new Bar(openTs, o, h, l, c, v), true);
    open = false;
    unseen = false;
  }

  /** The series with the open candle (if any) previewed as it is now. */
  CandleSeries series() {
    if (unseen) {
      series.apply(new Bar(openTs, o, h, l, c, v), false);
      unseen = false;
    }
    return series;
  }
}
