package io.tai2.bench;

import io.tai2.indicators.Bar;
import io.tai2.market.CandleHistory;
import io.tai2.market.HistoricalMarket;
import io.tai2.market.MarketSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A backtest's market replay: one year of one-minute bars of one symbol through {@link HistoricalMarket} with four
 * timeframes (15m, 1H, 4H, 1D) and no snapshot (target ≥ 1,000,000 bars/s, i.e. ≤ 1 µs per bar), and what a decision
 * adds: a minute then the snapshot, a minute then the primary timeframe's candle history, and the year again with both
 * every 5 minutes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HistoricalMarketBenchmark {

  static final List<String> TIMEFRAMES = List.of("15m", "1H", "4H", "1D");
  static final int YEAR = 365 * 1_440;
  private static final long MINUTE = 60_000;
  private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  private static final MarketSnapshot.InstrumentSpec BTC =
      new MarketSnapshot.InstrumentSpec(
          "BTC-USDT-SWAP",
          new BigDecimal("0.01"),
          "BTC",
          new BigDecimal("0.1"),
          new BigDecimal("0.01"),
          new BigDecimal("0.01"),
          new BigDecimal("100"),
          new BigDecimal("100"));

  private Bar[] year;
  private HistoricalMarket warm;
  private SplittableRandom random;
  private long ts;
  private double price;

  @Setup(Level.Trial)
  public void bars() {
    random = new SplittableRandom(7);
    price = 90_000;
    ts = START;
    year = new Bar[YEAR];
    for (int i = 0; i < YEAR; i++) {
      year[i] = nextBar();
    }
  }

  /** A market that has seen 30 days, for the per-decision benchmarks (each iteration starts again from there). */
  @Setup(Level.Iteration)
  public void warmMarket() {
    warm = new HistoricalMarket(BTC, TIMEFRAMES, "4H");
    for (int i = 0; i < 30 * 1_440; i++) {
      warm.onMinute(year[i]);
    }
    ts = year[30 * 1_440 - 1].ts() + MINUTE;
  }

  private Bar nextBar() {
    double open = price;
    double close = open * (1 + (random.nextDouble() - 0.5) * 0.002);
    double high = Math.max(open, close) * (1 + random.nextDouble() * 0.0005);
    double low = Math.min(open, close) * (1 - random.nextDouble() * 0.0005);
    Bar bar = new Bar(ts, open, high, low, close, 10 + random.nextInt(500));
    ts += MINUTE;
    price = close;
    return bar;
  }

  /** The whole year into a fresh market, no snapshot; the figure is per bar. */
  @Benchmark
  @OperationsPerInvocation(YEAR)
  public HistoricalMarket replayYear() {
    HistoricalMarket market = new HistoricalMarket(BTC, TIMEFRAMES, "4H");
    for (Bar bar : year) {
      market.onMinute(bar);
    }
    return market;
  }

  /**
   * The whole year with a decision's market inputs every 5 minutes (≈ 105k: the snapshot and the primary timeframe's
   * history, as a prompt needs them); the figure is per bar, × {@value #YEAR} = the market's share of a one-year backtest.
   */
  @Benchmark
  @OperationsPerInvocation(YEAR)
  public HistoricalMarket replayYearDecidingEvery5m(Blackhole sink) {
    HistoricalMarket market = new HistoricalMarket(BTC, TIMEFRAMES, "4H");
    for (int i = 0; i < YEAR; i++) {
      Bar bar = year[i];
      market.onMinute(bar);
      if (i % 5 == 4) {
        sink.consume(market.snapshot(Instant.ofEpochMilli(bar.ts() + MINUTE)));
        sink.consume(market.history("4H"));
      }
    }
    return market;
  }

  /** One more minute, then the snapshot at its close (the four open candles previewed, ticker, signal, risk). */
  @Benchmark
  public MarketSnapshot minuteThenSnapshot() {
    Bar bar = nextBar();
    warm.onMinute(bar);
    return warm.snapshot(Instant.ofEpochMilli(bar.ts() + MINUTE));
  }

  /** One more minute, then the primary timeframe's 200 closed candles and the open one with every series. */
  @Benchmark
  public CandleHistory minuteThenHistory() {
    warm.onMinute(nextBar());
    return warm.history("4H").orElseThrow();
  }
}
