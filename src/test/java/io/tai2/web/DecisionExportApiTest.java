package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.DecisionExportRepository;
import io.tai2.history.DecisionRecord;
import io.tai2.history.DecisionRepository;
import io.tai2.history.ExecutedTrade;
import io.tai2.history.OrderRecord;
import io.tai2.history.OrderRepository;
import io.tai2.history.OrderStatus;
import io.tai2.history.PromptVersion;
import io.tai2.history.PromptVersionRepository;
import io.tai2.history.TradeRepository;
import io.tai2.reasoning.PromptBuilder;
import io.tai2.reasoning.ReasoningEngine;
import io.tai2.testsupport.DecisionLogSeed;
import io.tai2.testsupport.HttpProbe;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/decisions/export.jsonl} on the running service with every secret configured: one line per logged
 * decision in the range with its orders and fills, the filters, 400 problems naming the parameter, and no secret in it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "DATABASE_URL=jdbc:h2:mem:decisionexport;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
      "OKX_API_KEY=okx-key-SECRET1",
      "OKX_SECRET_KEY=okx-secret-SECRET2",
      "OKX_PASSPHRASE=okx-pass-SECRET3",
      "OPENROUTER_API_KEY=sk-or-SECRET4",
      "TAI2_API_TOKEN=token-SECRET6",
    })
class DecisionExportApiTest {

  static final String[] AUTH = {"Authorization", "Bearer token-SECRET6"};
  static final List<String> SECRETS =
      List.of("SECRET1", "SECRET2", "SECRET3", "SECRET4", "SECRET6");
  static final Instant DAY = Instant.parse("2025-03-10T00:00:00Z");
  static final String SYSTEM = "You trade.\n\nCarefully.";
  static final String DECISION_TEXT = "Decide BUY, SELL, HOLD or CLOSE.";
  static final List<String> FIELDS =
      List.of(
          "id",
          "created_at",
          "snapshot_at",
          "snapshot_price",
          "symbol",
          "timeframe",
          "prompt_version_id",
          "model",
          "prompt_hash",
          "version_choice",
          "system_prompt",
          "user_prompt",
          "prompt",
          "context",
          "raw_reply",
          "decision",
          "outcome",
          "rejection_reason",
          "guardrail_verdict",
          "execution_status",
          "llm",
          "orders",
          "fills",
          "outcome_realised",
          "source",
          "paper_fills");
  static final List<String> OUTCOME_FIELDS =
      List.of(
          "pnl_usdt",
          "closed",
          "fees_usdt",
          "funding_usdt",
          "holding_seconds",
          "mfe_pct",
          "mae_pct");

  @LocalServerPort int port;
  @Autowired DecisionRepository decisions;
  @Autowired OrderRepository orders;
  @Autowired TradeRepository trades;
  @Autowired PromptVersionRepository versions;
  @Autowired DecisionExportController controller;
  @Autowired DecisionExportRepository exportRepository;
  @Autowired JdbcClient jdbc;
  HttpProbe http;

  static UUID version;
  static DecisionRecord traded;

