package io.tai2.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.CandleRepository;
import io.tai2.history.MinuteBar;
import io.tai2.history.SchemaDialect;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The service's candle recorder against the in-process simulator's market/history-candles, into a real candle store. */
class CandleRecorderTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final String ETH = "ETH-USDT-SWAP";
  static final Instant START = Instant.parse("2026-11-25T10:00:30.123Z");

  /** The current minute at START: the bar forming then is never stored. */
  static final Instant MINUTE = Instant.parse("2026-11-25T10:00:00Z");

  static final class ManualClock extends Clock {
    volatile Instant now = START;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final ManualClock clock = new ManualClock();
  SimMarket sim;
  SimServer server;
  OkxMarketData market;
  CandleRepository store;

  @BeforeEach
  void start() {
    sim = SimMarket.randomWalk(clock, 7, 6_000, 3_000);
    server = new SimServer(new SimRestApi(clock, sim, Map.of(), new BigDecimal("10000")), sim, 0);
    market =
        new OkxMarketData(
            new OkxRestClient(
                new OkxClientConfig(
                    URI.create("http://127.0.0.1:" + server.port() + "/"),
                    Optional.empty(),
                    false,
                    Duration.ofSeconds(5)),
                HttpClient.newHttpClient(),
                clock));
    DriverManagerDataSource ds =
        new DriverManagerDataSource(
            "jdbc:h2:mem:recorder-"
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
    store = new CandleRepository(JdbcClient.create(ds));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  CandleRecorder recorder(List<String> symbols) {
    return new CandleRecorder(() -> market, store, () -> symbols, clock);
  }

  /** What the simulator serves as closed minute bars in [from, to), oldest first, in the store's number form. */
  List<MinuteBar> served(String instId, Instant from, Instant to) {
    return HistoryFetcherTest.canonical(
        market.historyCandles(instId, "1m", to.toEpochMilli(), 300).stream()
            .filter(c -> !c.ts().isBefore(from))
            .map(c -> new MinuteBar(c.ts(), c.open(), c.high(), c.low(), c.close(), c.vol()))
            .sorted(Comparator.comparing(MinuteBar::ts))
            .toList());
  }

  @Test
  void givenAnEmptyStore_whenRecorded_thenTheLastDaysClosedBarsAreStoredForEveryTrackedSymbol() {
    List<CandleRecorder.Recorded> recorded = recorder(List.of(BTC, ETH)).record();

    assertThat(recorded).extracting(CandleRecorder.Recorded::symbol).containsExactly(BTC, ETH);
    assertThat(recorded).extracting(CandleRecorder.Recorded::bars).containsExactly(1_440L, 1_440L);
    for (String symbol : List.of(BTC, ETH)) {
      assertThat(store.count(symbol, MINUTE.minus(Duration.ofDays(2)), MINUTE.plusSeconds(3600)))
          .isEqualTo(1_440);
      assertThat(store.oldest(symbol)).contains(MINUTE.minus(CandleRecorder.WINDOW));
      assertThat(store.newest(symbol))
          .as("the bar forming now is left for the next run")
          .contains(MINUTE.minusSeconds(60));
    }
    assertThat(store.range(BTC, MINUTE.minusSeconds(3 * 3600), MINUTE))
        .isEqualTo(served(BTC, MINUTE.minusSeconds(3 * 3600), MINUTE));
  }

  @Test
  void givenARunDone_whenRecordedAgainLater_thenOnlyTheNewBarsAreFetchedAndNoneIsStoredTwice() {
    CandleRecorder recorder = recorder(List.of(BTC));
    recorder.record();
    List<MinuteBar> before = store.range(BTC, MINUTE.minus(Duration.ofDays(2)), MINUTE);

    List<CandleRecorder.Recorded> same = recorder.record();
    clock.now = START.plusSeconds(5 * 60);
    sim.advance(5);
    List<CandleRecorder.Recorded> later = recorder.record();

    assertThat(same).containsExactly(new CandleRecorder.Recorded(BTC, 0, 0));
    assertThat(later).containsExactly(new CandleRecorder.Recorded(BTC, 5, 1));
    assertThat(store.count(BTC, MINUTE.minus(Duration.ofDays(2)), MINUTE.plusSeconds(3600)))
        .isEqualTo(1_445);
    assertThat(store.range(BTC, MINUTE.minus(Duration.ofDays(2)), MINUTE)).isEqualTo(before);
    assertThat(store.range(BTC, MINUTE, MINUTE.plusSeconds(5 * 60)))
        .isEqualTo(served(BTC, MINUTE, MINUTE.plusSeconds(5 * 60)));
  }

  @Test
  void
      givenTheNewestStoredBarDaysOld_whenRecorded_thenOnlyTheLastDayIsFetchedAndTheGapIsLeftForHistoryFetch() {
    Instant old = MINUTE.minus(Duration.ofDays(3));
    store.upsert(BTC, served(BTC, old, old.plusSeconds(60)));

    List<CandleRecorder.Recorded> recorded = recorder(List.of(BTC)).record();

    assertThat(recorded).extracting(CandleRecorder.Recorded::bars).containsExactly(1_440L);
    assertThat(store.count(BTC, old.plusSeconds(60), MINUTE.minus(CandleRecorder.WINDOW))).isZero();
  }

  @Test
  void
      givenASymbolOkxDoesNotKnow_whenRecorded_thenItIsSkippedWithoutThrowingAndTheOthersAreRecorded() {
    List<CandleRecorder.Recorded> recorded = recorder(List.of("NOPE-USDT-SWAP", BTC)).record();
    List<CandleRecorder.Recorded> broken =
        new CandleRecorder(
                () -> {
                  throw new IllegalStateException("no OKX client");
                },
                store,
                () -> List.of(ETH),
                clock)
            .record();

    assertThat(recorded).extracting(CandleRecorder.Recorded::symbol).containsExactly(BTC);
    assertThat(store.count(BTC, MINUTE.minus(Duration.ofDays(2)), MINUTE)).isEqualTo(1_440);
    assertThat(broken).isEmpty();
    assertThat(store.newest(ETH)).isEmpty();
  }
}
