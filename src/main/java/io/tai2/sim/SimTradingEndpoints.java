package io.tai2.sim;

import io.tai2.fills.PositionMath;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Account and order endpoints (docs/spec/okx-openrouter-protocols.md §4, §5) over {@link SimExchange}, in OKX's JSON
 * shapes: balance, orders, fills, bills, account config and fees, and the JSON helpers the other endpoint classes share.
 * Algos, positions and transfers have their own classes ({@link SimAlgoEndpoints}, {@link SimPositionEndpoints},
 * {@link SimTransferEndpoints}).
 */
final class SimTradingEndpoints {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Clock clock;
  private final SimExchange exchange;

  SimTradingEndpoints(Clock clock, SimExchange exchange) {
    this.clock = clock;
    this.exchange = exchange;
  }

  SimResponse balance(SimAccount account) {
    return ok(JSON.createArrayNode().add(balance(account.apiKey())));
  }

  /** The trading-account balance object as REST and the {@code account} channel carry it. */
  ObjectNode balance(String apiKey) {
    SimExchange.Balance b = exchange.balance(apiKey);
    String now = Long.toString(clock.millis());
    ObjectNode usdt = JSON.createObjectNode();
    usdt.put("ccy", "USDT")
        .put("eq", str(b.equity()))
        .put("cashBal", str(b.cash()))
        .put("availBal", str(b.available()))
        .put("availEq", str(b.available()))
        .put("frozenBal", str(b.cash().subtract(b.available())))
        .put("ordFrozen", "0")
        .put("upl", str(b.upl()))
        .put("eqUsd", str(b.equity()))
        .put("uTime", now);
    ObjectNode top = JSON.createObjectNode();
    top.put("totalEq", str(b.equity()))
        .put("upl", str(b.upl()))
        .put("uTime", now)
        .put("adjEq", "")
        .put("imr", "")
        .put("mmr", "")
        .put("mgnRatio", "");
    top.set("details", JSON.createArrayNode().add(usdt));
    return SimOkxFields.balance(top);
  }

  SimResponse placeOrder(SimAccount account, String body) {
    return batchReply(JSON.createArrayNode().add(placeOne(account, JSON.readTree(body))));
  }

  /** One order of {@code trade/order} or {@code trade/batch-orders}: the per-item row with its {@code sCode}/{@code sMsg}. */
  ObjectNode placeOne(SimAccount account, JsonNode b) {
    JsonNode algo =
        b.path("attachAlgoOrds").isArray() && !b.path("attachAlgoOrds").isEmpty()
            ? b.path("attachAlgoOrds").get(0)
            : JSON.createObjectNode();
    String clOrdId = text(b, "clOrdId").orElse("");
    SimExchange.OrderRequest request;
    try {
      request =
          new SimExchange.OrderRequest(
              text(b, "instId").orElse(""),
              text(b, "tdMode").orElse(""),
              text(b, "posSide").orElse("net"),
              text(b, "side").orElse(""),
              text(b, "ordType").orElse(""),
              text(b, "sz").orElse(""),
              text(b, "px").map(BigDecimal::new),
              text(b, "clOrdId"),
              b.path("reduceOnly").asBoolean(false)
                  || "true".equals(b.path("reduceOnly").asString("")),
              text(algo, "tpTriggerPx").map(BigDecimal::new),
              text(algo, "slTriggerPx").map(BigDecimal::new),
              text(algo, "attachAlgoClOrdId"));
    } catch (NumberFormatException e) {
      return orderResult(clOrdId, "", "51000", "Parameter attachAlgoOrds error");
    }
    return switch (exchange.place(account.apiKey(), request)) {
      case SimExchange.Accepted accepted ->
          orderResult(clOrdId, accepted.order().ordId(), "0", "Order placed");
      case SimExchange.Refused refused -> orderResult(clOrdId, "", refused.sCode(), refused.sMsg());
    };
  }

  ObjectNode orderResult(String clOrdId, String ordId, String sCode, String sMsg) {
    ObjectNode row = JSON.createObjectNode();
    row.put("clOrdId", clOrdId)
        .put("ordId", ordId)
        .put("sCode", sCode)
        .put("sMsg", sMsg)
        .put("tag", "")
        .put("ts", Long.toString(clock.millis()));
    return row;
  }

