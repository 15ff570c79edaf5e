package io.tai2.sim;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The trade endpoints that change several orders or amend one: {@code batch-orders} and {@code cancel-batch-orders} (≤ 20
 * items, each answered with its own {@code sCode}/{@code sMsg}), {@code amend-order}, {@code amend-algos} and the
 * dead-man switch {@code cancel-all-after}.
 */
final class SimBatchEndpoints {

  /** OKX takes at most 20 orders per batch request. */
  static final int MAX_BATCH = 20;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Clock clock;
  private final SimTradingEndpoints trading;
  private final SimAmendments amendments;

  /** Per API key: when {@code cancel-all-after} cancels every live order (clock millis). */
  private final Map<String, Long> cancelAllAt = new ConcurrentHashMap<>();

  SimBatchEndpoints(Clock clock, SimExchange exchange, SimTradingEndpoints trading) {
    this.clock = clock;
    this.trading = trading;
    this.amendments = new SimAmendments(exchange);
  }

  /** {@code POST trade/batch-orders}: 1 to 20 orders, placed in turn; one failing item does not stop the others. */
  SimResponse batchOrders(SimAccount account, String body) {
    Optional<JsonNode> items = batch(body);
    if (items.isEmpty()) {
      return parameterError(
          "51000", "Parameter batch size error: 1 to " + MAX_BATCH + " orders are required");
    }
    ArrayNode rows = JSON.createArrayNode();
    items.get().forEach(item -> rows.add(trading.placeOne(account, item)));
    return trading.batchReply(rows);
  }

  /** {@code POST trade/cancel-batch-orders}: 1 to 20 cancels by {@code ordId} or {@code clOrdId}. */
  SimResponse cancelBatchOrders(SimAccount account, String body) {
    Optional<JsonNode> items = batch(body);
    if (items.isEmpty()) {
      return parameterError(
          "51000", "Parameter batch size error: 1 to " + MAX_BATCH + " orders are required");
    }
    ArrayNode rows = JSON.createArrayNode();
    for (JsonNode item : items.get()) {
      if (SimTradingEndpoints.text(item, "ordId").isEmpty()
          && SimTradingEndpoints.text(item, "clOrdId").isEmpty()) {
        rows.add(
            trading.orderResult(
                "", "", "51003", "Either client order ID or order ID is required."));
      } else {
        rows.add(trading.cancelOne(account, item));
      }
    }
    return trading.batchReply(rows);
  }

  /** {@code POST trade/amend-order}: new size, new price and/or new attached TP/SL of a live order. */
  SimResponse amendOrder(SimAccount account, String body) {
    Optional<JsonNode> parsed = object(body);
    if (parsed.isEmpty()) {
      return parameterError("50002", "JSON syntax error");
    }
    JsonNode b = parsed.get();
    Optional<String> ordId = SimTradingEndpoints.text(b, "ordId");
    Optional<String> clOrdId = SimTradingEndpoints.text(b, "clOrdId");
    String reqId = SimTradingEndpoints.text(b, "reqId").orElse("");
    if (SimTradingEndpoints.text(b, "instId").isEmpty()) {
      return parameterError("50014", "Parameter instId can not be empty.");
    }
    if (ordId.isEmpty() && clOrdId.isEmpty()) {
      return amendReply(
          ordId,
          clOrdId,
          reqId,
          new SimExchange.Refused("51003", "Either client order ID or order ID is required."));
    }
    JsonNode attached =
        b.path("attachAlgoOrds").isArray() && !b.path("attachAlgoOrds").isEmpty()
            ? b.path("attachAlgoOrds").get(0)
            : JSON.createObjectNode();
    SimAmendments.Change change;
    try {
      change =
          new SimAmendments.Change(
              SimTradingEndpoints.text(b, "newSz"),
              SimTradingEndpoints.text(b, "newPx").map(BigDecimal::new),
              SimTradingEndpoints.text(attached, "newTpTriggerPx").map(BigDecimal::new),
              SimTradingEndpoints.text(attached, "newSlTriggerPx").map(BigDecimal::new));
    } catch (NumberFormatException e) {
      return amendReply(
          ordId,
          clOrdId,
          reqId,
          new SimExchange.Refused("51000", "Parameter newPx or attachAlgoOrds error"));
    }
    Optional<SimExchange.Refused> refused =
        amendments.amendOrder(
            account.apiKey(), SimTradingEndpoints.text(b, "instId").get(), ordId, clOrdId, change);
    return amendReply(ordId, clOrdId, reqId, refused.orElse(null));
  }

  private SimResponse amendReply(
      Optional<String> ordId, Optional<String> clOrdId, String reqId, SimExchange.Refused refused) {
    ObjectNode row = JSON.createObjectNode();
    row.put("clOrdId", clOrdId.orElse(""))
        .put("ordId", ordId.orElse(""))
        .put("reqId", reqId)
        .put("sCode", refused == null ? "0" : refused.sCode())
        .put("sMsg", refused == null ? "" : refused.sMsg())
        .put("ts", Long.toString(clock.millis()));
    return trading.batchReply(JSON.createArrayNode().add(row));
  }