  @BeforeEach
  void logSomeDecisions() {
    http = new HttpProbe(port);
    if (version != null) {
      return; // the log is the same for every test
    }
    version = UUID.randomUUID();
    versions.insert(
        new PromptVersion(
            version,
            "export-test",
            SYSTEM,
            DECISION_TEXT,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            DAY.minusSeconds(86_400)));
    decisions.insert(
        decision(
            DAY.minusSeconds(1),
            "BTC-USDT-SWAP",
            "model-a",
            Optional.of(version))); // the day before
    traded = decision(DAY.plusSeconds(3_600), "BTC-USDT-SWAP", "model-a", Optional.of(version));
    decisions.insert(traded);
    decisions.insert(
        decision(DAY.plusSeconds(7_200), "ETH-USDT-SWAP", "model-b", Optional.empty()));
    decisions.insert(
        decision(DAY.plusSeconds(86_399), "BTC-USDT-SWAP", "model-b", Optional.of(version)));
    decisions.insert(
        decision(
            DAY.plusSeconds(86_400),
            "BTC-USDT-SWAP",
            "model-a",
            Optional.of(version))); // the day after
    String clientOrderId = "t2" + traded.id().toString().replace("-", "").substring(0, 30);
    orders.insertIntent(
        new OrderRecord(
            UUID.randomUUID(),
            clientOrderId,
            Optional.of(traded.id()),
            "BTC-USDT-SWAP",
            "buy",
            Optional.empty(),
            "market",
            "cross",
            new BigDecimal("2"),
            Optional.empty(),
            false,
            Optional.of(new BigDecimal("80000")),
            Optional.of(new BigDecimal("90000")),
            OrderStatus.FILLED,
            Optional.of("ex-7"),
            Optional.of(new BigDecimal("84000.5")),
            Optional.of(new BigDecimal("2")),
            Optional.of(new BigDecimal("-0.084")),
            Optional.empty(),
            Optional.empty(),
            traded.createdAt().plusSeconds(1),
            traded.createdAt().plusSeconds(2)));
    trades.insert(
        new ExecutedTrade(
            UUID.randomUUID(),
            traded.createdAt().plusSeconds(2),
            "BTC-USDT-SWAP",
            "BTC-USDT-SWAP",
            "buy",
            new BigDecimal("2"),
            new BigDecimal("84000.5"),
            new BigDecimal("0.02"),
            Optional.of(clientOrderId),
            Optional.empty(),
            Optional.of(BigDecimal.ZERO),
            Optional.of(new BigDecimal("-0.084"))));
  }

  static DecisionRecord decision(Instant at, String symbol, String model, Optional<UUID> version) {
    String context = "{\"symbol\":\"" + symbol + "\",\"market\":{\"last_price\":84000.50}}";
    String prompt =
        SYSTEM
            + ReasoningEngine.LOGGED_PROMPT_JOIN
            + DECISION_TEXT
            + PromptBuilder.CONTEXT_OPENING
            + context
            + PromptBuilder.CONTEXT_CLOSING;
    return new DecisionRecord(
        UUID.randomUUID(),
        at,
        symbol,
        Optional.of("1H"),
        Optional.of(model),
        version,
        Optional.of("abc123"),
        Optional.of(prompt),
        Optional.of("{\"action\":\"BUY\",\"confidence\":0.8}"),
        Optional.of("{\"action\":\"BUY\",\"confidence\":0.8}"),
        "ACCEPTED",
        Optional.empty(),
        Optional.of("{\"approved\":true,\"checks\":[{\"name\":\"leverage\",\"passed\":true}]}"),
        Optional.of(900L),
        Optional.of(1200),
        Optional.of(90),
        Optional.of(new BigDecimal("0.0021")),
        Optional.of(at.minusSeconds(3)),
        Optional.of(new BigDecimal("84000.5")),
        Optional.of("active"),
        Optional.of("filled"));
  }

  HttpResponse<String> export(String query) {
    return http.get("/api/decisions/export.jsonl" + (query.isEmpty() ? "" : "?" + query), AUTH);
  }

