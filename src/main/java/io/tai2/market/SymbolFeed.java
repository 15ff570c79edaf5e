package io.tai2.market;

import io.tai2.indicators.Cvd;
import io.tai2.indicators.IndicatorValues;
import io.tai2.indicators.OrderFlow;
import io.tai2.indicators.RiskMetrics;
import io.tai2.indicators.Series;
import io.tai2.indicators.StrategySignal;
import io.tai2.okx.Candle;
import io.tai2.okx.FundingRate;
import io.tai2.okx.Instrument;
import io.tai2.okx.LongShortRatio;
import io.tai2.okx.OkxWsEvent;
import io.tai2.okx.OpenInterest;
import io.tai2.okx.OrderBook;
import io.tai2.okx.PublicTrade;
import io.tai2.okx.Ticker;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The live state of one symbol, fed by WebSocket events (from several listener threads, hence synchronized) and turned
 * into a {@link MarketSnapshot} on demand.
 */
final class SymbolFeed {

  static final int BOOK_DEPTH = 20;
  static final int CVD_WINDOW = 500;
  static final int SERIES_LENGTH = 200;
  private static final int LIQUIDATIONS_KEPT = 20;

  final String instId;
  private Instrument instrument;
  private MarketSnapshot.LongShortRatio longShortRatio;
  private final Map<String, CandleSeries> candles = new LinkedHashMap<>();
  private final Cvd cvd = new Cvd(CVD_WINDOW);
  private final ArrayDeque<MarketSnapshot.Liquidation> liquidations = new ArrayDeque<>();
  private final ArrayDeque<Double> ofiRatios = new ArrayDeque<>();
  private final ArrayDeque<Double> cvdTotals = new ArrayDeque<>();
  private final Map<String, Instant> seen = new LinkedHashMap<>();
  private Ticker ticker;
  private OrderBook book;
  private long bookSeq;
  private boolean bookChanged;

  /** A day of funding and open interest by minute, for the TA charts. */
  private final DerivativesSeries derivatives = new DerivativesSeries(24 * 60);

  private FundingRate funding;
  private OpenInterest openInterest;
  private MarketSnapshot.Price mark;

  /** {@link System#nanoTime()} when the oldest change not yet published arrived; 0 = nothing pending. */
  private long pendingSince = System.nanoTime();

  private final MarketMetrics metrics;

  SymbolFeed(Instrument instrument, List<String> timeframes, MarketMetrics metrics) {
    this.instId = instrument.instId();
    this.instrument = instrument;
    this.metrics = metrics;
    timeframes.forEach(tf -> candles.put(tf, new CandleSeries()));
  }

  /** New specs from an instrument refresh. */
  synchronized void instrument(Instrument next) {
    instrument = next;
  }

  /** The coin of the contract ({@code BTC} for BTC-USDT-SWAP), as OKX's statistics name it. */
  synchronized String coin() {
    return instrument.ctValCcy() == null || instrument.ctValCcy().isEmpty()
        ? instId.substring(0, instId.indexOf('-'))
        : instrument.ctValCcy();
  }

  /** The long/short account ratio history from REST, newest first. */
  synchronized void longShortRatio(List<LongShortRatio> newestFirst, String period) {
    if (newestFirst.isEmpty()) {
      return;
    }
    List<MarketSnapshot.RatioPoint> series =
        newestFirst.stream()
            .limit(SERIES_LENGTH)
            .map(r -> new MarketSnapshot.RatioPoint(r.ts(), r.ratio()))
            .toList()
            .reversed();
    longShortRatio = new MarketSnapshot.LongShortRatio(series.getLast().ratio(), period, series);
    seen.put("long_short_ratio", series.getLast().ts());
    changed(System.nanoTime());
  }

  synchronized void bootstrapCandles(String timeframe, List<Candle> newestFirst) {
    candles.get(timeframe).bootstrap(newestFirst);
    changed(System.nanoTime());
  }

