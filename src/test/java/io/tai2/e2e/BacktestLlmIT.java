package io.tai2.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.SettingsRepository;
import io.tai2.reasoning.ReasoningSettingsStore;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged {@code tai2 backtest} with an LLM decider against the packaged simulator's fake LLM, in a fresh working
 * directory whose embedded database holds the reply cache: the first run asks the LLM once per decision and records
 * prompt and reply; a {@code cache:} rerun without an API key decides the same from the cache alone; a {@code cache:}
 * run that needs a prompt never asked ends with the miss; a run whose estimate is over the saved daily budget is
 * refused before its first call; a key the LLM rejects ends the run instead of filling the report with failed calls; a
 * cut-off reply is a rejected decision and is not cached (a rerun asks again rather than reading half a reply).
 */
class BacktestLlmIT {

  private static final Path CANDLES =
      Path.of("src/test/resources/data/unittest-btc-1m.json").toAbsolutePath();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String MODEL = "openai/gpt-4o-mini";

  /** The file ends 2017-11-14T22:59Z: two days of 4H decisions, each one with the 4H history before it. */
  private static final String FROM = "2017-11-13T00:00:00Z";

  /** {@code tai2 backtest} in {@code workDir} with exactly the LLM variables given (none inherited). */
  static Run backtest(Path workDir, Map<String, String> llmEnv, String... args) throws Exception {
    return Run.tai2(workDir, llmEnv, "backtest", args);
  }

  private static List<String> timeActionVerdict(JsonNode report) {
    List<String> rows = new ArrayList<>();
    report
        .get("decisions")
        .forEach(
            d ->
                rows.add(
                    d.get("time").asString()
                        + " "
                        + d.get("action").asString()
                        + " "
                        + d.get("verdict").asString()));
    return rows;
  }

