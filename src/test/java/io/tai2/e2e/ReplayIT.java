package io.tai2.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.tai2.config.DatabaseTarget;
import io.tai2.history.CandleRepository;
import io.tai2.history.DecisionRepository;
import io.tai2.history.PromptVersionRepository;
import io.tai2.history.SettingsRepository;
import io.tai2.lab.HistoryDatabase;
import io.tai2.lab.ReplayFixtures;
import io.tai2.reasoning.Prompt;
import io.tai2.reasoning.PromptVersions;
import io.tai2.reasoning.ReasoningSettingsStore;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged {@code tai2 replay} on the embedded database of a fresh working directory holding one recorded live
 * HOLD and the minutes after it, asking the packaged simulator's fake LLM (always long) as another model: the BUY it
 * gives is played to its take-profit; the rerun reads the reply cache only; bad input is one line and exit 2.
 */
class ReplayIT {

  static final String MODEL = "openai/gpt-4o-mini";
  static final Instant T = Instant.parse("2026-11-25T12:00:00Z");
  static final JsonMapper JSON = JsonMapper.builder().build();

  static Run replay(Path workDir, Map<String, String> env, String... args) throws Exception {
    return Run.tai2(workDir, env, "replay", args);
  }

  /** One live HOLD at 12:00 and five minutes that rise through 61,200 (2 % above 60,000) in the second. */
  static void recordOneCycle(Path workDir) {
    String url =
        "jdbc:h2:file:"
            + workDir.resolve("data/tai2").toAbsolutePath()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    // as DatabaseTarget.embedded() opens it from that working directory (user sa)
    try (HikariDataSource ds =
        HistoryDatabase.open(new DatabaseTarget(url, Optional.of("sa"), Optional.empty()))) {
      JdbcClient jdbc = JdbcClient.create(ds);
      Clock clock = Clock.systemUTC();
      ReasoningSettingsStore reasoning =
          new ReasoningSettingsStore(
              new SettingsRepository(jdbc, new TransactionTemplate(new JdbcTransactionManager(ds))),
              clock);
      PromptVersions versions =
          new PromptVersions(new PromptVersionRepository(jdbc), reasoning, clock);
      versions.seedDefault();
      Prompt p = ReplayFixtures.prompt(versions.active().text(), "live/model", T);
      new DecisionRepository(jdbc)
          .insert(
              ReplayFixtures.accepted(
                  UUID.randomUUID(),
                  p,
                  "live/model",
                  "{\"action\":\"HOLD\",\"confidence\":0.4,\"stop_loss\":null,\"take_profit\":null}"));
      new CandleRepository(jdbc)
          .upsert(
              ReplayFixtures.BTC,
              List.of(
                  ReplayFixtures.bar(T, 0, "60000", "60300", "59900", "60200"),
                  ReplayFixtures.bar(T, 1, "60200", "61300", "60100", "61000"),
                  ReplayFixtures.bar(T, 2, "61000", "61100", "60900", "61000"),
                  ReplayFixtures.bar(T, 3, "61000", "61050", "60950", "61000"),
                  ReplayFixtures.bar(T, 4, "61000", "61050", "60950", "61000")));
    }
  }

  @Test
  void
      givenARecordedCycle_whenReplayedOnTheSimulatorsLlmAndAgain_thenTheNewBuyIsPlayedAndTheRerunIsCached(
          @TempDir Path workDir) throws Exception {
    Files.createDirectories(workDir.resolve("data"));
    recordOneCycle(workDir);
    try (Processes processes = new Processes()) {
      int port = Processes.freePort();
      Process sim =
          processes.start(
              "replay-sim",
              List.of("-Xmx384m", "-XX:+UseSerialGC"),
              List.of("sim", "--port", Integer.toString(port), "--llm-strategy", "long"),
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

      Run first =
          replay(
              workDir,
              llm,
              "--from",
              "2026-11-25",
              "--to",
              "2026-11-26",
              "--model",
              MODEL,
              "--out",
              "first.json");
      Run again =
          replay(
              workDir,
              Map.of(),
              "--from",
              "2026-11-25",
              "--to",
              "2026-11-26",
              "--model",
              "cache:" + MODEL,
              "--out",
              "again.json");
      Run backwards =
          replay(
              workDir,
              Map.of(),
              "--from",
              "2026-11-26",
              "--to",
              "2026-11-25",
              "--model",
              MODEL,
              "--out",
              "x.json");

      assertThat(first.exit()).as(first.err()).isZero();
      assertThat(first.out())
          .startsWith("report=first.json cycles=1 skipped=0 agreement=0.0000 live_pnl=0 ")
          .contains("llm_calls=1 cache_hits=0");
      JsonNode cycle =
          JSON.readTree(Files.readString(workDir.resolve("first.json"))).get("cycles").get(0);
      assertThat(cycle.get("live").get("action").asString()).isEqualTo("HOLD");
      JsonNode replayed = cycle.get("new");
      assertThat(replayed.get("action").asString()).isEqualTo("BUY");
      assertThat(replayed.get("model").asString()).isEqualTo(MODEL);
      assertThat(replayed.get("exit_reason").asString()).isEqualTo("take");
      assertThat(replayed.get("exit_price").decimalValue()).isEqualByComparingTo("61200");
      // 1000 USDT long from 60,000 to 61,200: +20 less 0.05 % on both legs (0.50 + 0.51)
      assertThat(replayed.get("pnl").decimalValue())
          .isCloseTo(new BigDecimal("18.99"), Offset.offset(new BigDecimal("1e-9")));

      assertThat(again.exit()).as(again.err()).isZero();
      assertThat(again.out()).contains("cycles=1").contains("llm_calls=0 cache_hits=1 cost_usd=0");
      assertThat(
              JSON.readTree(Files.readString(workDir.resolve("again.json")))
                  .get("cycles")
                  .get(0)
                  .get("new")
                  .get("pnl")
                  .decimalValue())
          .isEqualByComparingTo(replayed.get("pnl").decimalValue());

      assertThat(backwards.exit()).isEqualTo(2);
      assertThat(backwards.err().strip()).startsWith("tai2 replay: --from").doesNotContain("\n");
    }
  }
}