  static List<JsonNode> lines(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body())
        .satisfiesAnyOf(b -> assertThat(b).isEmpty(), b -> assertThat(b).endsWith("\n"));
    return Arrays.stream(r.body().split("\n"))
        .filter(l -> !l.isEmpty())
        .map(HttpProbe.JSON::readTree)
        .toList();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void
      givenDecisionsAroundADay_whenThatDayIsExported_thenOneObjectLinePerDecisionOfTheDayOldestFirstAsADownload() {
    HttpResponse<String> r = export("from=2025-03-10&to=2025-03-10");

    List<JsonNode> lines = lines(r);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/x-ndjson");
    assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
        .isEqualTo("attachment; filename=\"tai2-decisions-2025-03-10-2025-03-10.jsonl\"");
    assertThat(lines).hasSize(3);
    assertThat(lines)
        .extracting(l -> l.get("created_at").asString())
        .containsExactly("2025-03-10T01:00:00Z", "2025-03-10T02:00:00Z", "2025-03-10T23:59:59Z");
    for (JsonNode line : lines) {
      assertThat(line.propertyNames()).containsExactlyElementsOf(FIELDS);
      assertThat(line.get("outcome_realised").propertyNames())
          .containsExactlyElementsOf(OUTCOME_FIELDS);
      assertThat(line.get("source").asString()).isEqualTo("live");
      assertThat(line.get("paper_fills").isEmpty()).isTrue();
      assertThat(line.get("context").isObject()).isTrue();
      assertThat(line.get("decision").isObject()).isTrue();
      assertThat(line.get("guardrail_verdict").get("checks").get(0).get("name").asString())
          .isEqualTo("leverage");
      assertThat(line.get("llm").get("prompt_tokens").asInt()).isEqualTo(1200);
    }
    JsonNode first = lines.getFirst();
    assertThat(first.get("id").asString()).isEqualTo(traded.id().toString());
    assertThat(first.get("system_prompt").asString()).isEqualTo(SYSTEM);
    assertThat(first.get("user_prompt").asString())
        .startsWith(DECISION_TEXT + PromptBuilder.CONTEXT_OPENING);
    assertThat(first.get("context").get("market").get("last_price").decimalValue())
        .isEqualByComparingTo("84000.5");
    assertThat(first.get("orders")).hasSize(1);
    assertThat(first.get("orders").get(0).get("status").asString()).isEqualTo("FILLED");
    assertThat(first.get("fills")).hasSize(1);
    assertThat(first.get("fills").get(0).get("price").decimalValue())
        .isEqualByComparingTo("84000.5");
    assertThat(first.get("outcome_realised").get("closed").asBoolean()).isFalse();
    assertThat(first.get("outcome_realised").get("pnl_usdt").isNull()).isTrue();
    assertThat(lines.get(1).get("prompt_version_id").isNull()).isTrue();
    assertThat(lines.get(1).get("orders").isEmpty()).isTrue();
  }

  @Test
  void givenFilters_whenExported_thenVersionModelSymbolAndInstantsEachNarrowTheLines() {
    String day = "from=2025-03-10&to=2025-03-10&";
    assertThat(lines(export(day + "version=" + version)))
        .extracting(l -> l.get("created_at").asString())
        .containsExactly("2025-03-10T01:00:00Z", "2025-03-10T23:59:59Z");
    assertThat(lines(export(day + "model=model-b")))
        .extracting(l -> l.get("model").asString())
        .containsExactly("model-b", "model-b");
    assertThat(lines(export(day + "symbol=eth-usdt-swap")))
        .extracting(l -> l.get("symbol").asString())
        .containsExactly("ETH-USDT-SWAP");
    assertThat(lines(export(day + "symbol=XRP-USDT-SWAP"))).isEmpty();
    assertThat(
            lines(
                export(
                    "from=" + enc("2025-03-10T01:00:00Z") + "&to=" + enc("2025-03-10T02:00:00Z"))))
        .hasSize(1);
    assertThat(
            lines(
                export(
                    "from=" + enc("2025-03-09T23:59:59Z") + "&to=" + enc("2025-03-11T00:00:01Z"))))
        .hasSize(5);
    assertThat(lines(export(day + "include_shadow=true")))
        .as("that day has no shadow decisions")
        .hasSize(3);
    assertThat(lines(export(day + "include_shadow=FALSE"))).hasSize(3);
  }

  @Test
  void givenNoRange_whenExported_thenItIsTheLast30Days() {
    decisions.insert(
        decision(
            Instant.now().minus(Duration.ofHours(1)),
            "DEF-USDT-SWAP",
            "model-a",
            Optional.empty()));
    decisions.insert(
        decision(
            Instant.now().minus(Duration.ofDays(31)),
            "DEF-USDT-SWAP",
            "model-a",
            Optional.empty()));

    HttpResponse<String> r = export("symbol=DEF-USDT-SWAP");

    assertThat(lines(r)).hasSize(1);
    assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
        .matches(
            "attachment; filename=\"tai2-decisions-\\d{4}-\\d\\d-\\d\\d-\\d{4}-\\d\\d-\\d\\d\\.jsonl\"");
  }

