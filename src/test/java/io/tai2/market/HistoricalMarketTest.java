package io.tai2.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tai2.indicators.Bar;
import io.tai2.indicators.StrategySignal;
import io.tai2.okx.Candle;
import io.tai2.okx.OkxBarSize;
import io.tai2.sim.CandleFile;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A backtest's market from one-minute history: what live tai2 would have built from the same candles (the live {@link
 * CandleSeries} fed OKX candles is the reference), OKX's alignment, and the sources history lacks left absent.
 */
class HistoricalMarketTest {

  static final long MINUTE = 60_000;
  static final List<String> TIMEFRAMES = List.of("15m", "1H", "4H", "1D");
  static final MarketSnapshot.InstrumentSpec BTC =
      new MarketSnapshot.InstrumentSpec(
          "BTC-USDT-SWAP",
          new BigDecimal("0.01"),
          "BTC",
          new BigDecimal("0.1"),
          new BigDecimal("0.01"),
          new BigDecimal("0.01"),
          new BigDecimal("100"),
          new BigDecimal("100"));
  static final List<CandleFile.Row> MINUTES =
      CandleFile.read(Path.of("src/test/resources/data/unittest-btc-1m.json"));

  @Test
  void
      givenTheFirstNMinutesOfAFile_whenSnapshotted_thenEveryTimeframeEqualsTheLiveSeriesFedTheSameOkxCandles() {
    List<Integer> cuts =
        new ArrayList<>(List.of(1, 14, 15, 16, 59, 60, 61, 997, 4_321, 9_000, MINUTES.size()));
    for (int n = 1;
        n <= MINUTES.size() && cuts.size() < 14;
        n++) { // minutes whose close is a 1D close (16:00 UTC)
      if ((MINUTES.get(n - 1).ts().toEpochMilli() + MINUTE) % 86_400_000L == 16 * 3_600_000L) {
        cuts.add(n);
      }
    }
    assertThat(cuts).hasSizeGreaterThan(12);
    Set<Boolean> closedSeen = new HashSet<>();
    for (int n : cuts) {
      HistoricalMarket market = replay(n);
      Instant now = MINUTES.get(n - 1).ts().plusSeconds(60);
      MarketSnapshot snapshot = market.snapshot(now);
      for (String tf : TIMEFRAMES) {
        CandleSeries live = liveSeries(tf, n, now);
        MarketSnapshot.TimeframeIndicators expected = live.view();
        MarketSnapshot.TimeframeIndicators actual = snapshot.indicators().get(tf);
        String at = tf + " after " + n + " minutes";
        assertThat(actual.candleTs()).as(at).isEqualTo(expected.candleTs());
        assertThat(actual.candleClosed()).as(at).isEqualTo(expected.candleClosed());
        closedSeen.add(actual.candleClosed());
        assertThat(actual.candles()).as(at).isEqualTo(expected.candles());
        assertSame(at, actual.values(), expected.values());

        CandleHistory history = market.history(tf).orElseThrow();
        CandleHistory liveHistory = live.history(BTC.instId(), tf);
        assertThat(history.ts()).as(at).isEqualTo(liveHistory.ts());
        assertThat(history.close()).as(at).isEqualTo(liveHistory.close());
        assertThat(history.high()).as(at).isEqualTo(liveHistory.high());
        assertThat(history.low()).as(at).isEqualTo(liveHistory.low());
        assertThat(history.lastOpen()).as(at).isEqualTo(liveHistory.lastOpen());
        assertThat(history.indicators().get("rsi_14"))
            .as(at)
            .isEqualTo(liveHistory.indicators().get("rsi_14"));
      }
    }
    assertThat(closedSeen)
        .as("cuts at a candle's close and inside one")
        .containsExactlyInAnyOrder(true, false);
  }

