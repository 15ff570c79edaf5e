package io.tai2.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The candle store round-trips on the real SQL of each database; subclasses give the database. */
abstract class CandleStoreContract {

  static final String BTC = "BTC-USDT-SWAP";
  static final String ETH = "ETH-USDT-SWAP";
  static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");
  static final long FIVE_MINUTES = 300_000L;

  JdbcClient jdbc;
  CandleRepository candles;

  abstract DataSource dataSource();

  @BeforeEach
  void clean() {
    jdbc = JdbcClient.create(dataSource());
    jdbc.sql("DELETE FROM candles_1m").update();
    jdbc.sql("DELETE FROM funding_rate_history").update();
    candles = new CandleRepository(jdbc);
  }

  /** Minute {@code i} after T0: open 100+i, high open+2, low open−1, close open+1, volume i+0.5. */
  static MinuteBar minute(int i) {
    BigDecimal open = new BigDecimal(100 + i);
    return new MinuteBar(
        T0.plus(Duration.ofMinutes(i)),
        open,
        open.add(new BigDecimal("2")),
        open.subtract(BigDecimal.ONE),
        open.add(BigDecimal.ONE),
        new BigDecimal(i).add(new BigDecimal("0.5")));
  }

  static List<MinuteBar> minutes(int from, int to) {
    List<MinuteBar> bars = new ArrayList<>();
    for (int i = from; i < to; i++) {
      bars.add(minute(i));
    }
    return bars;
  }

  @Test
  void givenBars_whenStoredAndReadBack_thenEveryFieldSurvivesOldestFirstWithinTheHalfOpenRange() {
    MinuteBar odd =
        new MinuteBar(
            T0,
            new BigDecimal("91234.56789"),
            new BigDecimal("91300.1"),
            new BigDecimal("91200"),
            new BigDecimal("91250.25"),
            new BigDecimal("0.00000001"));
    candles.upsert(BTC, List.of(minute(2), minute(1), odd));

    assertThat(candles.range(BTC, T0, T0.plus(Duration.ofMinutes(3))))
        .containsExactly(odd, minute(1), minute(2));
    assertThat(candles.range(BTC, T0.plus(Duration.ofMinutes(1)), T0.plus(Duration.ofMinutes(2))))
        .containsExactly(minute(1));
    assertThat(candles.range(ETH, T0, T0.plus(Duration.ofDays(1)))).isEmpty();
  }

  @Test
  void
      givenStoredBars_whenTheSameAndChangedBarsAreStoredAgain_thenNothingDoublesAndTheNewValuesWin() {
    candles.upsert(BTC, minutes(0, 3));
    MinuteBar revised =
        new MinuteBar(
            minute(1).ts(),
            new BigDecimal("1"),
            new BigDecimal("9"),
            new BigDecimal("0.5"),
            new BigDecimal("2"),
            new BigDecimal("7"));

    candles.upsert(BTC, List.of(minute(0), revised, minute(2)));

    assertThat(candles.range(BTC, T0, T0.plus(Duration.ofDays(1))))
        .containsExactly(minute(0), revised, minute(2));
  }

  @Test
  void givenMoreBarsThanOneStatementTakes_whenStored_thenAllAreThere() {
    int n = CandleRepository.CHUNK * 2 + 17;
    candles.upsert(BTC, minutes(0, n));

    assertThat(candles.count(BTC, T0, T0.plus(Duration.ofDays(2)))).isEqualTo(n);
    assertThat(candles.range(BTC, T0, T0.plus(Duration.ofDays(2)))).isEqualTo(minutes(0, n));
  }

  @Test
  void givenBarsOfTwoInstruments_whenAskedForTheEnds_thenEachHasItsOwnOldestAndNewest() {
    candles.upsert(BTC, minutes(5, 10));
    candles.upsert(ETH, minutes(0, 2));

    assertThat(candles.oldest(BTC)).contains(T0.plus(Duration.ofMinutes(5)));
    assertThat(candles.newest(BTC)).contains(T0.plus(Duration.ofMinutes(9)));
    assertThat(candles.oldest(ETH)).contains(T0);
    assertThat(candles.newest(ETH)).contains(T0.plus(Duration.ofMinutes(1)));
    assertThat(candles.oldest("SOL-USDT-SWAP")).isEmpty();
    assertThat(candles.newest("SOL-USDT-SWAP")).isEmpty();
  }

  @Test
  void
      givenMinuteBars_whenAggregatedToFiveMinutes_thenEachBarTakesFirstOpenExtremesLastCloseAndSummedVolume() {
    candles.upsert(
        BTC,
        minutes(
            3, 12)); // minutes 3..11: a partial 00:00 bar, a full 00:05 bar, a partial 00:10 bar

    List<MinuteBar> bars =
        candles.aggregated(
            BTC,
            T0,
            T0.plus(Duration.ofHours(1)),
            t -> Math.floorDiv(t, FIVE_MINUTES) * FIVE_MINUTES);

    assertThat(bars)
        .containsExactly(
            new MinuteBar(
                T0,
                new BigDecimal("103"),
                new BigDecimal("106"),
                new BigDecimal("102"),
                new BigDecimal("105"),
                new BigDecimal("8")),
            new MinuteBar(
                T0.plus(Duration.ofMinutes(5)),
                new BigDecimal("105"),
                new BigDecimal("111"),
                new BigDecimal("104"),
                new BigDecimal("110"),
                new BigDecimal("37.5")),
            new MinuteBar(
                T0.plus(Duration.ofMinutes(10)),
                new BigDecimal("110"),
                new BigDecimal("113"),
                new BigDecimal("109"),
                new BigDecimal("112"),
                new BigDecimal("22")));
  }

  @Test
  void givenMinuteBars_whenAggregatedWithinARange_thenOnlyMinutesInsideTheRangeCount() {
    candles.upsert(BTC, minutes(0, 10));

    List<MinuteBar> bars =
        candles.aggregated(
            BTC,
            T0.plus(Duration.ofMinutes(5)),
            T0.plus(Duration.ofMinutes(7)),
            t -> Math.floorDiv(t, FIVE_MINUTES) * FIVE_MINUTES);

    assertThat(bars)
        .containsExactly(
            new MinuteBar(
                T0.plus(Duration.ofMinutes(5)),
                new BigDecimal("105"),
                new BigDecimal("108"),
                new BigDecimal("104"),
                new BigDecimal("107"),
                new BigDecimal("12")));
  }

  @Test
  void
      givenFundingRates_whenStoredTwiceAndRead_thenOneRowPerFundingTimeOldestFirstWithTheLatestRate() {
    Instant f0 = T0;
    Instant f1 = T0.plus(Duration.ofHours(8));
    candles.upsertFunding(
        BTC,
        List.of(
            new FundingRateRecord(f1, new BigDecimal("0.0001")),
            new FundingRateRecord(f0, new BigDecimal("-0.00005"))));
    candles.upsertFunding(BTC, List.of(new FundingRateRecord(f1, new BigDecimal("0.00012"))));

    assertThat(candles.funding(BTC, T0, T0.plus(Duration.ofDays(1))))
        .containsExactly(
            new FundingRateRecord(f0, new BigDecimal("-0.00005")),
            new FundingRateRecord(f1, new BigDecimal("0.00012")));
    assertThat(candles.funding(BTC, f1, T0.plus(Duration.ofDays(1)))).hasSize(1);
    assertThat(candles.funding(ETH, T0, T0.plus(Duration.ofDays(1)))).isEmpty();
  }
}