  /** A per-item reply: code 0 when every item passed, 1 when all failed, 2 when some did (OKX's batch envelope). */
  SimResponse batchReply(ArrayNode rows) {
    long failed = rows.valueStream().filter(r -> !r.path("sCode").asString("").equals("0")).count();
    String code = failed == 0 ? "0" : failed == rows.size() ? "1" : "2";
    ObjectNode envelope = JSON.createObjectNode();
    envelope
        .put("code", code)
        .put(
            "msg",
            code.equals("0")
                ? ""
                : code.equals("1")
                    ? "All operations failed"
                    : "Bulk operation partially succeeded");
    envelope.set("data", rows);
    long micros = clock.millis() * 1000;
    envelope.put("inTime", Long.toString(micros)).put("outTime", Long.toString(micros + 1500));
    return new SimResponse(200, JSON.writeValueAsString(envelope));
  }

  SimResponse cancelOrder(SimAccount account, String body) {
    return batchReply(JSON.createArrayNode().add(cancelOne(account, JSON.readTree(body))));
  }

  /** One cancel of {@code trade/cancel-order} or {@code trade/cancel-batch-orders}. */
  ObjectNode cancelOne(SimAccount account, JsonNode b) {
    Optional<String> ordId = text(b, "ordId");
    Optional<String> clOrdId = text(b, "clOrdId");
    Optional<SimExchange.Refused> refused =
        exchange.cancelOrder(account.apiKey(), text(b, "instId").orElse(""), ordId, clOrdId);
    return orderResult(
        clOrdId.orElse(""),
        ordId.orElse(""),
        refused.map(SimExchange.Refused::sCode).orElse("0"),
        refused.map(SimExchange.Refused::sMsg).orElse(""));
  }

  /** {@code trade/orders-pending}, filtered by {@code instId} and {@code ordType} (comma list) as OKX filters. */
  SimResponse pendingOrders(SimAccount account, Map<String, String> query) {
    String instId = query.getOrDefault("instId", "");
    List<String> ordTypes = List.of(query.getOrDefault("ordType", "").split(","));
    ArrayNode rows = JSON.createArrayNode();
    exchange.pendingOrders(account.apiKey()).stream()
        .filter(o -> instId.isEmpty() || o.instId().equals(instId))
        .filter(o -> ordTypes.equals(List.of("")) || ordTypes.contains(o.ordType()))
        .forEach(o -> rows.add(orderRow(o)));
    return ok(rows);
  }

  SimResponse order(SimAccount account, Map<String, String> query) {
    Optional<String> ordId = Optional.ofNullable(query.get("ordId")).filter(s -> !s.isEmpty());
    Optional<String> clOrdId = Optional.ofNullable(query.get("clOrdId")).filter(s -> !s.isEmpty());
    if (ordId.isEmpty() && clOrdId.isEmpty()) {
      return new SimResponse(
          200,
          "{\"code\":\"51003\",\"msg\":\"Either client order ID or order ID is required.\",\"data\":[]}");
    }
    Optional<SimExchange.Order> found =
        exchange.order(account.apiKey(), query.getOrDefault("instId", ""), ordId, clOrdId);
    if (found.isEmpty()) {
      return new SimResponse(
          200, "{\"code\":\"51603\",\"msg\":\"Order does not exist\",\"data\":[]}");
    }
    return ok(JSON.createArrayNode().add(orderRow(found.get())));
  }

  static ObjectNode orderRow(SimExchange.Order o) {
    boolean filled = o.state().equals("filled");
    ObjectNode row = JSON.createObjectNode();
    row.put("instType", "SWAP")
        .put("instId", o.instId())
        .put("ordId", o.ordId())
        .put("clOrdId", o.clOrdId())
        .put("tag", "")
        .put("px", o.ordType().equals("market") ? "" : str(o.px()))
        .put("sz", str(o.sz()))
        .put("ordType", o.ordType())
        .put("side", o.side())
        .put("posSide", o.posSide())
        .put("tdMode", o.tdMode())
        .put("accFillSz", filled ? str(o.sz()) : "0")
        .put("fillSz", filled ? str(o.sz()) : "0")
        .put("fillPx", filled ? str(o.avgPx()) : "")
        .put("avgPx", filled ? str(o.avgPx()) : "")
        .put("state", o.state())
        .put("lever", str(o.lever()))
        .put("fee", str(o.fee()))
        .put("feeCcy", "USDT")
        .put("pnl", "0")
        .put("category", o.category())
        .put("reduceOnly", Boolean.toString(o.reduceOnly()))
        .put("cTime", Long.toString(o.cTime()))
        .put("uTime", Long.toString(o.cTime()))
        .put("fillTime", filled ? Long.toString(o.cTime()) : "");
    ArrayNode attached = JSON.createArrayNode();
    for (SimExchange.Algo a : o.attached()) {
      ObjectNode n = JSON.createObjectNode();
      n.put("attachAlgoId", a.algoId())
          .put("attachAlgoClOrdId", a.algoClOrdId())
          .put("tpTriggerPx", a.tpTriggerPx().map(SimTradingEndpoints::str).orElse(""))
          .put("tpOrdPx", a.tpTriggerPx().isPresent() ? "-1" : "")
          .put("slTriggerPx", a.slTriggerPx().map(SimTradingEndpoints::str).orElse(""))
          .put("slOrdPx", a.slTriggerPx().isPresent() ? "-1" : "")
          .put("failCode", "")
          .put("failReason", "");
      attached.add(n);
    }
    row.set("attachAlgoOrds", attached);
    // OKX also repeats the (first) attached TP/SL at the top level of the order.
    Optional<SimExchange.Algo> first = o.attached().stream().findFirst();
    row.put(
            "tpTriggerPx",
            first.flatMap(SimExchange.Algo::tpTriggerPx).map(SimTradingEndpoints::str).orElse(""))
        .put("tpOrdPx", first.flatMap(SimExchange.Algo::tpTriggerPx).isPresent() ? "-1" : "")
        .put(
            "slTriggerPx",
            first.flatMap(SimExchange.Algo::slTriggerPx).map(SimTradingEndpoints::str).orElse(""))
        .put("slOrdPx", first.flatMap(SimExchange.Algo::slTriggerPx).isPresent() ? "-1" : "")
        .put(
            "tpTriggerPxType",
            first.flatMap(SimExchange.Algo::tpTriggerPx).isPresent() ? "last" : "")
        .put(
            "slTriggerPxType",
            first.flatMap(SimExchange.Algo::slTriggerPx).isPresent() ? "last" : "")
        .put("attachAlgoClOrdId", first.map(SimExchange.Algo::algoClOrdId).orElse(""));
    return SimOkxFields.order(row);
  }

