package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.EquityRepository;
import io.tai2.history.EquitySample;
import io.tai2.history.PromptVersion;
import io.tai2.reasoning.ReasoningSettings;
import io.tai2.reasoning.ReasoningSettingsStore;
import io.tai2.testsupport.DecisionLogSeed;
import io.tai2.testsupport.HttpProbe;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** GET /api/evaluation/leaderboard over HTTP on a seeded decision log: two prompt versions, their orders and fills. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "DATABASE_URL=jdbc:h2:mem:leaderboard-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class LeaderboardApiTest {

  static final Instant DAY = Instant.parse("2026-11-02T00:00:00Z");
  static final String BTC = "BTC-USDT-SWAP";
  static final String MINI = "openai/gpt-4o-mini";
  static final String HAIKU = "anthropic/claude-haiku";
  static final String PERIOD = "from=2026-11-02&to=2026-11-02";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired EquityRepository equity;
  @Autowired ReasoningSettingsStore reasoning;
  @Autowired ObjectMapper json;
  HttpProbe http;
  PromptVersion baseline;
  PromptVersion tight;

  /**
   * baseline (gpt-4o-mini): three round trips netting +2, +1, −1 USDT after fees, a HOLD and a refused BUY; tight
   * (claude-haiku): three netting +5, +4, +6 and a failed LLM call. The equity was 1000 USDT before the day began.
   */
  @BeforeEach
  void seed() {
    http = new HttpProbe(port);
    for (String table :
        new String[] {
          "executed_trades",
          "orders",
          "paper_trades",
          "paper_books",
          "decisions",
          "prompt_versions",
          "equity_history"
        }) {
      jdbc.sql("DELETE FROM " + table).update();
    }
    DecisionLogSeed seed = new DecisionLogSeed(jdbc);
    baseline = seed.version("baseline", DAY.minusSeconds(86_400));
    tight = seed.version("tight", DAY.minusSeconds(3600));
    equity.insert(
        new EquitySample(
            DAY.minusSeconds(60),
            Optional.empty(),
            Optional.empty(),
            Optional.of(new BigDecimal("1000"))));
    Optional<UUID> a = Optional.of(baseline.id());
    Optional<UUID> b = Optional.of(tight.id());
    seed.longRoundTrip(DAY.plusSeconds(3600), BTC, MINI, a, "2.2");
    seed.longRoundTrip(DAY.plusSeconds(4 * 3600), BTC, HAIKU, b, "5.2");
    seed.longRoundTrip(DAY.plusSeconds(7 * 3600), BTC, MINI, a, "1.2");
    seed.longRoundTrip(DAY.plusSeconds(10 * 3600), BTC, HAIKU, b, "4.2");
    seed.longRoundTrip(DAY.plusSeconds(13 * 3600), BTC, MINI, a, "-0.8");
    seed.longRoundTrip(DAY.plusSeconds(16 * 3600), BTC, HAIKU, b, "6.2");
    seed.decision(DAY.plusSeconds(19 * 3600), BTC, MINI, a, "ACCEPTED", "HOLD", "0.002", 500);
    seed.decision(DAY.plusSeconds(20 * 3600), BTC, MINI, a, "REJECTED", "BUY", "0.003", 700);
    seed.decision(DAY.plusSeconds(21 * 3600), BTC, HAIKU, b, "LLM_ERROR", null, "0", 120_000);
    seed.decision(
        DAY.plusSeconds(86_400),
        BTC,
        MINI,
        a,
        "ACCEPTED",
        "HOLD",
        "0.002",
        500); // the next day: outside the period
  }

  JsonNode board(String query) {
    var r = http.get("/api/evaluation/leaderboard?" + query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }

  JsonNode row(JsonNode board, String key) {
    for (JsonNode row : board.path("rows")) {
      if (row.path("key").asString().equals(key)) {
        return row;
      }
    }
    throw new AssertionError("no row " + key + " in " + board);
  }

  long logged(UUID version) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM decisions WHERE prompt_version_id = ? AND created_at >= ? AND created_at < ?")
        .params(
            version, DAY.atOffset(ZoneOffset.UTC), DAY.plusSeconds(86_400).atOffset(ZoneOffset.UTC))
        .query(Long.class)
        .single();
  }

  @Test
  void
      givenTwoVersionsWithClosedRoundTrips_whenRankedByVersion_thenCountsMatchTheLogAndTheChallengerBeatsTheBaseline() {
    JsonNode board = board("group_by=version&source=live&" + PERIOD);

    assertThat(board.path("rows").size()).isEqualTo(2);
    JsonNode a = row(board, baseline.id().toString());
    JsonNode b = row(board, tight.id().toString());
    assertThat(a.path("label").asString()).isEqualTo("baseline");
    assertThat(a.path("source").asString()).isEqualTo("live");
    assertThat(a.path("decisions").asLong()).isEqualTo(logged(baseline.id())).isEqualTo(8);
    assertThat(b.path("decisions").asLong()).isEqualTo(logged(tight.id())).isEqualTo(7);
    assertThat(a.path("entries").asInt()).isEqualTo(3);
    assertThat(a.path("closed_trades").asInt()).isEqualTo(3);
    assertThat(a.path("win_rate").asDouble()).isEqualTo(2.0 / 3);
    assertThat(a.path("pnl_usdt").decimalValue()).isEqualByComparingTo("2.0");
    assertThat(b.path("pnl_usdt").decimalValue()).isEqualByComparingTo("15.0");
    assertThat(b.path("expectancy_usdt").decimalValue()).isEqualByComparingTo("5");
    assertThat(a.path("llm_cost_usd").decimalValue()).isEqualByComparingTo("0.065");
    assertThat(a.path("pnl_per_llm_usd").asDouble()).isCloseTo(2.0 / 0.065, Offset.offset(1e-9));
    assertThat(a.path("max_drawdown_pct").asDouble())
        .as("1 USDT from the peak of 1003")
        .isCloseTo(100.0 / 1003, Offset.offset(1e-9));
    assertThat(b.path("max_drawdown_pct").asDouble()).isZero();
    assertThat(a.path("hold_rate").asDouble()).isEqualTo(1.0 / 8);
    assertThat(a.path("reject_rate").asDouble()).isEqualTo(1.0 / 8);
    assertThat(a.path("avg_mfe_pct").isNull())
        .as("no candles recorded over its round trips")
        .isTrue();
    JsonNode ci = b.path("expectancy_ci95");
    assertThat(ci.size()).isEqualTo(2);
    assertThat(ci.get(0).asDouble()).isBetween(4.0, 5.0);
    assertThat(ci.get(1).asDouble()).isBetween(5.0, 6.0);
    assertThat(board.path("starting_equity_usdt").decimalValue()).isEqualByComparingTo("1000");

    assertThat(board.path("comparisons").size()).isEqualTo(1);
    JsonNode c = board.path("comparisons").get(0);
    assertThat(c.path("a").asString())
        .as("the arm that decided first is A")
        .isEqualTo(baseline.id().toString());
    assertThat(c.path("b").asString()).isEqualTo(tight.id().toString());
    assertThat(c.path("verdict").asString())
        .isEqualTo("B beats A (95 % CI of the difference excludes 0)");
    assertThat(c.path("kind").asString()).isEqualTo("B_BETTER");
    assertThat(c.path("diff_ci95").get(0).asDouble()).isPositive();
  }

  @Test
  void givenFewerThanTwoClosedTrades_whenRanked_thenThereIsNoIntervalAndTheVerdictSaysWhy() {
    JsonNode board = board("group_by=version&from=2026-11-02T00:00:00Z&to=2026-11-02T05:00:00Z");

    JsonNode a = row(board, baseline.id().toString());
    assertThat(a.path("closed_trades").asInt()).isEqualTo(1);
    assertThat(a.path("expectancy_usdt").decimalValue()).isEqualByComparingTo("2.0");
    assertThat(a.path("expectancy_ci95").isNull()).isTrue();
    assertThat(board.path("comparisons").get(0).path("diff_ci95").isNull()).isTrue();
    assertThat(board.path("comparisons").get(0).path("verdict").asString())
        .isEqualTo("not enough closed trades yet (A 1, B 1); each arm needs at least 2");
  }

  @Test
  void givenModels_whenRankedByModel_thenEachModelIsARow() {
    JsonNode board = board("group_by=model&" + PERIOD + "&symbol=btc-usdt-swap");

    assertThat(board.path("rows").size()).isEqualTo(2);
    assertThat(row(board, MINI).path("pnl_usdt").decimalValue()).isEqualByComparingTo("2.0");
    assertThat(row(board, HAIKU).path("decisions").asInt()).isEqualTo(7);
    assertThat(board("group_by=model&" + PERIOD + "&symbol=ETH-USDT-SWAP").path("rows").size())
        .isZero();
  }

  @Test
  void givenAnAbSplit_whenRankedByVersion_thenTheChampionIsComparedAgainstTheOthers() {
    ReasoningSettings before = reasoning.current();
    reasoning.update(
        s ->
            s.withAbSplit(
                Optional.of(
                    new ReasoningSettings.AbSplit(
                        tight.id(), baseline.id(), ReasoningSettings.AbSplit.Mode.BY_CYCLE))),
        "test");
    try {
      JsonNode c = board("group_by=version&" + PERIOD).path("comparisons").get(0);

      assertThat(c.path("a").asString())
          .as("version A of the split is the champion")
          .isEqualTo(tight.id().toString());
      assertThat(c.path("b").asString()).isEqualTo(baseline.id().toString());
      assertThat(c.path("verdict").asString())
          .isEqualTo("A beats B (95 % CI of the difference excludes 0)");
    } finally {
      reasoning.update(s -> before, "test");
    }
  }

  @Test
  void
      givenPaperAndShadowRoundTrips_whenAskedPerSource_thenEachSourceHasItsOwnRowsBesideTheLiveArms() {
    DecisionLogSeed seed = new DecisionLogSeed(jdbc);
    Optional<UUID> a = Optional.of(baseline.id());
    seed.paperRoundTrip("paper", "paper", DAY.plusSeconds(2 * 3600), BTC, MINI, a, "3.5");
    seed.paperRoundTrip(
        "paper", "paper", DAY.plusSeconds(5 * 3600), BTC, MINI, a, null); // still open
    seed.paperRoundTrip("shadow: x", "shadow", DAY.plusSeconds(2 * 3600), BTC, HAIKU, a, "-1.5");
    seed.paperRoundTrip("shadow: x", "shadow", DAY.plusSeconds(8 * 3600), BTC, HAIKU, a, "2.5");
    seed.decision(
        DAY.plusSeconds(9 * 3600), BTC, HAIKU, a, "ACCEPTED", "HOLD", "0.01", 900, "shadow");

    JsonNode paper = board("source=paper&group_by=model&" + PERIOD).path("rows");
    JsonNode shadow = board("source=shadow&group_by=model&" + PERIOD).path("rows");
    JsonNode all = board("source=all&group_by=version&" + PERIOD);

    assertThat(paper.size()).isEqualTo(1);
    assertThat(paper.get(0).path("source").asString()).isEqualTo("paper");
    assertThat(paper.get(0).path("decisions").asInt()).isEqualTo(2);
    assertThat(paper.get(0).path("entries").asInt()).isEqualTo(2);
    assertThat(paper.get(0).path("closed_trades").asInt()).isEqualTo(1);
    assertThat(paper.get(0).path("pnl_usdt").decimalValue()).isEqualByComparingTo("3.5");
    assertThat(paper.get(0).path("avg_mfe_pct").decimalValue())
        .as("the closed round trip's; the open one has none yet")
        .isEqualByComparingTo("1");
    assertThat(paper.get(0).path("avg_mae_pct").decimalValue()).isEqualByComparingTo("-5");
    assertThat(shadow.size()).isEqualTo(1);
    assertThat(shadow.get(0).path("key").asString()).isEqualTo(HAIKU);
    assertThat(shadow.get(0).path("decisions").asInt())
        .as("the HOLD counts as a decision")
        .isEqualTo(3);
    assertThat(shadow.get(0).path("closed_trades").asInt()).isEqualTo(2);
    assertThat(shadow.get(0).path("pnl_usdt").decimalValue()).isEqualByComparingTo("1.0");
    // baseline traded live, on paper and in a shadow: three rows with the same key, told apart by
    // their source
    List<String> baselineSources = new ArrayList<>();
    all.path("rows")
        .forEach(
            r -> {
              if (r.path("key").asString().equals(baseline.id().toString())) {
                baselineSources.add(r.path("source").asString());
              }
            });
    assertThat(baselineSources).containsExactlyInAnyOrder("live", "paper", "shadow");
    assertThat(all.path("comparisons"))
        .anySatisfy(
            c -> {
              assertThat(c.path("a_source").asString()).isEqualTo("live");
              assertThat(c.path("b_source").asString()).isEqualTo("shadow");
            });
  }

  @Test
  void givenBadParameters_whenAsked_thenEachIsA400NamingIt() {
    assertBad("group_by=day", "group_by", "group_by must be version or model");
    assertBad("source=backtest", "source", "source must be live, paper, shadow or all");
    assertBad("from=yesterday", "from", "from must be a date like 2026-12-04");
    assertBad("to=2026-13-01", "to", "to must be a date like 2026-12-04");
    assertBad("from=2026-11-03&to=2026-11-02", "from", "from must be before to");
    assertBad(
        "from=2026-11-02T10:00:00Z&to=2026-11-02T10:00:00Z", "from", "from must be before to");
    assertBad("symbol=btc;drop", "symbol", "symbol must be an instrument id");
    assertBad("groupBy=model", "groupBy", "unknown parameter groupBy");
  }

  void assertBad(String query, String field, String message) {
    var r = http.get("/api/evaluation/leaderboard?" + query);
    assertThat(r.statusCode()).as(query).isEqualTo(400);
    JsonNode problem = json.readTree(r.body());
    assertThat(problem.path("field").asString()).as(query).isEqualTo(field);
    assertThat(problem.path("detail").asString()).as(query).contains(message);
  }

  @Test
  void givenTheOpenApiDocument_whenRead_thenItListsTheLeaderboard() {
    assertThat(json.readTree(http.get("/v3/api-docs").body()).get("paths").propertyNames())
        .contains("/api/evaluation/leaderboard", "/api/evaluation/calibration");
  }

  @Test
  void
      givenModelsWithClosedRoundTrips_whenCalibrated_thenTheirConfidenceBucketsWinRatesAndBrierScoresAreTheRoundTrips() {
    var r =
        http.get(
            "/api/evaluation/calibration?group_by=model&from="
                + DAY.toString().substring(0, 10)
                + "&to="
                + DAY.toString().substring(0, 10));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode arms = json.readTree(r.body()).path("arms");
    JsonNode mini = null;
    JsonNode haiku = null;
    for (JsonNode arm : arms) {
      if (arm.path("key").asString().equals(MINI)) {
        mini = arm;
      } else if (arm.path("key").asString().equals(HAIKU)) {
        haiku = arm;
      }
    }
    assertThat(mini).as(r.body()).isNotNull();
    assertThat(haiku).as(r.body()).isNotNull();
    // every seeded decision states 0.7: mini's three round trips won twice, haiku's three all won
    assertThat(mini.path("forecasts").asInt()).isEqualTo(3);
    assertThat(mini.path("buckets").get(7).path("count").asInt()).isEqualTo(3);
    assertThat(mini.path("buckets").get(7).path("win_rate").asDouble())
        .isCloseTo(2.0 / 3, Offset.offset(1e-9));
    assertThat(mini.path("brier_score").asDouble())
        .isCloseTo((0.09 + 0.09 + 0.49) / 3, Offset.offset(1e-9));
    assertThat(haiku.path("brier_score").asDouble()).isCloseTo(0.09, Offset.offset(1e-9));
    assertThat(mini.path("best_gate").isNull()).as("fewer than 5 trades: no advice").isTrue();
    assertThat(http.get("/api/evaluation/calibration?group_by=day").statusCode()).isEqualTo(400);
  }
}