  @Test
  void givenBadParameters_whenExported_thenA400ProblemNamesEachAndNothingIsStreamed() {
    String longModel = "m".repeat(201);
    String[][] cases = {
      {"from=2025-13-01", "from"},
      {"to=yesterday", "to"},
      {"from=2025-03-11&to=2025-03-10", "from"},
      {"from=" + enc("2025-03-10T02:00:00Z") + "&to=" + enc("2025-03-10T01:00:00Z"), "from"},
      {"from=1999-12-31", "from"},
      {"to=" + enc("+999999999-12-31"), "to"},
      {"version=not-a-uuid", "version"},
      {"version=1-2-3-4-5", "version"},
      {"model=" + longModel, "model"},
      {"symbol=" + enc("BTC' OR 1=1 --"), "symbol"},
      {"include_shadow=maybe", "include_shadow"},
    };
    for (String[] c : cases) {
      HttpResponse<String> r = export(c[0]);
      assertThat(r.statusCode()).as(c[0] + " → " + r.body()).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type").orElseThrow())
          .as(c[0])
          .startsWith("application/problem+json");
      assertThat(HttpProbe.JSON.readTree(r.body()).get("field").asString())
          .as(c[0])
          .isEqualTo(c[1]);
    }
  }

  @Test
  void givenEverySecretConfigured_whenExported_thenTheTokenIsNeededAndNoSecretAppears() {
    assertThat(http.get("/api/decisions/export.jsonl").statusCode()).isEqualTo(401);

    HttpResponse<String> r = export("from=2025-03-01&to=2025-03-31");

    assertThat(lines(r)).hasSize(5);
    assertThat(r.body() + r.headers().map()).doesNotContain(SECRETS);
  }

  @Test
  void givenMoreDecisionsThanTheCap_whenWritten_thenALastLineSaysItWasCutAndWhereToGoOn()
      throws Exception {
    var selection = controller.selection("2025-03-10", "2025-03-10", null, null, null);
    StringWriter out = new StringWriter();

    int written =
        controller.write(
            out,
            selection,
            exportRepository.page(selection, Optional.empty(), DecisionExportController.PAGE),
            2);

    List<String> lines = out.toString().lines().toList();
    assertThat(written).isEqualTo(2);
    assertThat(lines).hasSize(3);
    JsonNode cut = HttpProbe.JSON.readTree(lines.get(2));
    assertThat(cut.get("truncated").asBoolean()).isTrue();
    assertThat(cut.get("lines").asInt()).isEqualTo(2);
    assertThat(cut.get("next_from").asString()).isEqualTo("2025-03-10T23:59:59Z");
  }

  @Test
  void
      givenTheLabPage_whenItsDownloadFormIsSentAsABrowserSendsIt_thenTheExportAnswersWithTheDays() {
    HttpResponse<String> lab = http.get("/lab");
    assertThat(lab.statusCode()).isEqualTo(200);
    assertThat(lab.body())
        .contains(
            "<form id=\"lab-export\" class=\"filters\" method=\"get\" action=\"/api/decisions/export.jsonl\">",
            "name=\"from\" id=\"lab-export-from\"",
            "name=\"to\" id=\"lab-export-to\"",
            "name=\"version\" id=\"lab-export-version\"",
            "<option value=\"" + version + "\">export-test</option>",
            "<input type=\"checkbox\" name=\"include_shadow\" value=\"true\" id=\"lab-export-shadow\">");

    // a browser sends every field, the empty ones as "name="
    assertThat(lines(export("from=2025-03-10&to=2025-03-10&version="))).hasSize(3);
    assertThat(lines(export("from=2025-03-10&to=2025-03-10&version=&include_shadow=true")))
        .hasSize(3); // the box ticked
    assertThat(
            lines(export("from=&to=&version=" + version)).stream()
                .map(l -> l.get("created_at").asString()))
        .noneMatch(t -> t.startsWith("2025"));
  }

