package io.tai2.sim;

import static io.tai2.sim.SimTradingEndpoints.ok;
import static io.tai2.sim.SimTradingEndpoints.str;
import static io.tai2.sim.SimTradingEndpoints.text;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The TP/SL algo endpoints ({@code trade/order-algo}, {@code trade/cancel-algos}, {@code trade/orders-algo-pending},
 * {@code trade/orders-algo-history}) and the algo object as REST and the {@code orders-algo} channel carry it. Apart from
 * {@link SimTradingEndpoints} because algos have their own envelope, filters and history rules.
 */
final class SimAlgoEndpoints {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SimExchange exchange;

  SimAlgoEndpoints(SimExchange exchange) {
    this.exchange = exchange;
  }

  /** An algo order as the {@code orders-algo} channel pushes it, with the leg that fired once it triggered. */
  static ObjectNode algoPush(SimExchange.Algo a, Optional<String> firedLeg) {
    ObjectNode row = algoRow(a);
    row.put("actualSide", firedLeg.orElse(""))
        .put("actualSz", firedLeg.isPresent() ? str(a.sz()) : "0")
        .put("actualPx", "")
        .put("triggerTime", "")
        .put("failCode", "")
        .put("uTime", Long.toString(a.cTime()));
    return row;
  }

  SimResponse placeAlgo(SimAccount account, String body) {
    JsonNode b = JSON.readTree(body);
    String algoClOrdId = text(b, "algoClOrdId").orElse("");
    String ordType = text(b, "ordType").orElse("");
    if (!ordType.equals("conditional") && !ordType.equals("oco")) {
      return algoResult(algoClOrdId, "", "51000", "Parameter ordType error");
    }
    Optional<BigDecimal> sz =
        "1".equals(b.path("closeFraction").asString(""))
            ? Optional.empty()
            : text(b, "sz").map(BigDecimal::new);
    SimExchange.Placement placement =
        exchange.placeAlgo(
            account.apiKey(),
            text(b, "instId").orElse(""),
            text(b, "tdMode").orElse(""),
            text(b, "posSide").orElse("net"),
            text(b, "side").orElse(""),
            sz,
            text(b, "tpTriggerPx").map(BigDecimal::new),
            text(b, "slTriggerPx").map(BigDecimal::new),
            algoClOrdId);
    return switch (placement) {
      case SimExchange.Accepted accepted ->
          algoResult(algoClOrdId, accepted.order().ordId(), "0", "Order placed");
      case SimExchange.Refused refused ->
          algoResult(algoClOrdId, "", refused.sCode(), refused.sMsg());
    };
  }

  private SimResponse algoResult(String algoClOrdId, String algoId, String sCode, String sMsg) {
    ObjectNode row = JSON.createObjectNode();
    row.put("algoClOrdId", algoClOrdId)
        .put("algoId", algoId)
        .put("clOrdId", "")
        .put("sCode", sCode)
        .put("sMsg", sMsg)
        .put("tag", "");
    boolean ok = sCode.equals("0");
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("code", ok ? "0" : "1").put("msg", ok ? "" : "All operations failed");
    envelope.set("data", JSON.createArrayNode().add(row));
    return new SimResponse(200, JSON.writeValueAsString(envelope));
  }

  SimResponse cancelAlgos(SimAccount account, String body) {
    JsonNode items = JSON.readTree(body);
    if (!items.isArray() || items.isEmpty() || items.size() > 10) {
      return new SimResponse(
          200, "{\"code\":\"51000\",\"msg\":\"Parameter algoId error\",\"data\":[]}");
    }
    ArrayNode rows = JSON.createArrayNode();
    int failed = 0;
    for (JsonNode item : items) {
      String algoId = item.path("algoId").asString("");
      Optional<SimExchange.Refused> refused =
          exchange.cancelAlgo(account.apiKey(), item.path("instId").asString(""), algoId);
      failed += refused.isPresent() ? 1 : 0;
      rows.addObject()
          .put("algoId", algoId)
          .put("sCode", refused.map(SimExchange.Refused::sCode).orElse("0"))
          .put("sMsg", refused.map(SimExchange.Refused::sMsg).orElse(""));
    }
    ObjectNode envelope = JSON.createObjectNode();
    String code = failed == 0 ? "0" : failed == items.size() ? "1" : "2";
    envelope
        .put("code", code)
        .put(
            "msg",
            code.equals("0")
                ? ""
                : code.equals("1")
                    ? "All operations failed"
                    : "Bulk operation partially succeeded");
    SimOkxFields.each(rows, SimOkxFields::canceledAlgo);
    envelope.set("data", rows);
    return new SimResponse(200, JSON.writeValueAsString(envelope));
  }

