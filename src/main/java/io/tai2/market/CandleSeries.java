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

  /** Closed candles kept with their indicator values, for charts and prompts. */
  static final int HISTORY_KEPT = 200;

  /** One candle and the indicators at it. */
  record Row(Bar bar, IndicatorValues values) {}

  private final Indicators indicators = new Indicators();
  private final java.util.ArrayDeque<Row> history = new java.util.ArrayDeque<>(HISTORY_KEPT + 1);
  private Bar open;
  private long lastClosedTs = Long.MIN_VALUE;
  private int closed;
  private IndicatorValues latest;

  /** Live candles that came before the history (kept until it arrives, so nothing is appended out of order). */
  static final int EARLY_KEPT = 1_000;

  private boolean bootstrapped;
  private final List<Candle> early = new java.util.ArrayList<>();

  /**
   * History from REST, newest first as OKX sends it (empty when it could not be loaded); the unconfirmed newest becomes
   * the open candle. Live candles received before it are applied after it. Only the first call counts.
   */
  void bootstrap(List<Candle> newestFirst) {
    if (bootstrapped) {
      return;
    }
    bootstrapped = true;
    newestFirst.reversed().forEach(this::apply);
    early.forEach(this::apply);
    early.clear();
  }

  /** A live candle (WebSocket or poller). */
  void on(Candle candle) {
    if (bootstrapped) {
      apply(candle);
    } else if (early.size() < EARLY_KEPT) {
      early.add(candle);
    }
  }

  private void apply(Candle candle) {
    apply(bar(candle), candle.confirmed());
  }

  /**
   * One candle as a bar, confirmed or still forming: the live path and the backtest's replay ({@link HistoricalMarket})
   * both come through here, so both get the same indicators.
   */
  void apply(Bar bar, boolean confirmed) {
    if (bar.ts() <= lastClosedTs) {
      return; // a late or repeated candle that is already in
    }
    if (open != null && bar.ts() > open.ts()) {
      close(open);
    }
    if (confirmed) {
      close(bar);
    } else {
      open = bar;
      latest = indicators.preview(bar);
    }
  }

  private void close(Bar bar) {
    latest = indicators.append(bar);
    history.addLast(new Row(bar, latest));
    if (history.size() > HISTORY_KEPT) {
      history.removeFirst();
    }
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

  /** The last {@value #HISTORY_KEPT} closed candles, oldest first, then the open one if any. */
  List<Row> rows() {
    List<Row> rows = new java.util.ArrayList<>(history);
    if (open != null && latest != null && latest.ts() == open.ts()) {
      rows.add(new Row(open, latest));
    }
    return rows;
  }

  /** The rows as chart columns: the {@link #rows()} with every series' value at each (null where undefined). */
  CandleHistory history(String instId, String timeframe) {
    List<Row> rows = rows();
    Map<String, List<Double>> values = new LinkedHashMap<>();
    for (Series s : Series.values()) {
      values.put(s.key(), rows.stream().map(r -> r.values().isDefined(s) ? r.values().get(s) : null).toList());
    }
    return new CandleHistory(
        instId, timeframe, hasOpen(), rows.stream().map(r -> r.bar().ts()).toList(),
        rows.stream().map(r -> r.bar().open()).toList(), rows.stream().map(r -> r.bar().high()).toList(),
        rows.stream().map(r -> r.bar().low()).toList(), rows.stream().map(r -> r.bar().close()).toList(),
        rows.stream().map(r -> r.bar().volume()).toList(), values);
  }

  /** Whether the newest row is the open (still changing) candle. */
  boolean hasOpen() {
    return open != null;
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