  @Test
  void
      givenMinutesAcross1600Utc_whenReplayed_thenThe1DCandleOpensAt1600AndTheOneBeforeClosesAtItsLastMinute() {
    HistoricalMarket market = new HistoricalMarket(BTC, List.of("1D", "4H"), "4H");
    long start = Instant.parse("2026-11-25T15:57:00Z").toEpochMilli();
    for (int i = 0; i < 3; i++) { // 15:57, 15:58, 15:59
      market.onMinute(flat(start + i * MINUTE, 100 + i, 1));
    }
    MarketSnapshot atClose = market.snapshot(Instant.parse("2026-11-25T16:00:00Z"));
    assertThat(atClose.indicators().get("1D").candleTs())
        .isEqualTo(Instant.parse("2026-11-24T16:00:00Z"));
    assertThat(atClose.indicators().get("1D").candleClosed()).isTrue();
    assertThat(atClose.indicators().get("4H").candleTs())
        .isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));

    market.onMinute(flat(start + 3 * MINUTE, 103, 1)); // 16:00
    MarketSnapshot after = market.snapshot(Instant.parse("2026-11-25T16:01:00Z"));
    assertThat(after.indicators().get("1D").candleTs())
        .isEqualTo(Instant.parse("2026-11-25T16:00:00Z"));
    assertThat(after.indicators().get("1D").candleClosed()).isFalse();
    assertThat(after.indicators().get("1D").candles()).isEqualTo(2);
    assertThat(after.indicators().get("4H").candleTs())
        .isEqualTo(Instant.parse("2026-11-25T16:00:00Z"));
  }

  @Test
  void
      givenAHandMadeSeries_whenSnapshotted_thenAbsentSourcesAreNullAndTheTickerHasTheTrailing24h() {
    HistoricalMarket market = new HistoricalMarket(BTC, TIMEFRAMES, "15m");
    long start = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();
    for (int i = 0;
        i < 1_500;
        i++) { // minute i: open 1000+i, high +2, low −3, close +1, volume i+1
      double o = 1_000 + i;
      double high =
          i == 59 ? 9_999 : o + 2; // the spike is in the minute just before the 24 h window
      double low = i == 100 ? 500 : o - 3; // the dip is inside it
      market.onMinute(new Bar(start + i * MINUTE, o, high, low, o + 1, i + 1));
    }
    Instant now = Instant.ofEpochMilli(start + 1_500 * MINUTE);

    MarketSnapshot s = market.snapshot(now);

    assertThat(s.orderBook()).isNull();
    assertThat(s.openInterest()).isNull();
    assertThat(s.markPrice()).isNull();
    assertThat(s.liquidations()).isNull();
    assertThat(s.longShortRatio()).isNull();
    assertThat(s.customMetrics()).isNull();
    assertThat(s.funding()).as("no funding given").isNull();
    assertThat(s.stale()).isFalse();
    assertThat(s.generatedAt()).isEqualTo(now);
    assertThat(s.freshness()).containsOnlyKeys("candles", "ticker");
    assertThat(s.freshness().get("ticker")).isEqualTo(new MarketSnapshot.Freshness(now, 0, false));

    MarketSnapshot.Ticker t = s.ticker();
    assertThat(t.last()).isEqualByComparingTo("2500"); // minute 1499 closes at 1000 + 1499 + 1
    assertThat(t.bid()).isNull();
    assertThat(t.ask()).isNull();
    assertThat(t.open24h()).as("minute 60 opens the window").isEqualByComparingTo("1060");
    assertThat(t.high24h()).isEqualByComparingTo("2501");
    assertThat(t.low24h()).isEqualByComparingTo("500");
    assertThat(t.vol24hContracts()).as("61 + … + 1500").isEqualByComparingTo("1123920");
    assertThat(t.vol24hCoin()).isEqualByComparingTo("11239.2");
    assertThat(t.ts()).isEqualTo(now);

    Map<String, Double> m15 =
        s.indicators().get("15m").values(); // the primary timeframe, 100 candles: all defined
    assertThat(s.riskMetrics().atr()).isNotNull().isEqualTo(m15.get("atr_14"));
    assertThat(s.riskMetrics().atrPct()).isCloseTo(m15.get("atr_14") / 2_500 * 100, within(1e-12));
    StrategySignal expected =
        StrategySignal.of(
            m15.get("rsi_14"),
            m15.get("macd_line"),
            m15.get("stochrsi_k"),
            m15.get("stochrsi_d"),
            Double.NaN,
            Double.NaN,
            2_500);
    assertThat(s.strategySignal().action()).isEqualTo(expected.action());
    assertThat(s.strategySignal().score()).isEqualTo(expected.score());
    assertThat(s.strategySignal().reason()).isEqualTo(expected.reason());

    market.funding(
        new BigDecimal("0.0001"),
        Instant.parse("2026-11-21T00:00:00Z"),
        Instant.parse("2026-11-21T08:00:00Z"));
    MarketSnapshot withFunding = market.snapshot(now);
    assertThat(withFunding.funding().rate()).isEqualByComparingTo("0.0001");
    assertThat(withFunding.funding().nextFundingTime())
        .isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
    assertThat(withFunding.freshness().get("funding").ageMillis())
        .as("settled an hour before now")
        .isEqualTo(60 * MINUTE);
  }

  @Test
  void
      givenAMinuteInsideA15mCandle_whenTheHistoryIsRead_thenItEndsWithTheOpenCandleSoFar_andFollowsTheNextClose() {
    HistoricalMarket market = new HistoricalMarket(BTC, TIMEFRAMES, "15m");
    long start = Instant.parse("2026-11-25T10:00:00Z").toEpochMilli();
    for (int i = 0;
        i < 37;
        i++) { // 10:00 … 10:36: two closed 15m candles, the third has 10:30 … 10:36
      market.onMinute(new Bar(start + i * MINUTE, 100 + i, 101 + i, 99 + i, 100.5 + i, 2));
    }

    CandleHistory h = market.history("15m").orElseThrow();

    assertThat(h.lastOpen()).isTrue();
    assertThat(h.ts()).containsExactly(start, start + 15 * MINUTE, start + 30 * MINUTE);
    assertThat(h.open().getLast()).isEqualTo(130.0);
    assertThat(h.high().getLast()).isEqualTo(137.0);
    assertThat(h.low().getLast()).isEqualTo(129.0);
    assertThat(h.close().getLast()).isEqualTo(136.5);
    assertThat(h.volumeContracts()).containsExactly(30.0, 30.0, 14.0);
    assertThat(
            market
                .snapshot(Instant.ofEpochMilli(start + 37 * MINUTE))
                .indicators()
                .get("15m")
                .candleClosed())
        .isFalse();

    for (int i = 37; i < 46; i++) { // 10:37 … 10:45: the third candle closes, a fourth opens
      market.onMinute(new Bar(start + i * MINUTE, 100 + i, 101 + i, 99 + i, 100.5 + i, 2));
    }
    CandleHistory later = market.history("15m").orElseThrow();
    assertThat(later.ts())
        .containsExactly(start, start + 15 * MINUTE, start + 30 * MINUTE, start + 45 * MINUTE);
    assertThat(later.volumeContracts()).containsExactly(30.0, 30.0, 30.0, 2.0);
    assertThat(later.indicators().get("obv")).containsExactly(30.0, 60.0, 90.0, 92.0);
    assertThat(later.lastOpen()).isTrue();
    assertThat(market.history("5m")).isEmpty();
    assertThat(market.timeframes()).isEqualTo(TIMEFRAMES);
  }

  @Test
  void givenAMinuteOutOfOrderOrAnUnknownTimeframe_whenApplied_thenItIsRefusedWithTheReason() {
    HistoricalMarket market = new HistoricalMarket(BTC, TIMEFRAMES, "1H");
    market.onMinute(flat(10 * MINUTE, 100, 1));
    assertThatThrownBy(() -> market.onMinute(flat(10 * MINUTE, 100, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("time order");
    assertThatThrownBy(() -> new HistoricalMarket(BTC, List.of("1h"), "1h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown timeframe 1h");
    assertThatThrownBy(() -> new HistoricalMarket(BTC, List.of("1H"), "4H"))
        .hasMessageContaining("primary timeframe 4H");
  }

  private static HistoricalMarket replay(int n) {
    HistoricalMarket market = new HistoricalMarket(BTC, TIMEFRAMES, "4H");
    for (CandleFile.Row r : MINUTES.subList(0, n)) {
      market.onMinute(
          new Bar(
              r.ts().toEpochMilli(),
              r.open().doubleValue(),
              r.high().doubleValue(),
              r.low().doubleValue(),
              r.close().doubleValue(),
              r.volume().doubleValue()));
    }
    return market;
  }

  /** The live series fed the OKX candles of {@code tf} built from the first {@code n} minutes (exact sums). */
  private static CandleSeries liveSeries(String tf, int n, Instant now) {
    OkxBarSize size = OkxBarSize.of(tf).orElseThrow();
    TreeMap<Long, BigDecimal[]> candles = new TreeMap<>();
    for (CandleFile.Row r : MINUTES.subList(0, n)) {
      candles.merge(
          size.openOf(r.ts().toEpochMilli()),
          new BigDecimal[] {r.open(), r.high(), r.low(), r.close(), r.volume()},
          (a, b) -> new BigDecimal[] {a[0], a[1].max(b[1]), a[2].min(b[2]), b[3], a[4].add(b[4])});
    }
    CandleSeries series = new CandleSeries();
    series.bootstrap(List.of());
    candles.forEach(
        (open, c) ->
            series.on(
                new Candle(
                    Instant.ofEpochMilli(open),
                    c[0],
                    c[1],
                    c[2],
                    c[3],
                    c[4],
                    c[4],
                    c[4],
                    size.next(open) <= now.toEpochMilli())));
    return series;
  }

  /** Equal up to the rounding of summing volumes in doubles rather than exactly (prices are exact either way). */
  private static void assertSame(
      String at, Map<String, Double> actual, Map<String, Double> expected) {
    assertThat(actual.keySet()).as(at).containsExactlyElementsOf(expected.keySet());
    expected.forEach(
        (key, want) -> {
          Double got = actual.get(key);
          if (want == null) {
            assertThat(got).as(at + " " + key).isNull();
          } else {
            assertThat(got)
                .as(at + " " + key)
                .isNotNull()
                .isCloseTo(want, within(Math.abs(want) * 1e-9 + 1e-12));
          }
        });
  }

  private static Bar flat(long ts, double price, double volume) {
    return new Bar(ts, price, price, price, price, volume);
  }
}
