package io.tai2.market;

import io.tai2.indicators.Bar;
import io.tai2.indicators.IndicatorValues;
import io.tai2.indicators.Series;
import io.tai2.indicators.StrategySignal;
import io.tai2.okx.OkxBarSize;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One symbol's market rebuilt from one-minute history for a backtest: at each minute's close, the {@link
 * MarketSnapshot} and {@link CandleHistory} live tai2 would have built from the candles up to then. Every timeframe is
 * aggregated from the minutes with OKX's alignment and goes through the live {@link CandleSeries} (closed candles
 * appended, the open one previewed — lazily, when a snapshot or history asks). Sources that candle history lacks (order
 * book, trades and order flow, open interest, mark price, liquidations, long/short ratio) are null, never invented;
 * funding is there only when {@link #funding} gave it.
 *
 * <p>Not thread-safe: one backtest thread owns an instance.
 */
public final class HistoricalMarket {

  private final MarketSnapshot.InstrumentSpec instrument;
  private final List<String> timeframes;
  private final String primaryTimeframe;
  private final ReplayedTimeframe[] replayed;
  private final TrailingDay day = new TrailingDay();
  private long lastTs = Long.MIN_VALUE;
  private double lastClose = Double.NaN;
  private MarketSnapshot.Funding funding;

  public HistoricalMarket(
      MarketSnapshot.InstrumentSpec instrument, List<String> timeframes, String primaryTimeframe) {
    if (!timeframes.contains(primaryTimeframe)) {
      throw new IllegalArgumentException(
          "primary timeframe " + primaryTimeframe + " is not one of " + timeframes);
    }
    this.instrument = instrument;
    this.timeframes = List.copyOf(timeframes);
    this.primaryTimeframe = primaryTimeframe;
    this.replayed = new ReplayedTimeframe[timeframes.size()];
    for (int i = 0; i < replayed.length; i++) {
      String tf = timeframes.get(i);
      replayed[i] =
          new ReplayedTimeframe(
              OkxBarSize.of(tf)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "unknown timeframe "
                                  + tf
                                  + "; OKX bar sizes are "
                                  + OkxBarSize.names())));
    }
  }

  /** Applies one closed one-minute bar; bars must come in time order (ts = open time, epoch millis). */
  public void onMinute(Bar bar) {
    long ts = bar.ts();
    if (ts <= lastTs) {
      throw new IllegalArgumentException(
          "minute "
              + Instant.ofEpochMilli(ts)
              + " is not after the last one applied, "
              + Instant.ofEpochMilli(lastTs)
              + ": bars must come in time order");
    }
    lastTs = ts;
    lastClose = bar.close();
    for (ReplayedTimeframe tf : replayed) {
      tf.onMinute(ts, bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
    }
    day.add(ts, bar.open(), bar.high(), bar.low(), bar.volume());
  }

  /** The funding rate known at the time (the last settled one) — optional, sets snapshot.funding. */
  public void funding(BigDecimal rate, Instant fundingTime, Instant nextFundingTime) {
    funding = new MarketSnapshot.Funding(rate, fundingTime, nextFundingTime, fundingTime);
  }

  /** The snapshot at now = the close of the last applied minute. */
  public MarketSnapshot snapshot(Instant now) {
    Map<String, MarketSnapshot.TimeframeIndicators> indicators = new LinkedHashMap<>();
    IndicatorValues primary = null;
    for (int i = 0; i < replayed.length; i++) {
      CandleSeries series = replayed[i].series();
      indicators.put(timeframes.get(i), series.view());
      if (timeframes.get(i).equals(primaryTimeframe)) {
        primary = series.latest();
      }
    }
    StrategySignal s =
        StrategySignal.of(
            value(primary, Series.RSI_14),
            value(primary, Series.MACD_LINE),
            value(primary, Series.STOCHRSI_K),
            value(primary, Series.STOCHRSI_D),
            Double.NaN,
            Double.NaN,
            lastClose); // no book, no trades: order flow adds nothing
    Map<String, MarketSnapshot.Freshness> freshness = new LinkedHashMap<>();
    freshness.put("candles", new MarketSnapshot.Freshness(now, 0, false));
    freshness.put("ticker", new MarketSnapshot.Freshness(now, 0, false));
    if (funding != null) {
      freshness.put(
          "funding",
          new MarketSnapshot.Freshness(
              funding.ts(), Math.max(0, now.toEpochMilli() - funding.ts().toEpochMilli()), false));
    }
    return new MarketSnapshot(
        instrument.instId(),
        now,
        instrument,
        ticker(now),
        null,
        funding,
        null,
        null,
        null,
        null,
        indicators,
        null,
        new MarketSnapshot.Signal(s.action(), s.confidence(), s.score(), s.reason(), s.lastPrice()),
        SymbolFeed.risk(primary, lastClose),
        freshness,
        false);
  }

  /** The timeframe's candles and indicators as the live engine would chart/prompt them (closed ones + the open one). */
  public Optional<CandleHistory> history(String timeframe) {
    int i = timeframes.indexOf(timeframe);
    return i < 0
        ? Optional.empty()
        : Optional.of(replayed[i].series().history(instrument.instId(), timeframe));
  }

  public List<String> timeframes() {
    return timeframes;
  }

  /** Last = the last close; 24 h figures from the trailing minutes; no bid or ask (history has no book). */
  private MarketSnapshot.Ticker ticker(Instant now) {
    if (Double.isNaN(lastClose)) {
      return null;
    }
    TrailingDay.Stats d = day.at(now.toEpochMilli());
    if (d == null) { // no minute in the 24 h before now
      return new MarketSnapshot.Ticker(
          BigDecimal.valueOf(lastClose), null, null, null, null, null, null, null, now);
    }
    BigDecimal vol = BigDecimal.valueOf(d.volume());
    return new MarketSnapshot.Ticker(
        BigDecimal.valueOf(lastClose),
        null,
        null,
        BigDecimal.valueOf(d.open()),
        BigDecimal.valueOf(d.high()),
        BigDecimal.valueOf(d.low()),
        vol,
        instrument.ctVal() == null ? null : vol.multiply(instrument.ctVal()),
        now);
  }

  private static double value(IndicatorValues v, Series s) {
    return v == null ? Double.NaN : v.get(s);
  }
}
