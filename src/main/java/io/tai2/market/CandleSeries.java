package io.tai2.market;

import io.tai2.indicators.Bar;
import io.tai2.indicators.IndicatorValues;
import io.tai2.indicators.Indicators;
import io.tai2.indicators.Series;
import io.tai2.okx.Candle;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

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
  private final ArrayDeque<Row> history = new ArrayDeque<>(HISTORY_KEPT + 1);
  private Bar open;
  private long lastClosedTs = Long.MIN_VALUE;
  private int closed;
  private IndicatorValues latest;

  /** The closed rows boxed as chart columns (see {@link #history}); null until asked and after a candle closes. */
  private List<List<Double>> closedColumns;

  private List<Long> closedTs;

  /** Live candles that came before the history (kept until it arrives, so nothing is appended out of order). */
  static final int EARLY_KEPT = 1_000;

  private boolean bootstrapped;
  private final List<Candle> early = new ArrayList<>();

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
    closedColumns = null;
    closedTs = null;
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
    return new MarketSnapshot.TimeframeIndicators(
        Instant.ofEpochMilli(latest.ts()), open == null, closed + (open == null ? 0 : 1), values);
  }

  /** The last {@value #HISTORY_KEPT} closed candles, oldest first, then the open one if any. */
  List<Row> rows() {
    List<Row> rows = new ArrayList<>(history);
    if (open != null && latest != null && latest.ts() == open.ts()) {
      rows.add(new Row(open, latest));
    }
    return rows;
  }

  /**
   * The {@link #rows()} as chart columns, every series' value at each (null where undefined). The closed rows' columns
   * are boxed once per closed candle and reused, so asking at every decision of a backtest costs a copy, not a rebuild.
   */
  CandleHistory history(String instId, String timeframe) {
    if (closedColumns == null) {
      closedColumns = columns(new ArrayList<>(history));
      closedTs = history.stream().map(r -> r.bar().ts()).toList();
    }
    List<Long> ts = closedTs;
    List<List<Double>> columns = closedColumns;
    if (open != null && latest != null && latest.ts() == open.ts()) {
      ts = plus(closedTs, open.ts(), Long[]::new);
      List<Double> openRow = row(new Row(open, latest));
      columns = new ArrayList<>(closedColumns.size());
      for (int i = 0; i < closedColumns.size(); i++) {
        columns.add(plus(closedColumns.get(i), openRow.get(i), Double[]::new));
      }
    }
    Map<String, List<Double>> values = new LinkedHashMap<>();
    for (Series s : Series.values()) {
      values.put(s.key(), columns.get(5 + s.ordinal()));
    }
    return new CandleHistory(
        instId,
        timeframe,
        hasOpen(),
        ts,
        columns.get(0),
        columns.get(1),
        columns.get(2),
        columns.get(3),
        columns.get(4),
        values);
  }

  /** Open, high, low, close, volume, then every series in {@link Series} order: one list per column. */
  private static List<List<Double>> columns(List<Row> rows) {
    int width = 5 + Series.values().length;
    Double[][] cells = new Double[width][rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      List<Double> row = row(rows.get(r));
      for (int c = 0; c < width; c++) {
        cells[c][r] = row.get(c);
      }
    }
    List<List<Double>> columns = new ArrayList<>(width);
    for (Double[] column : cells) {
      columns.add(Collections.unmodifiableList(Arrays.asList(column)));
    }
    return columns;
  }

  private static List<Double> row(Row row) {
    List<Double> cells = new ArrayList<>(5 + Series.values().length);
    Bar b = row.bar();
    Collections.addAll(cells, b.open(), b.high(), b.low(), b.close(), b.volume());
    for (Series s : Series.values()) {
      cells.add(row.values().isDefined(s) ? row.values().get(s) : null);
    }
    return cells;
  }

  /** The column with one more cell at the end, copied once (the closed columns are shared, never changed). */
  private static <T> List<T> plus(List<T> column, T last, IntFunction<T[]> array) {
    T[] cells = column.toArray(array.apply(column.size() + 1));
    cells[column.size()] = last;
    return Collections.unmodifiableList(Arrays.asList(cells));
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
        c.ts().toEpochMilli(),
        c.open().doubleValue(),
        c.high().doubleValue(),
        c.low().doubleValue(),
        c.close().doubleValue(),
        c.vol().doubleValue());
  }
}