  /** {@code trade/orders-algo-pending}: {@code ordType} is required (comma list), {@code instId}/{@code algoId} filter. */
  SimResponse pendingAlgos(SimAccount account, Map<String, String> query) {
    List<String> ordTypes = List.of(query.getOrDefault("ordType", "").split(","));
    if (ordTypes.equals(List.of(""))) {
      return new SimResponse(
          400, "{\"code\":\"50014\",\"msg\":\"Parameter ordType can not be empty.\",\"data\":[]}");
    }
    String instId = query.getOrDefault("instId", "");
    String algoId = query.getOrDefault("algoId", "");
    ArrayNode rows = JSON.createArrayNode();
    for (SimExchange.Algo a : exchange.pendingAlgos(account.apiKey())) {
      ObjectNode row = algoRow(a);
      if (ordTypes.contains(row.path("ordType").asString())
          && (instId.isEmpty() || a.instId().equals(instId))
          && (algoId.isEmpty() || a.algoId().equals(algoId))) {
        rows.add(row);
      }
    }
    return ok(rows);
  }

  /**
   * {@code /trade/orders-algo-history}: needs {@code ordType} and either {@code state} or {@code algoId} (51000
   * otherwise, as OKX); newest first, with the leg that fired.
   */
  SimResponse algoHistory(SimAccount account, Map<String, String> query) {
    String state = query.getOrDefault("state", "");
    String algoId = query.getOrDefault("algoId", "");
    if (query.getOrDefault("ordType", "").isEmpty() || (state.isEmpty() == algoId.isEmpty())) {
      return new SimResponse(
          200, "{\"code\":\"51000\",\"msg\":\"Parameter state or algoId error\",\"data\":[]}");
    }
    List<String> ordTypes = List.of(query.get("ordType").split(","));
    ArrayNode rows = JSON.createArrayNode();
    exchange.finishedAlgos(account.apiKey()).stream()
        .filter(a -> state.isEmpty() ? a.algoId().equals(algoId) : a.state().equals(state))
        .map(a -> algoPush(a, exchange.triggeredLeg(account.apiKey(), a.algoId())))
        .filter(row -> ordTypes.contains(row.path("ordType").asString()))
        .limit(Math.min(100, Integer.parseInt(query.getOrDefault("limit", "100"))))
        .forEach(rows::add);
    return ok(rows);
  }

  /** An algo order object as REST and the {@code orders-algo} channel carry it. */
  static ObjectNode algoRow(SimExchange.Algo a) {
    ObjectNode n = JSON.createObjectNode();
    n.put("instType", "SWAP")
        .put("instId", a.instId())
        .put("algoId", a.algoId())
        .put("algoClOrdId", a.algoClOrdId())
        .put(
            "ordType",
            a.tpTriggerPx().isPresent() && a.slTriggerPx().isPresent() ? "oco" : "conditional")
        .put("side", a.side())
        .put("posSide", a.posSide())
        .put("tdMode", a.tdMode())
        .put("sz", str(a.sz()))
        .put("state", a.state())
        .put("reduceOnly", "true")
        .put("tpTriggerPx", a.tpTriggerPx().map(SimTradingEndpoints::str).orElse(""))
        .put("tpOrdPx", a.tpTriggerPx().isPresent() ? "-1" : "")
        .put("slTriggerPx", a.slTriggerPx().map(SimTradingEndpoints::str).orElse(""))
        .put("slOrdPx", a.slTriggerPx().isPresent() ? "-1" : "")
        .put("cTime", Long.toString(a.cTime()));
    return SimOkxFields.algo(n);
  }
}
