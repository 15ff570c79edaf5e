package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator's deep seeded history read through the real client: paging, determinism, every bar size. */
class SimDeepHistoryTest {

  static final String BTC = "BTC-USDT-SWAP";
  static SimFixture sim;
  static OkxMarketData market;
  static OkxRestClient rest;

  @BeforeAll
  static void start() {
    sim = new SimFixture();
    rest = sim.client(Optional.empty(), true, SimFixture.IN_SYNC);
    market = new OkxMarketData(rest);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static long now() {
    return SimFixture.NOW.truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
  }

  @Test
  void
      givenAWeekAgo_whenPagingBackTwoThousandMinutes_thenEveryMinuteComesOnceNewestFirstAndJoinsTheNext() {
    long weekAgo = now() - Duration.ofDays(7).toMillis();
    List<Candle> all = new ArrayList<>();
    long after = weekAgo;
    while (all.size() < 2_000) {
      List<Candle> page = market.historyCandles(BTC, "1m", after, 300);
      assertThat(page).isNotEmpty();
      all.addAll(page);
      after = page.getLast().ts().toEpochMilli();
    }

    assertThat(all).hasSize(2_100); // seven pages of 300
    assertThat(all.getFirst().ts().toEpochMilli()).isEqualTo(weekAgo - 60_000);
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).ts()).isEqualTo(all.get(i - 1).ts().minus(Duration.ofMinutes(1)));
      assertThat(all.get(i).close())
          .as("close of %s is the next open", all.get(i).ts())
          .isEqualByComparingTo(all.get(i - 1).open());
    }
    assertThat(all)
        .allMatch(Candle::confirmed)
        .allMatch(
            c ->
                c.high().compareTo(c.open().max(c.close())) >= 0
                    && c.low().compareTo(c.open().min(c.close())) <= 0);
  }

  @Test
  void givenTwoYearsBack_whenRead_thenTheSeededHistoryIsStillThere() {
    long twoYears = now() - Duration.ofDays(2 * 366).toMillis();

    List<Candle> page = market.historyCandles(BTC, "1m", twoYears, 300);
    List<Candle> days = market.historyCandles(BTC, "1D", twoYears, 300);

    assertThat(page).hasSize(300);
    assertThat(days).hasSize(300);
    assertThat(days.getFirst().ts().toEpochMilli() % 86_400_000L)
        .isEqualTo(16 * 3_600_000L); // 1D opens at 00:00 Hong Kong
    assertThat(page).allMatch(c -> c.close().compareTo(BigDecimal.ZERO) > 0);
  }

  @Test
  void
      givenCcxtsCapturedFetchOhlcvWindow_whenAsked_thenThe300HourBarsStrictlyInsideItComeNewestFirst() {
    // ccxt's fixture: fetchOHLCV("BTC/USDT", "1h", since 1699931781033, limit 500) → before = since
    // − 1, after = since + 300 h
    List<Candle> bars =
        get(
            "/api/v5/market/history-candles",
            BTC,
            "1H",
            Map.of("limit", "300", "before", "1699931781032", "after", "1701011781033"));

    assertThat(bars).hasSize(300);
    assertThat(bars.getFirst().ts().toEpochMilli())
        .isEqualTo(1701010800000L); // the last whole hour before `after`
    assertThat(bars.getLast().ts().toEpochMilli())
        .isEqualTo(1699934400000L); // the first whole hour after `before`
  }

  @Test
  void givenTheSameSeed_whenTwoSimulatorsAreAsked_thenTheyServeTheSameBars() {
    SimMarket other = SimMarket.randomWalk(SimFixture.IN_SYNC, 7, 3_000, 1_440);
    SimMarket different = SimMarket.randomWalk(SimFixture.IN_SYNC, 8, 3_000, 1_440);
    try (SimServer a = server(other);
        SimServer b = server(different)) {
      OkxMarketData same = new OkxMarketData(client(a));
      OkxMarketData otherSeed = new OkxMarketData(client(b));
      long back = now() - Duration.ofDays(400).toMillis();
      for (String bar : List.of("1m", "1H", "1D")) {
        assertThat(same.historyCandles(BTC, bar, back, 300))
            .as(bar)
            .isEqualTo(market.historyCandles(BTC, bar, back, 300));
      }
      assertThat(same.candles(BTC, "15m", 300)).isEqualTo(market.candles(BTC, "15m", 300));
      assertThat(otherSeed.historyCandles(BTC, "1m", back, 300))
          .isNotEqualTo(market.historyCandles(BTC, "1m", back, 300));
    }
  }

  @Test
  void givenAfterAndBefore_whenBoth_thenOnlyBarsStrictlyBetweenThemNewestFirst() {
    long hour = 3_600_000L;
    long before = now() - 10 * hour;
    long after = now() - 5 * hour;

    List<Candle> between =
        get(
            "/api/v5/market/history-candles",
            BTC,
            "1H",
            Map.of("after", Long.toString(after), "before", Long.toString(before)));
    List<Candle> newer =
        get(
            "/api/v5/market/candles",
            BTC,
            "1H",
            Map.of("before", Long.toString(before), "limit", "2"));

    assertThat(between)
        .extracting(c -> (now() - c.ts().toEpochMilli()) / hour)
        .containsExactly(6L, 7L, 8L, 9L);
    assertThat(newer)
        .extracting(c -> c.ts().toEpochMilli())
        .containsExactly(now() - now() % hour, now() - now() % hour - hour);
    assertThat(newer.getFirst().confirmed()).isFalse();
  }

  @Test
  void
      givenRecentCandles_whenPagedPastFourteenHundredFortyBars_thenTheyStopButHistoryCandlesGoOn() {
    long first = market.candles(BTC, "1m", 1).getFirst().ts().toEpochMilli();
    long edge = first - 1_439 * 60_000L;

    List<Candle> last =
        get("/api/v5/market/candles", BTC, "1m", Map.of("after", Long.toString(edge + 60_000 * 3)));
    List<Candle> beyond =
        get("/api/v5/market/candles", BTC, "1m", Map.of("after", Long.toString(edge)));
    List<Candle> history =
        get("/api/v5/market/history-candles", BTC, "1m", Map.of("after", Long.toString(edge)));

    assertThat(last)
        .extracting(c -> c.ts().toEpochMilli())
        .containsExactly(edge + 120_000, edge + 60_000, edge);
    assertThat(beyond).isEmpty();
    assertThat(history).hasSize(100);
  }

  @Test
  void givenEveryOkxBarSize_whenServed_thenEachBarSumsUpTheMinutesItSpans() {
    // Up to a day against one-minute bars; longer bars against days of the same time zone
    // (themselves checked here),
    // which keeps the request count within the client's rate limit for history-candles.
    for (String bar :
        List.of(
            "3m", "5m", "15m", "30m", "1H", "2H", "4H", "6H", "6Hutc", "12H", "12Hutc", "1D",
            "1Dutc")) {
      assertSumsUp(bar, "1m");
    }
    for (String bar : List.of("2D", "3D", "1W", "1M")) {
      assertSumsUp(bar, "1D");
    }
    for (String bar : List.of("2Dutc", "3Dutc", "1Wutc", "1Mutc")) {
      assertSumsUp(bar, "1Dutc");
    }
  }

  private static void assertSumsUp(String bar, String part) {
    List<Candle> two = market.historyCandles(BTC, bar, now() - Duration.ofDays(200).toMillis(), 2);
    assertThat(two).as(bar).hasSize(2);
    Candle closed = two.get(1);
    long open = closed.ts().toEpochMilli();
    List<Candle> parts = parts(part, open, two.get(0).ts().toEpochMilli());
    assertThat(parts.getFirst().ts().toEpochMilli()).as(bar).isEqualTo(open);
    assertThat(closed.open()).as(bar + " open").isEqualByComparingTo(parts.getFirst().open());
    assertThat(closed.close()).as(bar + " close").isEqualByComparingTo(parts.getLast().close());
    assertThat(closed.high())
        .as(bar + " high")
        .isEqualByComparingTo(
            parts.stream().map(Candle::high).reduce(BigDecimal::max).orElseThrow());
    assertThat(closed.low())
        .as(bar + " low")
        .isEqualByComparingTo(
            parts.stream().map(Candle::low).reduce(BigDecimal::min).orElseThrow());
    assertThat(closed.vol())
        .as(bar + " vol")
        .isEqualByComparingTo(
            parts.stream().map(Candle::vol).reduce(BigDecimal.ZERO, BigDecimal::add));
  }

  @Test
  void givenQuarterBars_whenServed_thenEachSumsUpItsThreeMonths() {
    for (String[] pair : new String[][] {{"3M", "1M"}, {"3Mutc", "1Mutc"}}) {
      List<Candle> quarters = market.historyCandles(BTC, pair[0], now(), 2);
      Candle quarter = quarters.get(1);
      List<Candle> months =
          market.historyCandles(BTC, pair[1], quarters.get(0).ts().toEpochMilli(), 3);
      assertThat(months.getLast().ts()).as(pair[0]).isEqualTo(quarter.ts());
      assertThat(quarter.open()).isEqualByComparingTo(months.getLast().open());
      assertThat(quarter.close()).isEqualByComparingTo(months.getFirst().close());
      assertThat(quarter.high())
          .isEqualByComparingTo(
              months.stream().map(Candle::high).reduce(BigDecimal::max).orElseThrow());
      assertThat(quarter.vol())
          .isEqualByComparingTo(
              months.stream().map(Candle::vol).reduce(BigDecimal.ZERO, BigDecimal::add));
    }
  }

  @Test
  void givenCalendarBars_whenServed_thenTheyOpenWhereOkxOpensThem() {
    Instant week = market.historyCandles(BTC, "1Wutc", now(), 1).getFirst().ts();
    Instant hkMonth = market.historyCandles(BTC, "1M", now(), 1).getFirst().ts();
    Instant utcDay = market.historyCandles(BTC, "1Dutc", now(), 1).getFirst().ts();

    assertThat(week.atZone(ZoneOffset.UTC).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
    assertThat(week.atZone(ZoneOffset.UTC).toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
    assertThat(hkMonth.atZone(ZoneOffset.ofHours(8)).getDayOfMonth()).isEqualTo(1);
    assertThat(hkMonth.atZone(ZoneOffset.ofHours(8)).toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
    assertThat(utcDay.toEpochMilli() % 86_400_000L).isZero();
  }

  @Test
  void givenMalformedPaging_whenAsked_thenOkxParameterErrors() {
    assertThatThrownBy(
            () -> get("/api/v5/market/history-candles", BTC, "1m", Map.of("after", "yesterday")))
        .isInstanceOfSatisfying(
            OkxApiException.class,
            e -> assertThat(e.getMessage()).contains("Parameter after error"));
    assertThatThrownBy(() -> get("/api/v5/market/candles", BTC, "1m", Map.of("limit", "0")))
        .isInstanceOfSatisfying(
            OkxApiException.class,
            e -> assertThat(e.getMessage()).contains("Parameter limit error"));
    assertThat(get("/api/v5/market/candles", BTC, "1m", Map.of("limit", "1000"))).hasSize(300);
  }

  @Test
  void givenFundingHistory_whenPaged_thenSettlementsEveryEightHoursNewestFirstUpToNow() {
    var first =
        rest.getPublic("/api/v5/public/funding-rate-history", Map.of("instId", BTC, "limit", "3"));
    long newest = Long.parseLong(first.get(0).path("fundingTime").asString());
    long oldest = Long.parseLong(first.get(2).path("fundingTime").asString());
    var next =
        rest.getPublic(
            "/api/v5/public/funding-rate-history",
            Map.of("instId", BTC, "after", Long.toString(oldest)));

    assertThat(newest).isEqualTo(Instant.parse("2026-11-25T08:00:00Z").toEpochMilli());
    assertThat(newest - oldest).isEqualTo(2 * 8 * 3_600_000L);
    assertThat(first.get(0).path("fundingRate").asString()).isEqualTo("0.0001");
    assertThat(first.get(0).path("realizedRate").asString()).isEqualTo("0.0001");
    assertThat(Long.parseLong(next.get(0).path("fundingTime").asString()))
        .isEqualTo(oldest - 8 * 3_600_000L);
    assertThat(next.size()).isEqualTo(92 * 3 - 3);
  }

  /** The {@code bar} bars opened in {@code [open, next)}, oldest first. */
  private static List<Candle> parts(String bar, long open, long next) {
    List<Candle> all = new ArrayList<>();
    long after = next;
    while (true) {
      List<Candle> page =
          get(
              "/api/v5/market/history-candles",
              BTC,
              bar,
              Map.of(
                  "after",
                  Long.toString(after),
                  "before",
                  Long.toString(open - 1),
                  "limit",
                  "300"));
      if (page.isEmpty()) {
        return all.reversed();
      }
      all.addAll(page);
      after = page.getLast().ts().toEpochMilli();
    }
  }

  private static List<Candle> get(
      String path, String instId, String bar, Map<String, String> extra) {
    Map<String, String> params = new LinkedHashMap<>(extra);
    params.put("instId", instId);
    params.put("bar", bar);
    return rest.getPublic(path, params).valueStream().map(OkxJson::candle).toList();
  }

  private static SimServer server(SimMarket m) {
    return new SimServer(
        new SimRestApi(
            SimFixture.IN_SYNC,
            m,
            Map.of(SimFixture.DEMO.apiKey(), SimFixture.DEMO),
            new BigDecimal("10000")),
        m,
        0);
  }

  private static OkxRestClient client(SimServer server) {
    OkxClientConfig config =
        new OkxClientConfig(
            URI.create("http://127.0.0.1:" + server.port() + "/"),
            Optional.empty(),
            true,
            Duration.ofSeconds(5));
    return new OkxRestClient(config, HttpClient.newHttpClient(), SimFixture.IN_SYNC);
  }
}
