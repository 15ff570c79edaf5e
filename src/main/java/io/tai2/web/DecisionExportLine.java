package io.tai2.web;

import io.tai2.history.DecisionExportRepository.Traced;
import io.tai2.history.DecisionRecord;
import io.tai2.history.ExecutedTrade;
import io.tai2.history.OrderRecord;
import io.tai2.history.PaperTrade;
import io.tai2.reasoning.PromptBuilder;
import io.tai2.reasoning.ReasoningEngine;
import io.tai2.reasoning.RecordedPrompt;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One line of the dataset export: a logged decision with its prompt split back into what the LLM was sent, the context
 * JSON, the reply, the verdict, where it was acted on ({@code source}), its orders and fills (a live decision's) or paper
 * fills (a paper or shadow decision's) and what it realised; snake_case, numbers exact. Only columns of the decision
 * log, orders, trades and paper round trips go in, and none of them ever holds a key, token or password.
 */
final class DecisionExportLine {

  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(
              DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS,
              DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DecisionExportLine() {}

  /** The two texts of a prompt version: the system message, and the decision text the user message starts with. */
  record PromptTexts(String system, String decision) {}

  /** The two messages a logged prompt was joined from. */
  record SplitPrompt(String system, String user) {}

  /**
   * Splits a logged prompt where it was joined. Either text may hold blank lines, so the split is made only with the
   * texts of the decision's own prompt version, and only when the logged prompt is exactly those texts followed by the
   * context block; otherwise empty rather than a guess.
   */
  static Optional<SplitPrompt> split(String logged, Optional<PromptTexts> texts) {
    return texts
        .filter(
            t ->
                logged.startsWith(
                    t.system()
                        + ReasoningEngine.LOGGED_PROMPT_JOIN
                        + t.decision()
                        + PromptBuilder.CONTEXT_OPENING))
        .map(
            t ->
                new SplitPrompt(
                    t.system(),
                    logged.substring(
                        t.system().length() + ReasoningEngine.LOGGED_PROMPT_JOIN.length())));
  }

  /**
   * The context JSON object that ends a logged prompt, exactly as sent; empty when the prompt does not end with one
   * (an older format, or a prompt cut short).
   */
  static Optional<JsonNode> context(String logged) {
    return RecordedPrompt.contextOf(logged).flatMap(DecisionExportLine::object);
  }

  /** JSON text that holds one object, parsed; anything else (not JSON, an array, trailing text) is empty. */
  static Optional<JsonNode> object(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (RuntimeException notJson) {
      return Optional.empty();
    }
  }

  /** The export line of a decision; {@code texts} are those of its prompt version, when known. */
  static ObjectNode of(Traced traced, Optional<PromptTexts> texts) {
    DecisionRecord d = traced.decision();
    ObjectNode line = NODES.objectNode();
    line.put("id", d.id().toString());
    line.set("created_at", time(d.createdAt()));
    line.set("snapshot_at", d.snapshotAt().map(DecisionExportLine::time).orElse(NODES.nullNode()));
    line.set("snapshot_price", number(d.snapshotPrice()));
    line.put("symbol", d.symbol());
    line.set("timeframe", text(d.timeframe()));
    line.set("prompt_version_id", text(d.promptVersionId().map(Object::toString)));
    line.set("model", text(d.modelId()));
    line.set("prompt_hash", text(d.promptHash()));
    line.set("version_choice", text(d.versionChoice()));
    Optional<SplitPrompt> split = d.prompt().flatMap(p -> split(p, texts));
    line.set("system_prompt", text(split.map(SplitPrompt::system)));
    line.set("user_prompt", text(split.map(SplitPrompt::user)));
    line.set("prompt", text(split.isPresent() ? Optional.empty() : d.prompt()));
    line.set("context", d.prompt().flatMap(DecisionExportLine::context).orElse(NODES.nullNode()));
    line.set("raw_reply", text(d.rawReply()));
    line.set(
        "decision", d.decisionJson().flatMap(DecisionExportLine::object).orElse(NODES.nullNode()));
    line.put("outcome", d.outcome());
    line.set("rejection_reason", text(d.rejectionReason()));
    line.set(
        "guardrail_verdict",
        d.guardrailVerdictJson().flatMap(DecisionExportLine::object).orElse(NODES.nullNode()));
    line.set("execution_status", text(d.executionStatus()));
    ObjectNode llm = line.putObject("llm");
    llm.set("latency_ms", d.latencyMs().<JsonNode>map(NODES::numberNode).orElse(NODES.nullNode()));
    llm.set(
        "prompt_tokens",
        d.promptTokens().<JsonNode>map(NODES::numberNode).orElse(NODES.nullNode()));
    llm.set(
        "completion_tokens",
        d.completionTokens().<JsonNode>map(NODES::numberNode).orElse(NODES.nullNode()));
    llm.set("cost_usd", number(d.costUsd()));
    ArrayNode orders = line.putArray("orders");
    traced.orders().forEach(o -> orders.add(order(o)));
    ArrayNode fills = line.putArray("fills");
    traced.trades().forEach(t -> fills.add(fill(t)));
    boolean live = d.source().equals(DecisionRecord.LIVE);
    line.set("outcome_realised", live ? realised(traced) : paperRealised(traced));
    // added after the fields the export had before sources existed, so a live line only grows at
    // its end
    line.put("source", d.source());
    ArrayNode paperFills = line.putArray("paper_fills");
    traced.paperTrades().forEach(t -> paperFills.addAll(paperFills(d, t)));
    return line;
  }

  private static ObjectNode order(OrderRecord o) {
    ObjectNode out = NODES.objectNode();
    out.put("client_order_id", o.clientOrderId());
    out.put("side", o.side());
    out.set("pos_side", text(o.posSide()));
    out.put("order_type", o.orderType());
    out.put("trade_mode", o.tradeMode());
    out.set("contracts", number(Optional.of(o.sizeContracts())));
    out.set("price", number(o.price()));
    out.put("reduce_only", o.reduceOnly());
    out.set("stop_loss", number(o.stopLoss()));
    out.set("take_profit", number(o.takeProfit()));
    out.put("status", o.status().name());
    out.set("exchange_order_id", text(o.exchangeOrderId()));
    out.set("fill_price", number(o.fillPrice()));
    out.set("fill_contracts", number(o.fillSize()));
    out.set("fee", number(o.fee()));
    out.set("error_code", text(o.errorCode()));
    out.set("error_message", text(o.errorMessage()));
    out.set("created_at", time(o.createdAt()));
    out.set("updated_at", time(o.updatedAt()));
    return out;
  }

  private static ObjectNode fill(ExecutedTrade t) {
    ObjectNode out = NODES.objectNode();
    out.set("time", time(t.timestamp()));
    out.set("client_order_id", text(t.clientOrderId()));
    out.put("side", t.side());
    out.set("size", number(Optional.of(t.size())));
    out.set("amount", number(Optional.of(t.amount())));
    out.set("price", number(Optional.of(t.price())));
    out.set("fee", number(t.fee()));
    out.set("pnl", number(t.pnl()));
    return out;
  }

  /**
   * What the decision's own orders realised: closed once one of its fills closed or reduced a position (a reduce-only
   * order, or a fill with realised PnL), then the PnL of its fills; fees whenever it filled. Exits by the exchange's
   * stop-loss or take-profit are not orders of the decision and are not linked here yet.
   */
  private static ObjectNode realised(Traced traced) {
    boolean closed =
        traced.trades().stream()
            .anyMatch(
                t ->
                    t.pnl().filter(p -> p.signum() != 0).isPresent()
                        || traced.orders().stream()
                            .anyMatch(
                                o ->
                                    o.reduceOnly()
                                        && o.clientOrderId()
                                            .equals(t.clientOrderId().orElse(null))));
    ObjectNode out = NODES.objectNode();
    out.set(
        "pnl_usdt",
        closed ? number(Optional.of(sum(traced, ExecutedTrade::pnl))) : NODES.nullNode());
    out.put("closed", closed);
    out.set(
        "fees_usdt",
        traced.trades().isEmpty()
            ? NODES.nullNode()
            : number(Optional.of(sum(traced, ExecutedTrade::fee))));
    return roundTripFields(out, Optional.empty());
  }

  /**
   * What a paper or shadow decision realised, from its paper account's own record: the round trip it entered (the entry
   * decision owns the whole round trip, as in the attribution) with its net PnL once closed, both legs' fees (negative,
   * as paid fees are in OKX's fills), funding, holding time and its best and worst move. A CLOSE decision that ended a
   * round trip is {@code closed} without a PnL of its own; a decision that never filled realised nothing.
   */
  private static ObjectNode paperRealised(Traced traced) {
    UUID id = traced.decision().id();
    Optional<PaperTrade> entered =
        traced.paperTrades().stream().filter(t -> t.entryDecision().equals(id)).findFirst();
    boolean closedOne =
        traced.paperTrades().stream()
            .anyMatch(t -> t.exitDecision().filter(id::equals).isPresent());
    boolean closed = entered.map(PaperTrade::closed).orElse(closedOne);
    ObjectNode out = NODES.objectNode();
    out.set("pnl_usdt", number(entered.filter(PaperTrade::closed).flatMap(PaperTrade::pnl)));
    out.put("closed", closed);
    out.set("fees_usdt", number(entered.flatMap(PaperTrade::fees).map(BigDecimal::negate)));
    return roundTripFields(out, entered);
  }

  /** The fields only a paper round trip knows, {@code null} on a live line (and while the round trip is open). */
  private static ObjectNode roundTripFields(ObjectNode out, Optional<PaperTrade> trip) {
    Optional<PaperTrade> closed = trip.filter(PaperTrade::closed);
    out.set("funding_usdt", number(closed.flatMap(PaperTrade::funding)));
    out.set(
        "holding_seconds",
        closed
            .<JsonNode>map(
                t ->
                    NODES.numberNode(
                        Duration.between(t.entryTime(), t.exitTime().orElseThrow()).toSeconds()))
            .orElse(NODES.nullNode()));
    out.set("mfe_pct", number(closed.flatMap(PaperTrade::mfePct)));
    out.set("mae_pct", number(closed.flatMap(PaperTrade::maePct)));
    return out;
  }

  /**
   * The paper fills of one round trip as this decision saw them: its entry and (once closed, by whatever ended it) its
   * exit when the decision entered it; only the exit when the decision is the CLOSE that ended it.
   */
  private static List<ObjectNode> paperFills(DecisionRecord d, PaperTrade t) {
    List<ObjectNode> fills = new ArrayList<>();
    boolean entered = t.entryDecision().equals(d.id());
    if (entered) {
      fills.add(
          paperFill(t, "entry", t.entryTime(), Optional.of(t.entryPrice()), Optional.empty()));
    }
    if (t.closed() && (entered || t.exitDecision().filter(d.id()::equals).isPresent())) {
      fills.add(paperFill(t, "exit", t.exitTime().orElseThrow(), t.exitPrice(), t.exitReason()));
    }
    return fills;
  }

  private static ObjectNode paperFill(
      PaperTrade t, String kind, Instant at, Optional<BigDecimal> price, Optional<String> reason) {
    ObjectNode out = NODES.objectNode();
    out.put("round_trip_id", t.id().toString());
    out.put("book", t.book());
    out.put("kind", kind);
    out.put("side", t.side());
    out.set("time", time(at));
    out.set("price", number(price));
    out.set("contracts", number(Optional.of(t.contracts())));
    out.set("reason", text(reason));
    return out;
  }

  private static BigDecimal sum(
      Traced traced, Function<ExecutedTrade, Optional<BigDecimal>> value) {
    return traced.trades().stream()
        .map(value)
        .flatMap(Optional::stream)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static JsonNode time(Instant at) {
    return at == null ? NODES.nullNode() : NODES.stringNode(at.toString());
  }

  private static JsonNode text(Optional<String> value) {
    return value.<JsonNode>map(NODES::stringNode).orElse(NODES.nullNode());
  }

  private static JsonNode number(Optional<BigDecimal> value) {
    return value
        .<JsonNode>map(
            v -> {
              BigDecimal plain = v.stripTrailingZeros();
              return NODES.numberNode(plain.scale() < 0 ? plain.setScale(0) : plain);
            })
        .orElse(NODES.nullNode());
  }
}
