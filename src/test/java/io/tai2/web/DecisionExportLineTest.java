package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.DecisionExportRepository.Traced;
import io.tai2.history.DecisionRecord;
import io.tai2.history.ExecutedTrade;
import io.tai2.history.OrderRecord;
import io.tai2.history.OrderStatus;
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
  static final String CONTEXT = "{\"symbol\":\"BTC-USDT-SWAP\",\"market\":{\"last_price\":91234.50,\"note\":\"a \\\"quoted\\\" line\\n```\"}}";
  static final String DECISION = "Decide.\n\nCarefully.";
  static final Optional<DecisionExportLine.PromptTexts> TEXTS = Optional.of(new DecisionExportLine.PromptTexts(SYSTEM, DECISION));
  static final String USER = DECISION + PromptBuilder.CONTEXT_OPENING + CONTEXT + PromptBuilder.CONTEXT_CLOSING;
  static final String LOGGED = SYSTEM + ReasoningEngine.LOGGED_PROMPT_JOIN + USER;

  static DecisionRecord decision(String prompt, String decisionJson) {
    return new DecisionRecord(UUID.randomUUID(), T0, "BTC-USDT-SWAP", Optional.of("1H"), Optional.of("m"), Optional.empty(), Optional.of("h"),
        Optional.of(prompt), Optional.of("{\"action\":\"BUY\"}"), Optional.of(decisionJson), "ACCEPTED", Optional.empty(),
        Optional.of("{\"approved\":true,\"checks\":[]}"), Optional.of(1500L), Optional.of(1000), Optional.empty(),
        Optional.of(new BigDecimal("0.00120")), Optional.of(T0.minusSeconds(4)), Optional.of(new BigDecimal("91234.50")), Optional.of("active"),
        Optional.empty());
  }

  static OrderRecord order(UUID decision, String id, boolean reduceOnly) {
    return new OrderRecord(UUID.randomUUID(), id, Optional.of(decision), "BTC-USDT-SWAP", "buy", Optional.empty(), "market", "cross",
        new BigDecimal("3"), Optional.empty(), reduceOnly, Optional.of(new BigDecimal("90000")), Optional.empty(), OrderStatus.FILLED,
        Optional.empty(), Optional.of(new BigDecimal("91240")), Optional.of(new BigDecimal("3")), Optional.of(new BigDecimal("-0.1")),
        Optional.empty(), Optional.empty(), T0, T0);
  }

  static ExecutedTrade fill(String clientOrderId, String pnl) {
    return new ExecutedTrade(UUID.randomUUID(), T0.plusSeconds(1), "BTC-USDT-SWAP", "BTC-USDT-SWAP", "buy", new BigDecimal("3"),
        new BigDecimal("91240"), new BigDecimal("0.03"), Optional.of(clientOrderId), Optional.empty(), Optional.ofNullable(pnl).map(BigDecimal::new),
        Optional.of(new BigDecimal("-0.1")));
  }

  @Test
  void givenASystemPromptWithABlankLine_whenSplitWithItsText_thenTheSplitIsWhereTheyWereJoined() {
    assertThat(DecisionExportLine.split(LOGGED, TEXTS)).contains(new DecisionExportLine.SplitPrompt(SYSTEM, USER));
  }

  @Test
  void givenAnUnknownOrDifferentSystemPrompt_whenSplit_thenThereIsNoSplitRatherThanAWrongOne() {
    assertThat(DecisionExportLine.split(LOGGED, Optional.empty())).isEmpty();
    assertThat(DecisionExportLine.split(LOGGED, Optional.of(new DecisionExportLine.PromptTexts("You trade.", DECISION)))).isEmpty();
    assertThat(DecisionExportLine.split(LOGGED, Optional.of(new DecisionExportLine.PromptTexts(SYSTEM, "Decide.")))).isEmpty();
  }

  @Test
  void givenALoggedPrompt_whenItsContextIsExtracted_thenItIsTheObjectExactlyAsSentWithNumbersKept() {
    JsonNode context = DecisionExportLine.context(LOGGED).orElseThrow();

    assertThat(DecisionExportLine.MAPPER.writeValueAsString(context)).isEqualTo(CONTEXT);
    assertThat(context.at("/market/note").asString()).isEqualTo("a \"quoted\" line\n```");
  }

  @Test
  void givenAPromptWithoutAWholeContextBlock_whenExtracted_thenNothingIsGuessed() {
    assertThat(DecisionExportLine.context("no context here")).isEmpty();
    assertThat(DecisionExportLine.context(LOGGED.substring(0, LOGGED.length() - 5))).isEmpty();
    assertThat(DecisionExportLine.context("x" + PromptBuilder.CONTEXT_OPENING + "[1,2]" + PromptBuilder.CONTEXT_CLOSING)).isEmpty();
    assertThat(DecisionExportLine.context("x" + PromptBuilder.CONTEXT_OPENING + "{} {}" + PromptBuilder.CONTEXT_CLOSING)).isEmpty();
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
    assertThat(line.get("llm").toString()).isEqualTo("{\"latency_ms\":1500,\"prompt_tokens\":1000,\"completion_tokens\":null,\"cost_usd\":0.0012}");
    assertThat(line.get("orders").isEmpty()).isTrue();
    assertThat(line.get("fills").isEmpty()).isTrue();
    assertThat(line.get("outcome_realised").toString()).isEqualTo("{\"pnl_usdt\":null,\"closed\":false,\"fees_usdt\":null}");
  }

  @Test
  void givenAnUnsplittablePrompt_whenWritten_thenTheWholePromptIsKeptAndTheContextStillFound() {
    JsonNode line = DecisionExportLine.of(new Traced(decision(LOGGED, "{}"), List.of(), List.of()), Optional.empty());

    assertThat(line.get("system_prompt").isNull()).isTrue();
    assertThat(line.get("user_prompt").isNull()).isTrue();
    assertThat(line.get("prompt").asString()).isEqualTo(LOGGED);
    assertThat(line.get("context").isObject()).isTrue();
  }

  @Test
  void givenAnEntryOnlyFill_whenWritten_thenItIsNotClosedButItsFeeCounts() {
    DecisionRecord d = decision(LOGGED, "{}");
    JsonNode line = DecisionExportLine.of(new Traced(d, List.of(order(d.id(), "t2a", false)), List.of(fill("t2a", "0"))), TEXTS);

    assertThat(line.get("outcome_realised").toString()).isEqualTo("{\"pnl_usdt\":null,\"closed\":false,\"fees_usdt\":-0.1}");
    assertThat(line.get("orders").get(0).get("client_order_id").asString()).isEqualTo("t2a");
    assertThat(line.get("orders").get(0).get("contracts").toString()).isEqualTo("3");
    assertThat(line.get("fills").get(0).get("size").toString()).isEqualTo("3");
  }

  @Test
  void givenAReduceOnlyExit_whenWritten_thenItIsClosedWithTheSumOfItsFillsPnl() {
    DecisionRecord d = decision(LOGGED, "{}");
    JsonNode line = DecisionExportLine.of(new Traced(d, List.of(order(d.id(), "t2x", true)), List.of(fill("t2x", "-4.25"))), TEXTS);

    assertThat(line.get("outcome_realised").toString()).isEqualTo("{\"pnl_usdt\":-4.25,\"closed\":true,\"fees_usdt\":-0.1}");
  }
}