  /** {@code /trade/fills}: trade and liquidation bills as fills, newest first, filtered and paged as OKX does. */
  SimResponse fills(SimAccount account, Map<String, String> query) {
    ArrayNode rows = JSON.createArrayNode();
    page(account, query, b -> b.type().equals("2") || b.type().equals("5"))
        .forEach(
            b ->
                rows.addObject()
                    .put("instType", "SWAP")
                    .put("instId", b.instId())
                    .put("tradeId", b.tradeId())
                    .put("ordId", b.ordId())
                    .put("clOrdId", b.clOrdId())
                    .put("billId", b.billId())
                    .put("subType", b.subType())
                    .put("tag", "")
                    .put("fillPx", str(b.px()))
                    .put("fillSz", str(b.sz()))
                    .put("fillPnl", str(b.pnl()))
                    .put("side", b.side())
                    .put("posSide", "net")
                    .put("execType", b.execType())
                    .put("feeCcy", "USDT")
                    .put("fee", str(b.fee()))
                    .put("ts", Long.toString(b.ts()))
                    .put("fillTime", Long.toString(b.ts()))
                    // As OKX's real fills carry them: the rate charged, the index/mark at the fill
                    // (the simulator's mark is the last price).
                    .put(
                        "feeRate",
                        str(
                            (b.execType().equals("M")
                                    ? PositionMath.MAKER_RATE
                                    : PositionMath.TAKER_RATE)
                                .negate()))
                    .put("fillIdxPx", str(b.px()))
                    .put("fillMarkPx", str(b.px()))
                    .put("fillFwdPx", "")
                    .put("fillMarkVol", "")
                    .put("fillPxUsd", "")
                    .put("fillPxVol", ""));
    SimOkxFields.each(rows, SimOkxFields::fill);
    return ok(rows);
  }

  /** {@code /account/bills}: every change of the trading account's USDT, newest first. */
  SimResponse bills(SimAccount account, Map<String, String> query) {
    ArrayNode rows = JSON.createArrayNode();
    page(account, query, b -> query.getOrDefault("type", b.type()).equals(b.type()))
        .forEach(
            b ->
                rows.addObject()
                    .put("instType", b.instId().isEmpty() ? "" : "SWAP")
                    .put("billId", b.billId())
                    .put("type", b.type())
                    .put("subType", b.subType())
                    .put("ts", Long.toString(b.ts()))
                    .put("balChg", str(b.balChg()))
                    .put("bal", str(b.bal()))
                    .put("sz", str(b.sz()))
                    .put("px", str(b.px()))
                    .put("ccy", "USDT")
                    .put("pnl", str(b.pnl()))
                    .put("fee", str(b.fee()))
                    .put("mgnMode", b.mgnMode())
                    .put("instId", b.instId())
                    .put("ordId", b.ordId())
                    .put("clOrdId", b.clOrdId())
                    .put("tradeId", b.tradeId())
                    .put("execType", b.execType())
                    .put("from", "")
                    .put("to", "")
                    .put("notes", "")
                    .put("fillTime", Long.toString(b.ts())));
    SimOkxFields.each(rows, SimOkxFields::bill);
    return ok(rows);
  }