  /**
   * Applies one event; events of other symbols must not be passed. {@code receivedNanos} is when its message came off
   * the socket.
   */
  synchronized void on(OkxWsEvent event, Instant receivedAt, long receivedNanos) {
    switch (event) {
      case OkxWsEvent.TickerUpdate t -> {
        ticker = t.ticker();
        seen.put("ticker", t.ticker().ts());
      }
      case OkxWsEvent.BookUpdate b -> {
        book = b.book();
        bookSeq = b.seqId();
        bookChanged = true;
        seen.put("books", b.book().ts());
      }
      case OkxWsEvent.BookReset ignored -> {
        book = null; // stale until the resubscription's snapshot
        seen.remove("books");
      }
      case OkxWsEvent.TradesUpdate t -> {
        for (PublicTrade trade : t.trades()) {
          cvd.add(trade.side().equals("buy"), trade.sz().doubleValue());
          seen.put("trades", trade.ts());
        }
        cvdTotals.addLast(cvd.total());
        if (cvdTotals.size() > SERIES_LENGTH) {
          cvdTotals.removeFirst();
        }
      }
      case OkxWsEvent.CandleUpdate c -> {
        CandleSeries series = candles.get(c.bar());
        if (series != null) {
          long start = System.nanoTime();
          series.on(c.candle());
          metrics.indicatorUpdate(System.nanoTime() - start);
          seen.put("candles", receivedAt);
        }
      }
      case OkxWsEvent.FundingRateUpdate f -> {
        funding = f.rate();
        seen.put("funding", receivedAt);
        derivatives.funding(receivedAt, funding.fundingRate());
      }
      case OkxWsEvent.OpenInterestUpdate o -> {
        openInterest = o.openInterest();
        seen.put("open_interest", o.openInterest().ts());
        derivatives.openInterest(receivedAt, openInterest.oi(), openInterest.oiUsd());
      }
      case OkxWsEvent.MarkPriceUpdate m -> {
        mark = new MarketSnapshot.Price(m.markPx(), m.ts());
        seen.put("mark_price", m.ts());
      }
      case OkxWsEvent.LiquidationUpdate l -> {
        liquidations.addFirst(
            new MarketSnapshot.Liquidation(l.side(), l.posSide(), l.sz(), l.bkPx(), l.ts()));
        while (liquidations.size() > LIQUIDATIONS_KEPT) {
          liquidations.removeLast();
        }
      }
      default -> {
        return; // acks and account events carry nothing for the market view
      }
    }
    metrics.event();
    changed(receivedNanos);
  }

  private void changed(long receivedNanos) {
    if (pendingSince == 0) {
      pendingSince = receivedNanos;
    }
  }

  /** A timeframe's candles and indicators for charts, or null for a timeframe not kept. */
  synchronized List<DerivativesSeries.Point> derivativesHistory() {
    return derivatives.points();
  }

  synchronized CandleHistory history(String timeframe) {
    CandleSeries series = candles.get(timeframe);
    return series == null ? null : series.history(instId, timeframe);
  }

  /** When the oldest change since the last call arrived ({@link System#nanoTime()}), or 0 if nothing changed; clears it. */
  synchronized long takePending() {
    long since = pendingSince;
    pendingSince = 0;
    return since;
  }

  /** How old the newest data of {@code source} is at {@code now} (the snapshot's freshness), or empty before any arrived. */
  synchronized OptionalLong ageMillis(String source, Instant now) {
    Instant ts = seen.get(source);
    return ts == null ? OptionalLong.empty() : OptionalLong.of(ageMillis(ts, now));
  }

  private static long ageMillis(Instant ts, Instant now) {
    return Math.max(0, Duration.between(ts, now).toMillis());
  }

  synchronized MarketSnapshot snapshot(Instant now, Duration staleAfter, String primaryTimeframe) {
    Map<String, MarketSnapshot.Freshness> freshness = new LinkedHashMap<>();
    seen.forEach(
        (source, ts) -> {
          long age = ageMillis(ts, now);
          freshness.put(source, new MarketSnapshot.Freshness(ts, age, age > staleAfter.toMillis()));
        });
    boolean stale =
        ticker == null
            || book == null
            || freshness.get("ticker").stale()
            || freshness.get("books").stale();

    OrderFlow flow =
        book == null ? null : OrderFlow.of(levels(book.bids()), levels(book.asks()), BOOK_DEPTH);
    if (flow != null && bookChanged) {
      ofiRatios.addLast(flow.ratio());
      while (ofiRatios.size() > SERIES_LENGTH) {
        ofiRatios.removeFirst();
      }
      bookChanged = false;
    }
    Map<String, MarketSnapshot.TimeframeIndicators> indicators = new LinkedHashMap<>();
    candles.forEach((tf, series) -> indicators.put(tf, series.view()));
    IndicatorValues primary =
        candles.containsKey(primaryTimeframe) ? candles.get(primaryTimeframe).latest() : null;
    double last = ticker != null ? ticker.last().doubleValue() : Double.NaN;

    return new MarketSnapshot(
        instId,
        now,
        spec(),
        tickerView(),
        bookView(),
        fundingView(),
        openInterestView(),
        mark,
        List.copyOf(liquidations),
        longShortRatio,
        indicators,
        new MarketSnapshot.CustomMetrics(
            cvd.total(),
            cvd.windowDelta(),
            (int) Math.min(cvd.trades(), CVD_WINDOW),
            flow == null ? null : flow.net(),
            flow == null || Double.isNaN(flow.ratio()) ? null : flow.ratio(),
            flow == null ? null : flow.weighted(),
            ofiRatios.stream().map(r -> Double.isNaN(r) ? null : r).toList(),
            List.copyOf(cvdTotals)),
        signal(primary, flow, last),
        risk(primary, last),
        freshness,
        stale);
  }

