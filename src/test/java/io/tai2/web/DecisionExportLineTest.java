package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.DecisionExportRepository.Traced;
import io.tai2.history.DecisionRecord;
import io.tai2.history.ExecutedTrade;
import io.tai2.history.OrderRecord;
import io.tai2.history.OrderStatus;
import io.tai2.history.PaperTrade;
import io.tai2.reasoning.PromptBuilder;
import io.tai2.reasoning.ReasoningEngine;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** One export line from plain records: the prompt split where it was joined, the context found exactly, the outcome summed. */
class DecisionExportLineTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final String SYSTEM = "You trade.\n\nA second paragraph.";
  static final String CONTEXT =
      "{\"symbol\":\"BTC-USDT-SWAP\",\"market\":{\"last_price\":91234.50,\"note\":\"a \\\"quoted\\\" line\\n```\"}}";
  static final String DECISION = "Decide.\n\nCarefully.";
  static final Optional<DecisionExportLine.PromptTexts> TEXTS =
      Optional.of(new DecisionExportLine.PromptTexts(SYSTEM, DECISION));
  static final String USER =
      DECISION + PromptBuilder.CONTEXT_OPENING + CONTEXT + PromptBuilder.CONTEXT_CLOSING;
  static final String LOGGED = SYSTEM + ReasoningEngine.LOGGED_PROMPT_JOIN + USER;

  static DecisionRecord decision(String prompt, String decisionJson) {
    return decision(prompt, decisionJson, DecisionRecord.LIVE);
  }

  static DecisionRecord decision(String prompt, String decisionJson, String source) {
    return new DecisionRecord(
        UUID.randomUUID(),
        T0,
        "BTC-USDT-SWAP",
        Optional.of("1H"),
        Optional.of("m"),
        Optional.empty(),
        Optional.of("h"),
        Optional.of(prompt),
        Optional.of("{\"action\":\"BUY\"}"),
        Optional.of(decisionJson),
        "ACCEPTED",
        Optional.empty(),
        Optional.of("{\"approved\":true,\"checks\":[]}"),
        Optional.of(1500L),
        Optional.of(1000),
        Optional.empty(),
        Optional.of(new BigDecimal("0.00120")),
        Optional.of(T0.minusSeconds(4)),
        Optional.of(new BigDecimal("91234.50")),
        Optional.of("active"),
        Optional.empty(),
        source);
  }

  /** A shadow's short round trip entered by {@code entry}: open, or closed by its stop or by the CLOSE decision given. */
  static PaperTrade paperTrip(UUID entry, Optional<UUID> closeDecision, boolean closed) {
    return new PaperTrade(
        UUID.randomUUID(),
        "shadow: m @ v",
        "BTC-USDT-SWAP",
        "short",
        new BigDecimal("3"),
        new BigDecimal("0.03"),
        BigDecimal.TEN,
        T0.plusSeconds(1),
        new BigDecimal("91240"),
        Optional.empty(),
        Optional.empty(),
        entry,
        closed ? Optional.of(T0.plusSeconds(121)) : Optional.empty(),
        closed ? Optional.of(new BigDecimal("91000")) : Optional.empty(),
        closed ? Optional.of(closeDecision.isPresent() ? "close" : "stop") : Optional.empty(),
        closeDecision,
        Optional.of(new BigDecimal(closed ? "0.2" : "0.1")),
        closed ? Optional.of(new BigDecimal("-0.03")) : Optional.empty(),
        closed ? Optional.of(new BigDecimal("7.2")) : Optional.empty(),
        closed ? Optional.of(new BigDecimal("6.97")) : Optional.empty(),
        closed ? Optional.of(new BigDecimal("0.40")) : Optional.empty(),
        closed ? Optional.of(new BigDecimal("-0.1")) : Optional.empty());
  }

  static OrderRecord order(UUID decision, String id, boolean reduceOnly) {
    return new OrderRecord(
        UUID.randomUUID(),
        id,
        Optional.of(decision),
        "BTC-USDT-SWAP",
        "buy",
        Optional.empty(),
        "market",
        "cross",
        new BigDecimal("3"),
        Optional.empty(),
        reduceOnly,
        Optional.of(new BigDecimal("90000")),
        Optional.empty(),
        OrderStatus.FILLED,
        Optional.empty(),
        Optional.of(new BigDecimal("91240")),
        Optional.of(new BigDecimal("3")),
        Optional.of(new BigDecimal("-0.1")),
        Optional.empty(),
        Optional.empty(),
        T0,
        T0);
  }

  static ExecutedTrade fill(String clientOrderId, String pnl) {
    return new ExecutedTrade(
        UUID.randomUUID(),
        T0.plusSeconds(1),
        "BTC-USDT-SWAP",
        "BTC-USDT-SWAP",
        "buy",
        new BigDecimal("3"),
        new BigDecimal("91240"),
        new BigDecimal("0.03"),
        Optional.of(clientOrderId),
        Optional.empty(),
        Optional.ofNullable(pnl).map(BigDecimal::new),
        Optional.of(new BigDecimal("-0.1")));
  }

  @Test
  void givenASystemPromptWithABlankLine_whenSplitWithItsText_thenTheSplitIsWhereTheyWereJoined() {
    assertThat(DecisionExportLine.split(LOGGED, TEXTS))
        .contains(new DecisionExportLine.SplitPrompt(SYSTEM, USER));
  }

  @Test
  void givenAnUnknownOrDifferentSystemPrompt_whenSplit_thenThereIsNoSplitRatherThanAWrongOne() {
    assertThat(DecisionExportLine.split(LOGGED, Optional.empty())).isEmpty();
    assertThat(
            DecisionExportLine.split(
                LOGGED, Optional.of(new DecisionExportLine.PromptTexts("You trade.", DECISION))))
        .isEmpty();
    assertThat(
            DecisionExportLine.split(
                LOGGED, Optional.of(new DecisionExportLine.PromptTexts(SYSTEM, "Decide."))))
        .isEmpty();
  }

  @Test
  void
      givenALoggedPrompt_whenItsContextIsExtracted_thenItIsTheObjectExactlyAsSentWithNumbersKept() {
    JsonNode context = DecisionExportLine.context(LOGGED).orElseThrow();

    assertThat(DecisionExportLine.MAPPER.writeValueAsString(context)).isEqualTo(CONTEXT);
    assertThat(context.at("/market/note").asString()).isEqualTo("a \"quoted\" line\n```");
  }

  @Test
  void givenAPromptWithoutAWholeContextBlock_whenExtracted_thenNothingIsGuessed() {
    assertThat(DecisionExportLine.context("no context here")).isEmpty();
    assertThat(DecisionExportLine.context(LOGGED.substring(0, LOGGED.length() - 5))).isEmpty();
    assertThat(
            DecisionExportLine.context(
                "x" + PromptBuilder.CONTEXT_OPENING + "[1,2]" + PromptBuilder.CONTEXT_CLOSING))
        .isEmpty();
    assertThat(
            DecisionExportLine.context(
                "x" + PromptBuilder.CONTEXT_OPENING + "{} {}" + PromptBuilder.CONTEXT_CLOSING))
        .isEmpty();
  }

  @Test
  void givenADecisionThatNeverTraded_whenWritten_thenEveryFieldIsThereAndNothingIsRealised() {
    DecisionRecord d = decision(LOGGED, "{\"action\":\"HOLD\",\"confidence\":0.55}");

    JsonNode line = DecisionExportLine.of(new Traced(d, List.of(), List.of()), TEXTS);

    assertThat(line.get("id").asString()).isEqualTo(d.id().toString());
    assertThat(line.get("system_prompt").asString()).isEqualTo(SYSTEM);
    assertThat(line.get("user_prompt").asString()).isEqualTo(USER);
    assertThat(line.get("prompt").isNull()).isTrue();
    assertThat(line.get("context").at("/symbol").asString()).isEqualTo("BTC-USDT-SWAP");
    assertThat(line.get("decision").get("confidence").decimalValue()).isEqualByComparingTo("0.55");
    assertThat(line.get("guardrail_verdict").get("approved").asBoolean()).isTrue();
    assertThat(line.get("snapshot_price").toString()).isEqualTo("91234.5");
    assertThat(line.get("llm").toString())
        .isEqualTo(
            "{\"latency_ms\":1500,\"prompt_tokens\":1000,\"completion_tokens\":null,\"cost_usd\":0.0012}");
    assertThat(line.get("orders").isEmpty()).isTrue();
    assertThat(line.get("fills").isEmpty()).isTrue();
    assertThat(line.get("outcome_realised").toString())
        .isEqualTo(
            "{\"pnl_usdt\":null,\"closed\":false,\"fees_usdt\":null,\"funding_usdt\":null,\"holding_seconds\":null,\"mfe_pct\":null,\"mae_pct\":null}");
  }

  @Test
  void givenAnUnsplittablePrompt_whenWritten_thenTheWholePromptIsKeptAndTheContextStillFound() {
    JsonNode line =
        DecisionExportLine.of(
            new Traced(decision(LOGGED, "{}"), List.of(), List.of()), Optional.empty());

    assertThat(line.get("system_prompt").isNull()).isTrue();
    assertThat(line.get("user_prompt").isNull()).isTrue();
    assertThat(line.get("prompt").asString()).isEqualTo(LOGGED);
    assertThat(line.get("context").isObject()).isTrue();
  }

  @Test
  void givenAnEntryOnlyFill_whenWritten_thenItIsNotClosedButItsFeeCounts() {
    DecisionRecord d = decision(LOGGED, "{}");
    JsonNode line =
        DecisionExportLine.of(
            new Traced(d, List.of(order(d.id(), "t2a", false)), List.of(fill("t2a", "0"))), TEXTS);

    assertThat(line.get("outcome_realised").toString())
        .isEqualTo(
            "{\"pnl_usdt\":null,\"closed\":false,\"fees_usdt\":-0.1,\"funding_usdt\":null,\"holding_seconds\":null,\"mfe_pct\":null,\"mae_pct\":null}");
    assertThat(line.get("orders").get(0).get("client_order_id").asString()).isEqualTo("t2a");
    assertThat(line.get("orders").get(0).get("contracts").toString()).isEqualTo("3");
    assertThat(line.get("fills").get(0).get("size").toString()).isEqualTo("3");
  }

  @Test
  void givenAReduceOnlyExit_whenWritten_thenItIsClosedWithTheSumOfItsFillsPnl() {
    DecisionRecord d = decision(LOGGED, "{}");
    JsonNode line =
        DecisionExportLine.of(
            new Traced(d, List.of(order(d.id(), "t2x", true)), List.of(fill("t2x", "-4.25"))),
            TEXTS);

    assertThat(line.get("outcome_realised").toString())
        .isEqualTo(
            "{\"pnl_usdt\":-4.25,\"closed\":true,\"fees_usdt\":-0.1,\"funding_usdt\":null,\"holding_seconds\":null,\"mfe_pct\":null,\"mae_pct\":null}");
  }

  @Test
  void
      givenAnOpenPaperRoundTrip_whenItsEntryDecisionIsWritten_thenItsEntryPaperFillShowsAndOnlyTheEntryFeeIsRealised() {
    DecisionRecord d = decision(LOGGED, "{}", DecisionRecord.SHADOW);
    PaperTrade trip = paperTrip(d.id(), Optional.empty(), false);

    JsonNode line =
        DecisionExportLine.of(new Traced(d, List.of(), List.of(), List.of(trip)), TEXTS);

    assertThat(line.get("source").asString()).isEqualTo("shadow");
    assertThat(line.get("paper_fills").toString())
        .isEqualTo(
            "[{\"round_trip_id\":\""
                + trip.id()
                + "\",\"book\":\"shadow: m @ v\",\"kind\":\"entry\","
                + "\"side\":\"short\",\"time\":\"2026-12-01T10:00:01Z\",\"price\":91240,\"contracts\":3,\"reason\":null}]");
    assertThat(line.get("outcome_realised").toString())
        .isEqualTo(
            """
        {"pnl_usdt":null,"closed":false,"fees_usdt":-0.1,"funding_usdt":null,"holding_seconds":null,"mfe_pct":null,"mae_pct":null}""");
  }

  @Test
  void
      givenAPaperRoundTripEndedByACloseDecision_whenBothAreWritten_thenTheEntryOwnsTheOutcomeAndTheCloseShowsOnlyItsExit() {
    DecisionRecord entry = decision(LOGGED, "{}", DecisionRecord.PAPER);
    DecisionRecord close = decision(LOGGED, "{\"action\":\"CLOSE\"}", DecisionRecord.PAPER);
    PaperTrade trip = paperTrip(entry.id(), Optional.of(close.id()), true);

    JsonNode entryLine =
        DecisionExportLine.of(new Traced(entry, List.of(), List.of(), List.of(trip)), TEXTS);
    JsonNode closeLine =
        DecisionExportLine.of(new Traced(close, List.of(), List.of(), List.of(trip)), TEXTS);

    assertThat(entryLine.get("paper_fills"))
        .extracting(f -> f.get("kind").asString())
        .containsExactly("entry", "exit");
    assertThat(entryLine.get("outcome_realised").toString())
        .isEqualTo(
            """
        {"pnl_usdt":6.97,"closed":true,"fees_usdt":-0.2,"funding_usdt":-0.03,"holding_seconds":120,"mfe_pct":0.4,"mae_pct":-0.1}""");
    assertThat(closeLine.get("paper_fills"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("kind").asString()).isEqualTo("exit");
              assertThat(f.get("time").asString()).isEqualTo("2026-12-01T10:02:01Z");
              assertThat(f.get("price").toString()).isEqualTo("91000");
              assertThat(f.get("reason").asString()).isEqualTo("close");
            });
    assertThat(closeLine.get("outcome_realised").toString())
        .isEqualTo(
            """
        {"pnl_usdt":null,"closed":true,"fees_usdt":null,"funding_usdt":null,"holding_seconds":null,"mfe_pct":null,"mae_pct":null}""");
  }

  @Test
  void givenALiveDecision_whenWritten_thenItsSourceIsLiveAndItHasNoPaperFills() {
    JsonNode line =
        DecisionExportLine.of(new Traced(decision(LOGGED, "{}"), List.of(), List.of()), TEXTS);

    assertThat(line.get("source").asString()).isEqualTo("live");
    assertThat(line.get("paper_fills").isEmpty()).isTrue();
  }
}
