package io.tai2.reasoning;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.history.RiskLock;
import io.tai2.sim.FakeLlm;
import io.tai2.sim.FakeLlmStrategy;
import io.tai2.sim.SimServer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The fake LLM's strategy reads the prompt tai2 really builds, and its replies pass tai2's own parser. */
class FakeLlmStrategyPromptTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  final FakeLlm llm = new FakeLlm(Clock.systemUTC(), "k");
  final SimServer server = SimServer.llmOnly(llm, 0);

  @AfterEach
  void stop() {
    server.close();
  }

  String reply(Prompt prompt) throws Exception {
    ObjectNode body = JSON.createObjectNode().put("model", "openai/gpt-4o-mini");
    body.putArray("messages")
        .add(JSON.createObjectNode().put("role", "system").put("content", prompt.system()))
        .add(JSON.createObjectNode().put("role", "user").put("content", prompt.user()));
    body.putObject("response_format")
        .put("type", "json_schema")
        .putObject("json_schema")
        .put("name", "tai2_decision")
        .set("schema", ResponseSchema.json());
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + server.port() + "/api/v1/chat/completions"))
                    .header("Authorization", "Bearer k")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body())
        .path("choices")
        .get(0)
        .path("message")
        .path("content")
        .asString();
  }

  static PromptInputs flat() {
    return new PromptInputs(
        "BTC-USDT-SWAP",
        "4H",
        PromptFixtures.NOW,
        PromptFixtures.btc(PromptFixtures.d("60000")),
        Optional.of(PromptFixtures.candles()),
        Optional.empty(),
        GuardrailSettings.defaults(Duration.ofSeconds(900)),
        ExecutionSettings.defaults(),
        List.of(),
        List.<RiskLock>of(),
        PromptText.defaults(),
        "openai/gpt-4o-mini",
        ContextJson.parsed("{\"type\":\"object\"}"));
  }

  @Test
  void
      givenARealFlatPrompt_whenTheAlternateStrategyAnswersTwice_thenTaiParsesABuyThenASellAroundThePromptsPrice()
          throws Exception {
    llm.strategy(
        Optional.of(
            new FakeLlmStrategy(
                FakeLlmStrategy.Kind.ALTERNATE,
                new BigDecimal("1"),
                new BigDecimal("2"),
                new BigDecimal("0.05"))));
    Prompt prompt = new PromptBuilder().build(flat());
    PriceContext price = new PriceContext("BTC-USDT-SWAP", prompt.price(), new BigDecimal("0.1"));

    DecisionOutcome first = new DecisionParser().parse(reply(prompt), price);
    DecisionOutcome second = new DecisionParser().parse(reply(prompt), price);

    assertThat(first)
        .isInstanceOfSatisfying(
            DecisionOutcome.Accepted.class,
            a ->
                assertThat(a.decision())
                    .isInstanceOfSatisfying(
                        Decision.Buy.class,
                        b -> {
                          assertThat(b.stopLoss().orElseThrow())
                              .isEqualByComparingTo(
                                  prompt.price().multiply(new BigDecimal("0.99")));
                          assertThat(b.takeProfit().orElseThrow())
                              .isEqualByComparingTo(
                                  prompt.price().multiply(new BigDecimal("1.02")));
                          assertThat(b.equityPct()).contains(new BigDecimal("0.05"));
                        }));
    assertThat(second)
        .isInstanceOfSatisfying(
            DecisionOutcome.Accepted.class,
            a ->
                assertThat(a.decision())
                    .isInstanceOfSatisfying(
                        Decision.Sell.class,
                        s -> {
                          assertThat(s.stopLoss().orElseThrow()).isGreaterThan(prompt.price());
                          assertThat(s.takeProfit().orElseThrow()).isLessThan(prompt.price());
                        }));
  }

  @Test
  void givenARealPromptWithTheSymbolsPositionOpen_whenTheStrategyAnswers_thenTaiParsesAClose()
      throws Exception {
    llm.strategy(
        Optional.of(
            new FakeLlmStrategy(
                FakeLlmStrategy.Kind.LONG,
                BigDecimal.ONE,
                BigDecimal.TWO,
                new BigDecimal("0.05"))));
    Prompt prompt =
        new PromptBuilder().build(PromptFixtures.inputs()); // the fixture account holds a BTC long

    DecisionOutcome outcome =
        new DecisionParser()
            .parse(
                reply(prompt),
                new PriceContext("BTC-USDT-SWAP", prompt.price(), new BigDecimal("0.1")));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            DecisionOutcome.Accepted.class,
            a -> assertThat(a.decision()).isInstanceOf(Decision.Close.class));
  }
}