  /** Newest first; {@code instId}, {@code begin}/{@code end} (ms, inclusive), {@code after} (older than that billId), {@code limit} ≤ 100. */
  private List<SimExchange.Bill> page(
      SimAccount account, Map<String, String> query, Predicate<SimExchange.Bill> keep) {
    String instId = query.getOrDefault("instId", "");
    long begin = Long.parseLong(query.getOrDefault("begin", "0"));
    long end = Long.parseLong(query.getOrDefault("end", Long.toString(Long.MAX_VALUE)));
    long after = Long.parseLong(query.getOrDefault("after", Long.toString(Long.MAX_VALUE)));
    int limit = Math.min(100, Integer.parseInt(query.getOrDefault("limit", "100")));
    return exchange.bills(account.apiKey()).stream()
        .filter(keep)
        .filter(b -> instId.isEmpty() || b.instId().equals(instId))
        .filter(b -> b.ts() >= begin && b.ts() <= end && Long.parseLong(b.billId()) < after)
        .limit(limit)
        .toList();
  }

  /** The user id OKX reports for a key's account. */
  static String uid(String apiKey) {
    return Integer.toUnsignedString(apiKey.hashCode());
  }

  /** An order as the {@code orders} channel pushes it: the REST object plus the fields of this update. */
  static ObjectNode orderPush(SimExchange.Order o) {
    ObjectNode row = orderRow(o);
    boolean filled = o.state().equals("filled");
    boolean maker = filled && !o.ordType().equals("market") && o.px().compareTo(o.avgPx()) == 0;
    row.put("execType", filled ? (maker ? "M" : "T") : "")
        .put("fillFee", filled ? str(o.fee()) : "0")
        .put("fillFeeCcy", "USDT")
        .put("fillPnl", "0")
        .put("tradeId", filled ? o.ordId().substring(o.ordId().length() - 9) : "")
        .put("code", "0")
        .put("msg", "")
        .put("amendResult", "")
        .put("cancelSource", "")
        .put("reqId", "");
    return row;
  }

  SimResponse accountConfig(SimAccount account) {
    ObjectNode n = JSON.createObjectNode();
    String uid = uid(account.apiKey());
    n.put("uid", uid)
        .put("mainUid", account.isSub() ? uid(account.masterKey()) : uid)
        .put("acctLv", "2")
        .put("posMode", exchange.positionMode(account.apiKey()))
        .put("autoLoan", false)
        .put("ctIsoMode", "automatic")
        .put("mgnIsoMode", "automatic")
        .put("level", "Lv1")
        .put("label", "tai2-sim")
        .put("perm", account.readOnly() ? "read_only" : "read_only,trade")
        .put("type", account.isSub() ? "1" : "0")
        .put("kycLv", "3");
    return ok(JSON.createArrayNode().add(SimOkxFields.accountConfig(n)));
  }

  SimResponse tradeFee() {
    ObjectNode n = JSON.createObjectNode();
    String taker = str(PositionMath.TAKER_RATE.negate());
    String maker = str(PositionMath.MAKER_RATE.negate());
    n.put("category", "1")
        .put("instType", "SWAP")
        .put("level", "Lv1")
        .put("taker", taker)
        .put("maker", maker)
        .put("takerU", taker)
        .put("makerU", maker)
        .put("takerUSDC", taker)
        .put("makerUSDC", maker)
        .put("ruleType", "normal")
        .put("delivery", "")
        .put("exercise", "")
        .put("ts", Long.toString(clock.millis()));
    n.set("fiat", JSON.createArrayNode());
    return ok(JSON.createArrayNode().add(n));
  }

  /** A whole-request refusal: {@code code} is the error, {@code data} empty (HTTP 200, as OKX answers business errors). */
  static SimResponse failure(SimExchange.Refused refused) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("code", refused.sCode()).put("msg", refused.sMsg());
    envelope.set("data", JSON.createArrayNode());
    return new SimResponse(200, JSON.writeValueAsString(envelope));
  }

  static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    // python-okx sends every optional field, empty ones as "" or null: both mean absent.
    return value.isMissingNode() || value.isNull() || value.asString("").isEmpty()
        ? Optional.empty()
        : Optional.of(value.asString());
  }

  static SimResponse ok(ArrayNode data) {
    return SimResponse.ok(JSON.writeValueAsString(data));
  }

  static String str(BigDecimal value) {
    BigDecimal scaled = value.scale() > 10 ? value.setScale(10, RoundingMode.HALF_UP) : value;
    return scaled.stripTrailingZeros().toPlainString();
  }
}