  @Test
  void
      givenLivePaperAndShadowDecisions_whenExported_thenShadowsOnlyWhenAskedAndThePaperLineHasItsPaperFillsAndRoundTrip() {
    DecisionLogSeed seed = new DecisionLogSeed(jdbc);
    Instant day = Instant.parse("2025-04-10T00:00:00Z");
    UUID live =
        seed.decision(
            day.plusSeconds(3_600),
            "SOL-USDT-SWAP",
            "model-a",
            Optional.empty(),
            "ACCEPTED",
            "BUY",
            "0.01",
            1000);
    UUID paper =
        seed.paperRoundTrip(
            "paper",
            DecisionRecord.PAPER,
            day.plusSeconds(7_200),
            "SOL-USDT-SWAP",
            "model-a",
            Optional.empty(),
            "4.5");
    UUID shadow =
        seed.paperRoundTrip(
            "shadow: model-b @ x",
            DecisionRecord.SHADOW,
            day.plusSeconds(10_800),
            "SOL-USDT-SWAP",
            "model-b",
            Optional.empty(),
            "-1.5");
    String range = "from=2025-04-10&to=2025-04-10";

    List<JsonNode> lines = lines(export(range));
    List<JsonNode> withShadows = lines(export(range + "&include_shadow=true"));

    Integer logged =
        jdbc.sql(
                "SELECT COUNT(*) FROM decisions WHERE source IN ('live', 'paper') AND created_at >= ? AND created_at < ?")
            .params(day.atOffset(ZoneOffset.UTC), day.plusSeconds(86_400).atOffset(ZoneOffset.UTC))
            .query(Integer.class)
            .single();
    assertThat(lines)
        .hasSize(logged)
        .extracting(l -> l.get("id").asString())
        .containsExactly(live.toString(), paper.toString());
    assertThat(lines).extracting(l -> l.get("source").asString()).containsExactly("live", "paper");
    assertThat(withShadows)
        .extracting(l -> l.get("id").asString())
        .containsExactly(live.toString(), paper.toString(), shadow.toString());
    assertThat(withShadows.get(2).get("source").asString()).isEqualTo("shadow");
    for (JsonNode line : withShadows) {
      assertThat(line.propertyNames()).containsExactlyElementsOf(FIELDS);
      assertThat(line.get("outcome_realised").propertyNames())
          .containsExactlyElementsOf(OUTCOME_FIELDS);
    }

    JsonNode p = lines.get(1);
    assertThat(p.get("orders").isEmpty()).isTrue();
    assertThat(p.get("fills").isEmpty()).isTrue();
    assertThat(p.get("paper_fills")).hasSize(2);
    JsonNode entry = p.get("paper_fills").get(0);
    JsonNode exit = p.get("paper_fills").get(1);
    assertThat(entry.propertyNames())
        .containsExactly(
            "round_trip_id", "book", "kind", "side", "time", "price", "contracts", "reason");
    assertThat(entry.get("book").asString()).isEqualTo("paper");
    assertThat(entry.get("kind").asString()).isEqualTo("entry");
    assertThat(entry.get("side").asString()).isEqualTo("long");
    assertThat(entry.get("time").asString()).isEqualTo("2025-04-10T02:00:01Z");
    assertThat(entry.get("price").toString()).isEqualTo("100");
    assertThat(entry.get("contracts").toString()).isEqualTo("1");
    assertThat(entry.get("reason").isNull()).isTrue();
    assertThat(exit.get("kind").asString()).isEqualTo("exit");
    assertThat(exit.get("time").asString()).isEqualTo("2025-04-10T03:00:00Z");
    assertThat(exit.get("price").toString()).isEqualTo("95");
    assertThat(exit.get("reason").asString()).isEqualTo("stop");
    assertThat(exit.get("round_trip_id").asString())
        .isEqualTo(entry.get("round_trip_id").asString());
    assertThat(p.get("outcome_realised").toString())
        .isEqualTo(
            "{\"pnl_usdt\":4.5,\"closed\":true,\"fees_usdt\":-0.1,\"funding_usdt\":0,\"holding_seconds\":3599,\"mfe_pct\":1,\"mae_pct\":-5}");

    assertThat(withShadows.get(2).get("paper_fills").get(0).get("book").asString())
        .isEqualTo("shadow: model-b @ x");
    assertThat(withShadows.get(2).get("outcome_realised").get("pnl_usdt").decimalValue())
        .isEqualByComparingTo("-1.5");
    assertThat(lines.getFirst().get("paper_fills").isEmpty()).isTrue();
    assertThat(lines.getFirst().get("outcome_realised").toString())
        .isEqualTo(
            "{\"pnl_usdt\":null,\"closed\":false,\"fees_usdt\":null,\"funding_usdt\":null,\"holding_seconds\":null,\"mfe_pct\":null,\"mae_pct\":null}");
    assertThat(String.join("\n", withShadows.stream().map(JsonNode::toString).toList()))
        .doesNotContain(SECRETS);
  }
}