  private static long chatRequests(HttpClient http, int port) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/__sim/llm/requests"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    long n = 0;
    for (JsonNode row : JSON.readTree(r.body())) {
      n += row.get("path").asString().endsWith("/chat/completions") ? 1 : 0;
    }
    return n;
  }

  /** Saves a daily LLM budget in the working directory's embedded database, as the CFG page would. */
  private static void saveDailyBudget(Path workDir, String usd) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(
        "jdbc:h2:file:"
            + workDir.resolve("data/tai2").toAbsolutePath()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    ds.setUser("sa");
    SettingsRepository settings =
        new SettingsRepository(
            JdbcClient.create(ds), new TransactionTemplate(new JdbcTransactionManager(ds)));
    new ReasoningSettingsStore(settings, Clock.systemUTC())
        .update(s -> s.withDailyCostBudget(new BigDecimal(usd)), "BacktestLlmIT");
  }

  @Test
  void
      givenTheFakeLlm_whenAnLlmRunIsRepeatedFromTheCache_thenTheDecisionsAreTheSameAndAMissEndsTheRun(
          @TempDir Path workDir) throws Exception {
    try (Processes processes = new Processes()) {
      int port = Processes.freePort();
      Process sim =
          processes.start(
              "llm-sim",
              List.of("-Xmx384m", "-XX:+UseSerialGC"),
              List.of("sim", "--port", Integer.toString(port), "--llm-strategy", "alternate"),
              Map.of());
      HttpClient http = HttpClient.newHttpClient();
      Processes.await(
          "the simulator answers",
          Duration.ofSeconds(60),
          sim,
          () -> Processes.status(http, "http://127.0.0.1:" + port + "/api/v5/public/time") == 200);
      Map<String, String> llm =
          Map.of(
              "OPENROUTER_BASE_URL",
              "http://127.0.0.1:" + port + "/api/v1",
              "OPENROUTER_API_KEY",
              "sim-llm-key");

      Run asked =
          backtest(
              workDir,
              llm,
              "--candles",
              "BTC-USDT-SWAP=" + CANDLES,
              "--from",
              FROM,
              "--every",
              "4H",
              "--decider",
              "llm:" + MODEL,
              "--out",
              "a.json");

      assertThat(asked.exit()).as(asked.err()).isZero();
      JsonNode a = BacktestIT.checkedReport(workDir.resolve("a.json"));
      int decisions = a.get("decisions").size();
      assertThat(decisions).as("a decision every 4 hours of two days").isBetween(10, 12);
      assertThat(a.get("parameters").get("decider").asString()).isEqualTo("llm:" + MODEL);
      assertThat(a.get("metrics").get("llm_calls").asLong()).isEqualTo(decisions);
      assertThat(a.get("metrics").get("cache_hits").asLong()).isZero();
      assertThat(a.get("metrics").get("llm_cost_usd").decimalValue())
          .as("priced from the fake's usage")
          .isPositive();
      assertThat(chatRequests(http, port)).as("one chat request per decision").isEqualTo(decisions);
      for (JsonNode d : a.get("decisions")) {
        assertThat(d.get("prompt").asString())
            .as("the prompt of %s", d.get("time"))
            .contains("BTC-USDT-SWAP")
            .contains("```json");
        assertThat(JSON.readTree(d.get("reply").asString()).get("action").asString())
            .isEqualTo(d.get("action").asString());
      }
      assertThat(a.get("decisions"))
          .as("the fake's entries pass the guardrails")
          .anyMatch(
              d ->
                  d.get("verdict").asString().equals("approved")
                      && d.get("action").asString().matches("BUY|SELL"));
      assertThat(a.get("trades").size()).isPositive();

      Run cached =
          backtest(
              workDir,
              Map.of(),
              "--candles",
              "BTC-USDT-SWAP=" + CANDLES,
              "--from",
              FROM,
              "--every",
              "4H",
              "--decider",
              "cache:" + MODEL,
              "--out",
              "b.json");

      assertThat(cached.exit()).as(cached.err()).isZero();
      JsonNode b = BacktestIT.checkedReport(workDir.resolve("b.json"));
      assertThat(timeActionVerdict(b)).isEqualTo(timeActionVerdict(a));
      assertThat(b.get("metrics").get("llm_calls").asLong()).isZero();
      assertThat(b.get("metrics").get("cache_hits").asLong()).isEqualTo(decisions);
      assertThat(b.get("metrics").get("llm_cost_usd").decimalValue()).isZero();
      assertThat(b.get("metrics").get("final_equity").decimalValue())
          .isEqualByComparingTo(a.get("metrics").get("final_equity").decimalValue());
      assertThat(b.get("decisions").get(0).get("reply").asString())
          .isEqualTo(a.get("decisions").get(0).get("reply").asString());
      assertThat(chatRequests(http, port)).as("the cache run asked nothing").isEqualTo(decisions);

      Run missed =
          backtest(
              workDir,
              Map.of(),
              "--candles",
              "BTC-USDT-SWAP=" + CANDLES,
              "--from",
              "2017-11-12T00:00:00Z",
              "--every",
              "4H",
              "--decider",
              "cache:" + MODEL,
              "--out",
              "c.json");

      assertThat(missed.exit()).as(missed.err()).isEqualTo(2);
      assertThat(missed.err().strip())
          .doesNotContain("\n")
          .doesNotContain("Exception")
          .startsWith(
              "tai2 backtest: --decider cache: no cached reply of "
                  + MODEL
                  + " for BTC-USDT-SWAP at 2017-11-12T")
          .contains("--decider llm:" + MODEL);
      assertThat(workDir.resolve("c.json")).doesNotExist();

      saveDailyBudget(workDir, "0.01");
      Run overBudget =
          backtest(
              workDir,
              llm,
              "--candles",
              "BTC-USDT-SWAP=" + CANDLES,
              "--from",
              "2017-11-12T00:00:00Z",
              "--every",
              "4H",
              "--decider",
              "llm:" + MODEL,
              "--out",
              "d.json");

      assertThat(overBudget.exit()).as(overBudget.err()).isEqualTo(2);
      // 17 decisions × (7,000 prompt tokens at 0.15 USD/M + 300 reply tokens at 0.60 USD/M) =
      // 0.02091 → 0.0210
      assertThat(overBudget.err().strip())
          .doesNotContain("\n")
          .isEqualTo(
              "tai2 backtest: this run would ask "
                  + MODEL
                  + " about 17 times (~119000 prompt and ~5100 completion tokens, about"
                  + " 0.0210 USD), over the daily LLM budget of 0.01 USD; give --max-cost USD to allow it");
      assertThat(chatRequests(http, port)).as("refused before its first call").isEqualTo(decisions);

      Run wrongKey =
          backtest(
              workDir,
              Map.of(
                  "OPENROUTER_BASE_URL",
                  "http://127.0.0.1:" + port + "/api/v1",
                  "OPENROUTER_API_KEY",
                  "not-the-key"),
              "--candles",
              "BTC-USDT-SWAP=" + CANDLES,
              "--from",
              "2017-11-12T00:00:00Z",
              "--every",
              "4H",
              "--decider",
              "llm:" + MODEL,
              "--max-cost",
              "1",
              "--out",
              "e.json");

      assertThat(wrongKey.exit()).as(wrongKey.err()).isEqualTo(2);
      // the estimate is announced before the first call; the refusal that ends the run is then the
      // one error line
      List<String> said = wrongKey.err().strip().lines().toList();
      assertThat(said).hasSize(2);
      assertThat(said.getFirst()).startsWith("LLM " + MODEL + ": at most 17 calls");
      assertThat(said.getLast())
          .startsWith("tai2 backtest: ")
          .contains("OPENROUTER_API_KEY")
          .doesNotContain("Exception");
      assertThat(chatRequests(http, port))
          .as("the first refusal ended the run")
          .isEqualTo(decisions + 1);
      assertThat(workDir.resolve("e.json")).doesNotExist();

      HttpResponse<String> armed =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/__sim/llm/faults"))
                  .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"truncated\"}"))
                  .header("Content-Type", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(armed.statusCode()).as(armed.body()).isEqualTo(200);
      Run cutOff =
          backtest(
              workDir,
              llm,
              "--candles",
              "BTC-USDT-SWAP=" + CANDLES,
              "--from",
              "2017-11-14T00:00:00Z",
              "--every",
              "4H",
              "--decider",
              "llm:" + MODEL,
              "--out",
              "f.json");

      assertThat(cutOff.exit()).as(cutOff.err()).isZero();
      JsonNode f = BacktestIT.checkedReport(workDir.resolve("f.json"));
      JsonNode first = f.get("decisions").get(0);
      assertThat(first.get("verdict").asString()).isEqualTo("rejected");
      assertThat(first.get("reason").asString()).isEqualTo("the reply was cut off");

      Run cutOffFromCache =
          backtest(
              workDir,
              Map.of(),
              "--candles",
              "BTC-USDT-SWAP=" + CANDLES,
              "--from",
              "2017-11-14T00:00:00Z",
              "--every",
              "4H",
              "--decider",
              "cache:" + MODEL,
              "--out",
              "g.json");

      assertThat(cutOffFromCache.exit())
          .as("a cut-off reply is not cached: %s", cutOffFromCache.err())
          .isEqualTo(2);
      assertThat(cutOffFromCache.err().strip())
          .startsWith(
              "tai2 backtest: --decider cache: no cached reply of "
                  + MODEL
                  + " for BTC-USDT-SWAP at "
                  + first.get("time").asString());
    }
  }
}