  private MarketSnapshot.Signal signal(IndicatorValues v, OrderFlow flow, double last) {
    StrategySignal s =
        StrategySignal.of(
            value(v, Series.RSI_14),
            value(v, Series.MACD_LINE),
            value(v, Series.STOCHRSI_K),
            value(v, Series.STOCHRSI_D),
            flow == null ? Double.NaN : flow.net(),
            cvd.windowDelta(),
            last);
    return new MarketSnapshot.Signal(
        s.action(), s.confidence(), s.score(), s.reason(), s.lastPrice());
  }

  /** ATR-based risk numbers at the primary timeframe's newest values; all null while ATR or the price is unknown. */
  static MarketSnapshot.Risk risk(IndicatorValues v, double last) {
    double atr = value(v, Series.ATR_14);
    if (Double.isNaN(atr) || Double.isNaN(last) || last == 0) {
      return new MarketSnapshot.Risk(null, null, null, null);
    }
    RiskMetrics r = RiskMetrics.of(atr, last);
    return new MarketSnapshot.Risk(r.atr(), r.atrPct(), r.suggestedStop(), r.suggestedStopPct());
  }

  private static double value(IndicatorValues v, Series s) {
    return v == null ? Double.NaN : v.get(s);
  }

  private MarketSnapshot.InstrumentSpec spec() {
    return new MarketSnapshot.InstrumentSpec(
        instId,
        instrument.ctVal(),
        instrument.ctValCcy(),
        instrument.tickSz(),
        instrument.lotSz(),
        instrument.minSz(),
        instrument.maxMktSz(),
        instrument.maxLeverage());
  }

  private MarketSnapshot.Ticker tickerView() {
    if (ticker == null) {
      return null;
    }
    return new MarketSnapshot.Ticker(
        ticker.last(),
        ticker.bidPx(),
        ticker.askPx(),
        ticker.open24h(),
        ticker.high24h(),
        ticker.low24h(),
        ticker.vol24h(),
        ticker.vol24h().multiply(instrument.contractSize()),
        ticker.ts());
  }

  private MarketSnapshot.Book bookView() {
    if (book == null) {
      return null;
    }
    List<MarketSnapshot.Level> bids = top(book.bids());
    List<MarketSnapshot.Level> asks = top(book.asks());
    return new MarketSnapshot.Book(bids, asks, sum(bids), sum(asks), bookSeq, book.ts());
  }

  private MarketSnapshot.Funding fundingView() {
    return funding == null
        ? null
        : new MarketSnapshot.Funding(
            funding.fundingRate(),
            funding.fundingTime(),
            funding.nextFundingTime(),
            seen.get("funding"));
  }

  private MarketSnapshot.OpenInterest openInterestView() {
    return openInterest == null
        ? null
        : new MarketSnapshot.OpenInterest(
            openInterest.oi(), openInterest.oiCcy(), openInterest.oiUsd(), openInterest.ts());
  }

  private static List<MarketSnapshot.Level> top(List<OrderBook.Level> levels) {
    return levels.stream()
        .limit(BOOK_DEPTH)
        .map(l -> new MarketSnapshot.Level(l.price(), l.size()))
        .toList();
  }

  private static BigDecimal sum(List<MarketSnapshot.Level> levels) {
    return levels.stream()
        .map(MarketSnapshot.Level::contracts)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static double[][] levels(List<OrderBook.Level> levels) {
    double[][] out = new double[Math.min(BOOK_DEPTH, levels.size())][];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          new double[] {levels.get(i).price().doubleValue(), levels.get(i).size().doubleValue()};
    }
    return out;
  }
}
