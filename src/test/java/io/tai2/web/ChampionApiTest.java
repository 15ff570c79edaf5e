package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.PromptVersion;
import io.tai2.reasoning.ReasoningSettings;
import io.tai2.reasoning.ReasoningSettingsStore;
import io.tai2.testsupport.DecisionLogSeed;
import io.tai2.testsupport.HttpProbe;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Champion vs challenger over HTTP (no login): the comparison, and promoting the challenger through the audited settings. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "DATABASE_URL=jdbc:h2:mem:champion-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class ChampionApiTest {

  static final Instant DAY = Instant.parse("2026-11-02T00:00:00Z");
  static final String PERIOD = "from=2026-11-02&to=2026-11-02";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ReasoningSettingsStore reasoning;
  @Autowired ObjectMapper json;
  HttpProbe http;
  Arms arms;

  /** The champion, the challenger and a third version that is neither. */
  record Arms(PromptVersion champion, PromptVersion challenger, PromptVersion other) {}

  /**
   * Seeds on {@code day}: the champion "baseline" with three round trips netting +2, +1, −1 USDT, the challenger "tight"
   * with +5, +4, +6 (so it wins: the interval of the difference is above 0), and a third version "other" without
   * decisions; baseline is the active version and tight the challenger, no A/B split.
   */
  static Arms seed(JdbcClient jdbc, ReasoningSettingsStore reasoning, Instant day) {
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
    PromptVersion baseline = seed.version("baseline", day.minusSeconds(86_400));
    PromptVersion tight = seed.version("tight", day.minusSeconds(3600));
    PromptVersion other = seed.version("other", day.minusSeconds(1800));
    String[] a = {"2.2", "1.2", "-0.8"};
    String[] b = {"5.2", "4.2", "6.2"};
    for (int i = 0; i < 3; i++) {
      seed.longRoundTrip(
          day.plusSeconds((1 + 6L * i) * 3600),
          "BTC-USDT-SWAP",
          "openai/gpt-4o-mini",
          Optional.of(baseline.id()),
          a[i]);
      seed.longRoundTrip(
          day.plusSeconds((4 + 6L * i) * 3600),
          "BTC-USDT-SWAP",
          "anthropic/claude-haiku",
          Optional.of(tight.id()),
          b[i]);
    }
    reasoning.update(
        s ->
            s.withActiveVersion(baseline.id())
                .withChallenger(Optional.of(tight.id()))
                .withAbSplit(Optional.empty()),
        "test");
    return new Arms(baseline, tight, other);
  }

  @BeforeEach
  void setUp() {
    http = new HttpProbe(port);
    arms = seed(jdbc, reasoning, DAY);
  }

  JsonNode champion(String query) {
    HttpResponse<String> r = http.get("/api/evaluation/champion?" + query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }

  HttpResponse<String> promote(String body) {
    return http.postJson("/api/evaluation/promote", body);
  }

  long audits() {
    return jdbc.sql("SELECT COUNT(*) FROM settings_audit").query(Long.class).single();
  }

  @Test
  void
      givenAChallengerThatEarnsMore_whenTheChampionIsAsked_thenBothArmsTheirRowsAndTheVerdictInPlainWordsAreGiven() {
    JsonNode c = champion(PERIOD);

    assertThat(c.path("champion").path("id").asString()).isEqualTo(arms.champion().id().toString());
    assertThat(c.path("champion").path("name").asString()).isEqualTo("baseline");
    assertThat(c.path("challenger").path("name").asString()).isEqualTo("tight");
    assertThat(c.path("champion_row").path("decisions").asInt()).isEqualTo(6);
    assertThat(c.path("champion_row").path("closed_trades").asInt()).isEqualTo(3);
    assertThat(c.path("champion_row").path("win_rate").asDouble()).isEqualTo(2.0 / 3);
    assertThat(c.path("challenger_row").path("expectancy_usdt").decimalValue())
        .isEqualByComparingTo("5");
    assertThat(c.path("challenger_row").path("expectancy_ci95").size()).isEqualTo(2);
    JsonNode comparison = c.path("comparison");
    assertThat(comparison.path("verdict").asString())
        .as("A is the champion, B the challenger")
        .isEqualTo("B beats A (95 % CI of the difference excludes 0)");
    assertThat(comparison.path("kind").asString()).isEqualTo("B_BETTER");
    assertThat(comparison.path("diff_ci95").get(0).asDouble()).isPositive();
    assertThat(c.path("summary").asString())
        .startsWith(
            "the challenger tight beats the champion baseline: it earns more per closed trade");
    assertThat(c.path("source").asString()).isEqualTo("all");
  }

  @Test
  void
      givenAChallengerThatTradesAndIsShadowedToo_whenTheChampionIsAsked_thenItsTradedRowIsComparedWithTheChampion() {
    DecisionLogSeed seed = new DecisionLogSeed(jdbc);
    for (int i = 0;
        i < 4;
        i++) { // the same version as a shadow, losing: listed first, it must not stand in for the
      // traded arm
      seed.paperRoundTrip(
          "shadow: x",
          "shadow",
          DAY.plusSeconds(1800 + i),
          "BTC-USDT-SWAP",
          "anthropic/claude-haiku",
          Optional.of(arms.challenger().id()),
          "-3");
    }

    JsonNode c = champion(PERIOD);

    assertThat(c.path("challenger_row").path("source").asString()).isEqualTo("live");
    assertThat(c.path("challenger_row").path("expectancy_usdt").decimalValue())
        .isEqualByComparingTo("5");
    assertThat(c.path("comparison").path("kind").asString()).isEqualTo("B_BETTER");
  }

  @Test
  void givenNoChallenger_whenTheChampionIsAsked_thenThereIsNoComparisonAndTheSummarySaysWhatToDo() {
    reasoning.update(s -> s.withChallenger(Optional.empty()), "test");

    JsonNode c = champion(PERIOD);

    assertThat(c.path("champion").path("name").asString()).isEqualTo("baseline");
    assertThat(c.path("challenger").isNull()).isTrue();
    assertThat(c.path("comparison").isNull()).isTrue();
    assertThat(c.path("challenger_row").isNull()).isTrue();
    assertThat(c.path("champion_row").path("closed_trades").asInt()).isEqualTo(3);
    assertThat(c.path("summary").asString()).startsWith("no challenger is marked");
  }

  @Test
  void
      givenAChallengerWithoutDecisions_whenAsked_thenItsRowIsNullAndTheSummarySaysItNeedsDecisions() {
    reasoning.update(s -> s.withChallenger(Optional.of(arms.other().id())), "test");

    JsonNode c = champion(PERIOD);

    assertThat(c.path("challenger").path("name").asString()).isEqualTo("other");
    assertThat(c.path("challenger_row").isNull()).isTrue();
    assertThat(c.path("comparison").isNull()).isTrue();
    assertThat(c.path("summary").asString()).contains("has no decisions in this period");
  }

  @Test
  void
      givenTheChallengerAndASplitOfTheTwo_whenPromoted_thenItIsTheChampionTheMarkAndTheSplitAreClearedInOneAuditedChange() {
    reasoning.update(
        s ->
            s.withAbSplit(
                Optional.of(
                    new ReasoningSettings.AbSplit(
                        arms.challenger().id(),
                        arms.champion().id(),
                        ReasoningSettings.AbSplit.Mode.BY_SYMBOL))),
        "test");
    long before = audits();

    HttpResponse<String> r = promote("{\"version_id\":\"" + arms.challenger().id() + "\"}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode settings = json.readTree(http.get("/api/settings").body()).path("reasoning");
    assertThat(settings.path("active_version").asString())
        .isEqualTo(arms.challenger().id().toString());
    assertThat(settings.path("challenger_version").isNull()).isTrue();
    assertThat(settings.has("ab_split"))
        .as("the split was the old champion against the challenger: decided")
        .isFalse();
    assertThat(reasoning.current().abSplit()).isEmpty();
    assertThat(audits()).as("one audited change").isEqualTo(before + 1);
    JsonNode audit = json.readTree(http.get("/api/settings/audit?limit=1").body()).get(0);
    assertThat(audit.path("actor").asString()).isEqualTo("promote by operator");
    assertThat(audit.path("after").asString())
        .contains("\"active_version\":\"" + arms.challenger().id() + "\"");
    JsonNode answer = json.readTree(r.body());
    assertThat(answer.path("champion").path("name").asString())
        .as("the answer is the card after the change")
        .isEqualTo("tight");
    assertThat(answer.path("challenger").isNull()).isTrue();
  }

  @Test
  void givenASplitOnOtherVersions_whenTheChallengerIsPromoted_thenTheSplitStays() {
    ReasoningSettings.AbSplit split =
        new ReasoningSettings.AbSplit(
            arms.champion().id(), arms.other().id(), ReasoningSettings.AbSplit.Mode.BY_CYCLE);
    reasoning.update(s -> s.withAbSplit(Optional.of(split)), "test");

    HttpResponse<String> r = promote("{\"version_id\":\"" + arms.challenger().id() + "\"}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(reasoning.current().activeVersion()).contains(arms.challenger().id());
    assertThat(reasoning.current().challengerVersion()).isEmpty();
    assertThat(reasoning.current().abSplit())
        .as("champion against another version: not this test")
        .contains(split);
  }

  @Test
  void
      givenAVersionThatIsNotTheChallenger_whenPromoted_then409NamesTheChallengerAndNothingChanges() {
    long before = audits();

    HttpResponse<String> r = promote("{\"version_id\":\"" + arms.other().id() + "\"}");

    assertThat(r.statusCode()).isEqualTo(409);
    JsonNode problem = json.readTree(r.body());
    assertThat(problem.path("title").asString()).isEqualTo("not the challenger");
    assertThat(problem.path("detail").asString())
        .contains("the challenger is " + arms.challenger().id());
    assertThat(problem.path("challenger").path("name").asString()).isEqualTo("tight");
    assertThat(problem.path("field").asString()).isEqualTo("version_id");
    assertThat(reasoning.current().activeVersion()).contains(arms.champion().id());
    assertThat(audits()).isEqualTo(before);

    reasoning.update(s -> s.withChallenger(Optional.empty()), "test");
    HttpResponse<String> none = promote("{\"version_id\":\"" + arms.challenger().id() + "\"}");
    assertThat(none.statusCode()).isEqualTo(409);
    assertThat(json.readTree(none.body()).path("detail").asString())
        .startsWith("no challenger is marked");
  }

  @Test
  void givenABadBody_whenPromoted_thenA400NamesTheField() {
    assertBad("{}", "version_id", "version_id is required");
    assertBad("{\"version_id\":\"nope\"}", "version_id", "");
    assertBad("{\"version\":\"" + arms.challenger().id() + "\"}", "version", "");
    assertBad("[]", "", "");
    assertThat(reasoning.current().activeVersion()).contains(arms.champion().id());
  }

  void assertBad(String body, String field, String message) {
    HttpResponse<String> r = promote(body);
    assertThat(r.statusCode()).as(body + " → " + r.body()).isEqualTo(400);
    JsonNode problem = json.readTree(r.body());
    if (!field.isEmpty()) {
      assertThat(problem.path("field").asString()).as(body).isEqualTo(field);
    }
    assertThat(problem.path("detail").asString()).as(body).contains(message);
  }

  @Test
  void givenBadParameters_whenTheChampionIsAsked_thenEachIsA400NamingIt() {
    assertThat(
            json.readTree(http.get("/api/evaluation/champion?source=backtest").body())
                .path("field")
                .asString())
        .isEqualTo("source");
    assertThat(
            json.readTree(http.get("/api/evaluation/champion?group_by=model").body())
                .path("field")
                .asString())
        .isEqualTo("group_by");
    assertThat(http.get("/api/evaluation/champion?from=2026-11-03&to=2026-11-02").statusCode())
        .isEqualTo(400);
    assertThat(json.readTree(http.get("/v3/api-docs").body()).get("paths").propertyNames())
        .contains("/api/evaluation/champion", "/api/evaluation/promote");
  }

  @Test
  void
      givenTheEngineAndLabPages_whenOpened_thenBothShowTheCardWithoutAPasswordFieldWhenThereIsNoLogin() {
    for (String page : new String[] {"/engine", "/lab"}) {
      String html = http.get(page).body();
      assertThat(html)
          .as(page)
          .contains(
              "id=\"champion-card\"",
              "Champion vs challenger",
              "id=\"promote\"",
              "Promote tight to champion")
          .doesNotContain("id=\"promote-password\"");
    }
    assertThat(http.get("/lab/champion").body()).contains("data-src=\"/lab/champion\"");
    assertThat(http.get("/engine/champion").body()).contains("data-src=\"/engine/champion\"");
  }
}