  /** {@code POST trade/amend-algos}: new size and/or triggers of a pending TP/SL, by {@code algoId} or {@code algoClOrdId}. */
  SimResponse amendAlgos(SimAccount account, String body) {
    Optional<JsonNode> parsed = object(body);
    if (parsed.isEmpty()) {
      return parameterError("50002", "JSON syntax error");
    }
    JsonNode b = parsed.get();
    Optional<String> algoId = SimTradingEndpoints.text(b, "algoId");
    Optional<String> algoClOrdId = SimTradingEndpoints.text(b, "algoClOrdId");
    String reqId = SimTradingEndpoints.text(b, "reqId").orElse("");
    if (SimTradingEndpoints.text(b, "instId").isEmpty()) {
      return parameterError("50014", "Parameter instId can not be empty.");
    }
    SimExchange.Refused refused;
    if (algoId.isEmpty() && algoClOrdId.isEmpty()) {
      refused = new SimExchange.Refused("51000", "Parameter algoId or algoClOrdId error");
    } else {
      try {
        SimAmendments.Change change =
            new SimAmendments.Change(
                SimTradingEndpoints.text(b, "newSz"),
                Optional.empty(),
                SimTradingEndpoints.text(b, "newTpTriggerPx").map(BigDecimal::new),
                SimTradingEndpoints.text(b, "newSlTriggerPx").map(BigDecimal::new));
        refused =
            amendments
                .amendAlgo(
                    account.apiKey(),
                    SimTradingEndpoints.text(b, "instId").get(),
                    algoId,
                    algoClOrdId,
                    change)
                .orElse(null);
      } catch (NumberFormatException e) {
        refused =
            new SimExchange.Refused("51000", "Parameter newTpTriggerPx or newSlTriggerPx error");
      }
    }
    ObjectNode row = JSON.createObjectNode();
    row.put("algoClOrdId", algoClOrdId.orElse(""))
        .put("algoId", algoId.orElse(""))
        .put("reqId", reqId)
        .put("sCode", refused == null ? "0" : refused.sCode())
        .put("sMsg", refused == null ? "" : refused.sMsg());
    return trading.batchReply(JSON.createArrayNode().add(row));
  }

  /**
   * {@code POST trade/cancel-all-after}: {@code timeOut} 0 switches the timer off, 10–120 s arms it; when it runs out every
   * live order of the key is canceled (checked on each request, like funding).
   */
  SimResponse cancelAllAfter(SimAccount account, String body) {
    Optional<JsonNode> parsed = object(body);
    String timeOut = parsed.flatMap(b -> SimTradingEndpoints.text(b, "timeOut")).orElse("");
    if (timeOut.isEmpty()) {
      return parameterError("50014", "Parameter timeOut can not be empty.");
    }
    int seconds;
    try {
      seconds = Integer.parseInt(timeOut);
    } catch (NumberFormatException e) {
      return parameterError("51000", "Parameter timeOut error");
    }
    if (seconds != 0 && (seconds < 10 || seconds > 120)) {
      return parameterError("51000", "Parameter timeOut error");
    }
    long now = clock.millis();
    if (seconds == 0) {
      cancelAllAt.remove(account.apiKey());
    } else {
      cancelAllAt.put(account.apiKey(), now + seconds * 1000L);
    }
    ObjectNode row = JSON.createObjectNode();
    row.put("triggerTime", seconds == 0 ? "0" : Long.toString(now + seconds * 1000L))
        .put("tag", "")
        .put("ts", Long.toString(now));
    return SimResponse.ok(JSON.writeValueAsString(JSON.createArrayNode().add(row)));
  }

  /** Cancels the live orders of every key whose {@code cancel-all-after} timer ran out. */
  void cancelAllDue(SimExchange exchange) {
    long now = clock.millis();
    cancelAllAt
        .entrySet()
        .removeIf(
            e -> {
              if (e.getValue() > now) {
                return false;
              }
              amendments.cancelAll(e.getKey());
              return true;
            });
  }

  /** The items of a batch body: a JSON array of 1 to 20 objects, else empty. */
  private static Optional<JsonNode> batch(String body) {
    try {
      JsonNode items = JSON.readTree(body);
      boolean ok =
          items.isArray()
              && !items.isEmpty()
              && items.size() <= MAX_BATCH
              && items.valueStream().allMatch(JsonNode::isObject);
      return ok ? Optional.of(items) : Optional.empty();
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  private static Optional<JsonNode> object(String body) {
    try {
      JsonNode b = JSON.readTree(body);
      return b != null && b.isObject() ? Optional.of(b) : Optional.empty();
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  private static SimResponse parameterError(String code, String msg) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("code", code).put("msg", msg);
    envelope.set("data", JSON.createArrayNode());
    return new SimResponse(
        400, JSON.writeValueAsString(envelope)); // OKX answers parameter errors with HTTP 400
  }
}
