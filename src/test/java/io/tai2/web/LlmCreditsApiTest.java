package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.DecisionRecord;
import io.tai2.sim.FakeLlm;
import io.tai2.sim.SimServer;
import io.tai2.testsupport.DecisionLogSeed;
import io.tai2.testsupport.HttpProbe;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /llm/credits} against the simulator's fake OpenRouter: the key's limit and usage, the account's credits only
 * with a management key (a plain key gets a note, not an error), today's tai2 spend against the daily budget, and never
 * the key or its label.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=false",
      "TAI2_API_TOKEN=credits-token",
      "DATABASE_URL=jdbc:h2:mem:llm-credits;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class LlmCreditsApiTest {

  static final String KEY = "sk-or-plain-credits-key";
  static final String[] AUTH = {"Authorization", "Bearer credits-token"};
  static FakeLlm llm;
  static SimServer sim;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void fakeLlm(DynamicPropertyRegistry registry) {
    llm = new FakeLlm(Clock.systemUTC(), KEY);
    sim = SimServer.llmOnly(llm, 0);
    registry.add("OPENROUTER_BASE_URL", () -> "http://127.0.0.1:" + sim.port() + "/api/v1");
    registry.add("OPENROUTER_API_KEY", () -> KEY);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private JsonNode credits(HttpProbe http) {
    HttpResponse<String> r = http.get("/llm/credits", AUTH);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body())
        .as("no key and no key label in the answer")
        .doesNotContain(KEY)
        .doesNotContain("tai2 sim key");
    return Json.parse(r.body());
  }

  @Test
  void
      givenAPlainKeyThenAManagementKey_whenCreditsAreAsked_thenKeyFiguresShowAndAccountCreditsOnlyWithTheManagementKey() {
    HttpProbe http = new HttpProbe(port);
    llm.creditLimit(KEY, new BigDecimal("10"));
    Instant midnight = Instant.now().truncatedTo(ChronoUnit.DAYS);
    DecisionLogSeed seed = new DecisionLogSeed(jdbc);
    seed.decision(
        midnight.plusSeconds(1),
        "BTC-USDT-SWAP",
        FakeLlm.DEFAULT_MODEL,
        Optional.empty(),
        "ACCEPTED",
        "HOLD",
        "0.0123",
        900);
    seed.decision(
        midnight.plusSeconds(2),
        "ETH-USDT-SWAP",
        FakeLlm.DEFAULT_MODEL,
        Optional.empty(),
        "ACCEPTED",
        "HOLD",
        "0.0077",
        900,
        DecisionRecord.SHADOW);
    seed.decision(
        midnight.minus(Duration.ofMinutes(5)),
        "BTC-USDT-SWAP",
        FakeLlm.DEFAULT_MODEL,
        Optional.empty(),
        "ACCEPTED",
        "HOLD",
        "5",
        900);
    assertThat(http.putJson("/llm/settings", "{\"daily_cost_budget_usd\":0.05}", AUTH).statusCode())
        .isEqualTo(200);

    JsonNode plain = credits(http);

    assertThat(plain.path("key").path("limit").decimalValue()).isEqualByComparingTo("10");
    assertThat(plain.path("key").path("limit_remaining").decimalValue()).isEqualByComparingTo("10");
    assertThat(plain.path("key").path("usage").decimalValue()).isEqualByComparingTo("0");
    assertThat(plain.path("key_note").isNull()).isTrue();
    assertThat(plain.path("credits").isNull()).as("a plain key may not read /credits").isTrue();
    assertThat(plain.path("credits_note").asString()).startsWith("credits need a management key");
    JsonNode today = plain.path("today");
    assertThat(today.path("since").asString()).isEqualTo(midnight.toString());
    assertThat(today.path("spent_usd").decimalValue())
        .as("today's decisions, shadows included; not yesterday's")
        .isEqualByComparingTo("0.02");
    assertThat(today.path("budget_usd").decimalValue()).isEqualByComparingTo("0.05");
    assertThat(today.path("budget_left_usd").decimalValue()).isEqualByComparingTo("0.03");
    assertThat(today.path("budget_spent").asBoolean()).isFalse();

    llm.managementKey(KEY);
    JsonNode management = credits(http);

    assertThat(management.path("credits").path("total_credits").decimalValue())
        .isEqualByComparingTo("100");
    assertThat(management.path("credits").path("total_usage").decimalValue())
        .isEqualByComparingTo("0");
    assertThat(management.path("credits").path("remaining").decimalValue())
        .isEqualByComparingTo("100");
    assertThat(management.path("credits_note").isNull()).isTrue();
    assertThat(llm.requests()).extracting(c -> c.path()).contains("/api/v1/key", "/api/v1/credits");
  }

  @Test
  void givenNoToken_whenCreditsAreAsked_thenUnauthorizedAndTheEndpointIsNotAsked() {
    int before = llm.requests().size();

    HttpResponse<String> r = new HttpProbe(port).get("/llm/credits");

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(llm.requests()).hasSize(before);
  }
}
