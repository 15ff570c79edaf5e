package io.tai2.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.CandleRepository;
import io.tai2.history.FundingRateRecord;
import io.tai2.history.MinuteBar;
import io.tai2.history.SchemaDialect;
import io.tai2.okx.Candle;
import io.tai2.okx.OkxClientConfig;
import io.tai2.okx.OkxMarketData;
import io.tai2.okx.OkxRestClient;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Downloading history from the in-process simulator's deep, deterministic history into the candle store. */
class HistoryFetcherTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final Instant NOW = Instant.parse("2026-11-25T10:00:30.123Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");

  static SimServer server;
  static OkxMarketData market;
  static DriverManagerDataSource ds;
  CandleRepository store;
  List<HistoryFetcher.Progress> progress = new ArrayList<>();

  @BeforeAll
  static void start() {
    SimMarket sim = SimMarket.randomWalk(CLOCK, 7, 3_000, 1_440);
    server = new SimServer(new SimRestApi(CLOCK, sim, Map.of(), new BigDecimal("10000")), sim, 0);
    market =
        new OkxMarketData(
            new OkxRestClient(
                new OkxClientConfig(
                    URI.create("http://127.0.0.1:" + server.port() + "/"),
                    Optional.empty(),
                    false,
                    Duration.ofSeconds(5)),
                HttpClient.newHttpClient(),
                CLOCK));
    ds =
        new DriverManagerDataSource(
            "jdbc:h2:mem:fetch-"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "sa",
            "");
    Flyway.configure()
        .dataSource(ds)
        .locations(SchemaDialect.H2.flywayLocations().toArray(String[]::new))
        .placeholders(SchemaDialect.H2.flywayPlaceholders())
        .load()
        .migrate();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void clean() {
    JdbcClient jdbc = JdbcClient.create(ds);
    jdbc.sql("DELETE FROM candles_1m").update();
    jdbc.sql("DELETE FROM funding_rate_history").update();
    store = new CandleRepository(jdbc);
  }

  HistoryFetcher fetcher() {
    return new HistoryFetcher(market, store, CLOCK, progress::add);
  }

  /** What the simulator serves for the day, paged by hand, oldest first. */
  static List<MinuteBar> served(Instant from, Instant to) {
    List<MinuteBar> bars = new ArrayList<>();
    long after = to.toEpochMilli();
    while (after > from.toEpochMilli()) {
      List<Candle> page = market.historyCandles(BTC, "1m", after, 300);
      for (Candle c : page) {
        if (!c.ts().isBefore(from)) {
          bars.addFirst(new MinuteBar(c.ts(), c.open(), c.high(), c.low(), c.close(), c.vol()));
        }
      }
      after = page.getLast().ts().toEpochMilli();
    }
    return bars;
  }

  static List<MinuteBar> canonical(List<MinuteBar> bars) {
    return bars.stream()
        .map(
            b ->
                new MinuteBar(
                    b.ts(), c(b.open()), c(b.high()), c(b.low()), c(b.close()), c(b.volume())))
        .toList();
  }

  static BigDecimal c(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  @Test
  void givenAnEmptyStore_whenADayIsFetched_thenEveryMinuteIsStoredAsTheSimulatorServesIt() {
    HistoryFetcher.Summary summary = fetcher().fetch(BTC, DAY, DAY.plus(Duration.ofDays(1)));

    List<MinuteBar> stored = store.range(BTC, DAY, DAY.plus(Duration.ofDays(1)));
    assertThat(stored).hasSize(1_440);
    assertThat(stored.getFirst().ts()).isEqualTo(DAY);
    assertThat(stored.getLast().ts()).isEqualTo(Instant.parse("2026-11-20T23:59:00Z"));
    assertThat(stored).isEqualTo(canonical(served(DAY, DAY.plus(Duration.ofDays(1)))));
    assertThat(summary)
        .isEqualTo(
            new HistoryFetcher.Summary(BTC, 1_440, 15, 1, 0)); // 1 440 / 100 per page, rounded up
    assertThat(progress.getLast())
        .isEqualTo(new HistoryFetcher.Progress(BTC, DAY, 1_440, 15, 1, 1));
  }

  @Test
  void givenADayAlreadyFetched_whenFetchedAgain_thenNoRequestIsMadeAndNothingChanges() {
    fetcher().fetch(BTC, DAY, DAY.plus(Duration.ofDays(1)));
    List<MinuteBar> before = store.range(BTC, DAY, DAY.plus(Duration.ofDays(1)));

    HistoryFetcher.Summary rerun = fetcher().fetch(BTC, DAY, DAY.plus(Duration.ofDays(1)));

    assertThat(rerun).isEqualTo(new HistoryFetcher.Summary(BTC, 0, 0, 0, 1));
    assertThat(store.range(BTC, DAY, DAY.plus(Duration.ofDays(1)))).isEqualTo(before);
  }

  @Test
  void givenOneDayStored_whenTheRangeIsWidenedAtBothEnds_thenOnlyTheMissingDaysAreFetched() {
    fetcher().fetch(BTC, DAY, DAY.plus(Duration.ofDays(1)));

    HistoryFetcher.Summary wider =
        fetcher().fetch(BTC, DAY.minus(Duration.ofHours(6)), DAY.plus(Duration.ofHours(30)));

    assertThat(wider.daysSkipped()).isEqualTo(1);
    assertThat(wider.daysFetched()).isEqualTo(2);
    assertThat(wider.bars()).isEqualTo(12 * 60);
    assertThat(wider.requests()).isEqualTo(8); // 360 bars on each side: 4 pages each
    assertThat(store.count(BTC, DAY.minus(Duration.ofHours(6)), DAY.plus(Duration.ofHours(30))))
        .isEqualTo(36 * 60);
  }

  @Test
  void givenAnInterruptedDay_whenFetchedAgain_thenThatDayIsCompleted() {
    fetcher().fetch(BTC, DAY, DAY.plus(Duration.ofDays(1)));
    JdbcClient.create(ds)
        .sql("DELETE FROM candles_1m WHERE ts < ?")
        .param(DAY.plus(Duration.ofHours(12)).atOffset(ZoneOffset.UTC))
        .update();

    HistoryFetcher.Summary resumed = fetcher().fetch(BTC, DAY, DAY.plus(Duration.ofDays(1)));

    assertThat(resumed.daysFetched()).isEqualTo(1);
    assertThat(store.count(BTC, DAY, DAY.plus(Duration.ofDays(1)))).isEqualTo(1_440);
  }

  @Test
  void givenARangeReachingPastNow_whenFetched_thenItStopsBeforeTheMinuteStillForming() {
    Instant from = NOW.minus(Duration.ofMinutes(30));

    fetcher().fetch(BTC, from, NOW.plus(Duration.ofDays(1)));

    assertThat(store.newest(BTC)).contains(Instant.parse("2026-11-25T09:59:00Z"));
    assertThat(store.oldest(BTC))
        .contains(Instant.parse("2026-11-25T09:31:00Z")); // from rounded up to a whole minute
  }

  @Test
  void givenAFetchedDay_whenAggregatedToDays_thenTheDailyBarsOpenAtHongKongMidnightUnlessUtc() {
    fetcher().fetch(BTC, DAY, DAY.plus(Duration.ofDays(1)));
    List<MinuteBar> minutes = store.range(BTC, DAY, DAY.plus(Duration.ofDays(1)));

    List<MinuteBar> hongKong =
        BarAlignment.bars(store, BTC, "1D", DAY, DAY.plus(Duration.ofDays(1)));
    List<MinuteBar> utc = BarAlignment.bars(store, BTC, "1Dutc", DAY, DAY.plus(Duration.ofDays(1)));
    List<MinuteBar> fourHours =
        BarAlignment.bars(store, BTC, "4H", DAY, DAY.plus(Duration.ofDays(1)));

    assertThat(hongKong)
        .extracting(MinuteBar::ts)
        .containsExactly(
            Instant.parse("2026-11-19T16:00:00Z"), Instant.parse("2026-11-20T16:00:00Z"));
    assertThat(hongKong.get(1).open()).isEqualTo(minutes.get(16 * 60).open());
    assertThat(utc).hasSize(1);
    assertThat(utc.getFirst().open()).isEqualTo(minutes.getFirst().open());
    assertThat(utc.getFirst().close()).isEqualTo(minutes.getLast().close());
    assertThat(utc.getFirst().high())
        .isEqualTo(minutes.stream().map(MinuteBar::high).max(BigDecimal::compareTo).orElseThrow());
    assertThat(fourHours)
        .extracting(MinuteBar::ts)
        .hasSize(6)
        .allMatch(t -> t.toEpochMilli() % 14_400_000L == 0);
  }

  @Test
  void
      givenTwoDays_whenFundingIsFetchedTwiceAndThenWidened_thenEachSettlementIsStoredOnceAndOnlyNewOnesAreAdded() {
    int first = fetcher().fetchFunding(BTC, DAY, DAY.plus(Duration.ofDays(2)));
    int again = fetcher().fetchFunding(BTC, DAY, DAY.plus(Duration.ofDays(2)));
    int wider =
        fetcher().fetchFunding(BTC, DAY.minus(Duration.ofDays(1)), DAY.plus(Duration.ofDays(3)));

    assertThat(first).isEqualTo(6);
    assertThat(again).isZero();
    assertThat(wider).isEqualTo(6);
    List<FundingRateRecord> stored =
        store.funding(BTC, DAY.minus(Duration.ofDays(1)), DAY.plus(Duration.ofDays(3)));
    assertThat(stored).hasSize(12);
    assertThat(stored.getFirst())
        .isEqualTo(
            new FundingRateRecord(Instant.parse("2026-11-19T00:00:00Z"), new BigDecimal("0.0001")));
    assertThat(stored)
        .extracting(f -> f.fundingTime().toEpochMilli() % (8 * 3_600_000L))
        .containsOnly(0L);
  }
}
