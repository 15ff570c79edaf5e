package io.tai2.market;

import io.tai2.indicators.Series;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the engine knows about one symbol at {@code generatedAt}. Units are explicit in the names: sizes in
 * {@code contracts} (OKX's unit for swaps) and in {@code coin} ({@code contracts × ctVal}), notionals in the settle
 * currency (USDT). A section is null until its first data arrived; {@code freshness} tells how old each source is.
 */
public record MarketSnapshot(
    String symbol,
    Instant generatedAt,
    InstrumentSpec instrument,
    Ticker ticker,
    Book orderBook,
    Funding funding,
    OpenInterest openInterest,
    Price markPrice,
    List<Liquidation> liquidations,
    LongShortRatio longShortRatio,
    Map<String, TimeframeIndicators> indicators,
    CustomMetrics customMetrics,
    Signal strategySignal,
    Risk riskMetrics,
    Map<String, Freshness> freshness,
    boolean stale) {

  /** The contract: {@code 1 contract = ctVal ctValCcy} (e.g. 0.01 BTC). */
  public record InstrumentSpec(
      String instId,
      BigDecimal ctVal,
      String ctValCcy,
      BigDecimal tickSz,
      BigDecimal lotSz,
      BigDecimal minSz,
      BigDecimal maxMktSz,
      BigDecimal maxLeverage) {}

  public record Ticker(
      BigDecimal last,
      BigDecimal bid,
      BigDecimal ask,
      BigDecimal open24h,
      BigDecimal high24h,
      BigDecimal low24h,
      BigDecimal vol24hContracts,
      BigDecimal vol24hCoin,
      Instant ts) {}

  /** The top of the book, best first, with the contracts summed per side. */
  public record Book(
      List<Level> bids,
      List<Level> asks,
      BigDecimal bidContracts,
      BigDecimal askContracts,
      long seqId,
      Instant ts) {}

  public record Level(BigDecimal px, BigDecimal contracts) {}

  public record Funding(
      BigDecimal rate, Instant fundingTime, Instant nextFundingTime, Instant ts) {}

  public record OpenInterest(BigDecimal contracts, BigDecimal coin, BigDecimal usd, Instant ts) {}

  public record Price(BigDecimal px, Instant ts) {}

  /** {@code side} buy + {@code posSide} short = a short was liquidated; {@code bankruptcyPx} per OKX. */
  public record Liquidation(
      String side, String posSide, BigDecimal contracts, BigDecimal bankruptcyPx, Instant ts) {}

  /** Accounts long ÷ accounts short for the coin (OKX statistics), the newest {@code value} and the series oldest first. */
  public record LongShortRatio(BigDecimal value, String period, List<RatioPoint> series) {}

  public record RatioPoint(Instant ts, BigDecimal ratio) {}

  /**
   * One timeframe's indicators at its newest candle (the open one when it exists); null values are undefined. The map,
   * keyed by {@link Series#key()}, is the wire form (snapshot JSON); code reads it through {@link #value(Series)}.
   */
  public record TimeframeIndicators(
      Instant candleTs, boolean candleClosed, int candles, Map<String, Double> values) {

    /** The series' value at the newest candle, null while it is undefined (still warming up). */
    public Double value(Series series) {
      return values.get(series.key());
    }
  }

  /**
   * Order flow: CVD in contracts since the feed started and over the last {@code cvdWindowTrades} trades; imbalance over
   * the top 20 levels ({@code ofiWeighted} in quote currency per contract unit); the imbalance ratio after each book
   * change and the CVD total after each trade push, the last 200 of each, oldest first.
   */
  public record CustomMetrics(
      double cvdTotalContracts,
      double cvdWindowContracts,
      int cvdWindowTrades,
      Double ofiNetContracts,
      Double ofiRatio,
      Double ofiWeighted,
      List<Double> ofiRatioSeries,
      List<Double> cvdSeries) {}

  public record Signal(
      String action, double confidence, double score, String reason, double lastPrice) {}

  /** ATR in price units; {@code suggestedStop} is a distance (1.5 × ATR), not a price. */
  public record Risk(Double atr, Double atrPct, Double suggestedStop, Double suggestedStopPct) {}

  /** When the source's newest data was stamped (by OKX) and how old that is at {@code generatedAt}. */
  public record Freshness(Instant ts, long ageMillis, boolean stale) {}
}
