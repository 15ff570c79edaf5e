package io.tai2.market;

import io.tai2.indicators.Bar;
import io.tai2.indicators.IndicatorValues;
import io.tai2.indicators.Indicators;
import io.tai2.indicators.Series;
import io.tai2.okx.Candle;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One timeframe of one symbol: closed candles go into the indicators once, the open candle is previewed on every change
 * (never recomputed over the window). A candle that was never confirmed is taken as closed when the next one starts.
 */
final class CandleSeries {

  private final Indicators indicators = new Indicators();
  private Bar open;
  private long lastClosedTs = Long.MIN_VALUE;
  private int closed;
  private IndicatorValues latest;

  /** History from REST, newest first as OKX sends it; the unconfirmed newest becomes the open candle. */
  void bootstrap(List<Candle> newestFirst) {
    for (Candle candle : newestFirst.reversed()) {
      on(candle);
    }
  }

  void on(Candle candle) {
    Bar bar = bar(candle);
    if (bar.ts() <= lastClosedTs) {
      return; // a late or repeated candle that is already in
    }
    if (open != null && bar.ts() > open.ts()) {
      close(open);
    }
    if (candle.confirmed()) {
      close(bar);
    } else {
      open = bar;
      latest = indicators.preview(bar);
    }
  }

  private void close(Bar bar) {
    latest = indicators.append(bar);
    lastClosedTs = bar.ts();
    closed++;
    open = null;
  }

  /** The values at the newest candle, or null before any. */
  MarketSnapshot.TimeframeIndicators view() {
    if (latest == null) {
      return null;
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (Series s : Series.values()) {
      values.put(s.key(), latest.isDefined(s) ? latest.get(s) : null);
    }
    return new MarketSnapshot.TimeframeIndicators(Instant.ofEpochMilli(latest.ts()), open == null, closed + (open == null ? 0 : 1), values);
  }

  /** The newest values (for the signal), or null. */
  IndicatorValues latest() {
    return latest;
  }

  private static Bar bar(Candle c) {
    return new Bar(
        c.ts().toEpochMilli(), c.open().doubleValue(), c.high().doubleValue(), c.low().doubleValue(), c.close().doubleValue(), c.vol().doubleValue());
  }
}
