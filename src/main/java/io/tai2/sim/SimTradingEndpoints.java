package io.tai2.sim;

import io.tai2.fills.PositionMath;
import io.tai2.okx.Instrument;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Account and trade endpoints (docs/spec/okx-openrouter-protocols.md §4, §5) over {@link SimExchange}, in OKX's JSON shapes. */
final class SimTradingEndpoints {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Clock clock;
  private final SimExchange exchange;

  private final Map<String, SimAccount> accounts;

  SimTradingEndpoints(Clock clock, SimExchange exchange, Map<String, SimAccount> accounts) {
    this.clock = clock;
    this.exchange = exchange;
    this.accounts = Map.copyOf(accounts);
  }

  SimResponse balance(SimAccount account) {
    return ok(JSON.createArrayNode().add(balance(account.apiKey())));
  }

  /** The trading-account balance object as REST and the {@code account} channel carry it. */
  ObjectNode balance(String apiKey) {
    SimExchange.Balance b = exchange.balance(apiKey);
    String now = Long.toString(clock.millis());
    ObjectNode usdt = JSON.createObjectNode();
    usdt.put("ccy", "USDT").put("eq", str(b.equity())).put("cashBal", str(b.cash())).put("availBal", str(b.available()))
        .put("availEq", str(b.available())).put("frozenBal", str(b.cash().subtract(b.available()))).put("ordFrozen", "0")
        .put("upl", str(b.upl())).put("eqUsd", str(b.equity())).put("uTime", now);
    ObjectNode top = JSON.createObjectNode();
    top.put("totalEq", str(b.equity())).put("upl", str(b.upl())).put("uTime", now).put("adjEq", "").put("imr", "")
        .put("mmr", "").put("mgnRatio", "");
    top.set("details", JSON.createArrayNode().add(usdt));
    return SimOkxFields.balance(top);
  }

  SimResponse setPositionMode(SimAccount account, String body) {
    String posMode = text(JSON.readTree(body), "posMode").orElse("");
    Optional<SimExchange.Refused> refused = exchange.setPositionMode(account.apiKey(), posMode);
    if (refused.isPresent()) {
      return failure(refused.get());
    }
    return ok(JSON.createArrayNode().add(JSON.createObjectNode().put("posMode", posMode)));
  }

  SimResponse setLeverage(SimAccount account, String body) {
    JsonNode b = JSON.readTree(body);
    String instId = text(b, "instId").orElse("");
    String mgnMode = text(b, "mgnMode").orElse("");
    String lever = text(b, "lever").orElse("");
    Optional<SimExchange.Refused> refused = exchange.setLeverage(account.apiKey(), instId, mgnMode, lever);
    if (refused.isPresent()) {
      return failure(refused.get());
    }
    ObjectNode row = JSON.createObjectNode();
    row.put("lever", str(new BigDecimal(lever))).put("mgnMode", mgnMode).put("instId", instId).put("posSide", "net");
    return ok(JSON.createArrayNode().add(row));
  }

  SimResponse placeOrder(SimAccount account, String body) {
    return batchReply(JSON.createArrayNode().add(placeOne(account, JSON.readTree(body))));
  }

  /** One order of {@code trade/order} or {@code trade/batch-orders}: the per-item row with its {@code sCode}/{@code sMsg}. */
  ObjectNode placeOne(SimAccount account, JsonNode b) {
    JsonNode algo = b.path("attachAlgoOrds").isArray() && !b.path("attachAlgoOrds").isEmpty() ? b.path("attachAlgoOrds").get(0) : JSON.createObjectNode();
    String clOrdId = text(b, "clOrdId").orElse("");
    SimExchange.OrderRequest request;
    try {
      request = new SimExchange.OrderRequest(
          text(b, "instId").orElse(""), text(b, "tdMode").orElse(""), text(b, "posSide").orElse("net"), text(b, "side").orElse(""),
          text(b, "ordType").orElse(""), text(b, "sz").orElse(""), text(b, "px").map(BigDecimal::new), text(b, "clOrdId"),
          b.path("reduceOnly").asBoolean(false) || "true".equals(b.path("reduceOnly").asString("")),
          text(algo, "tpTriggerPx").map(BigDecimal::new), text(algo, "slTriggerPx").map(BigDecimal::new),
          text(algo, "attachAlgoClOrdId"));
    } catch (NumberFormatException e) {
      return orderResult(clOrdId, "", "51000", "Parameter attachAlgoOrds error");
    }
    return switch (exchange.place(account.apiKey(), request)) {
      case SimExchange.Accepted accepted -> orderResult(clOrdId, accepted.order().ordId(), "0", "Order placed");
      case SimExchange.Refused refused -> orderResult(clOrdId, "", refused.sCode(), refused.sMsg());
    };
  }

  ObjectNode orderResult(String clOrdId, String ordId, String sCode, String sMsg) {
    ObjectNode row = JSON.createObjectNode();
    row.put("clOrdId", clOrdId).put("ordId", ordId).put("sCode", sCode).put("sMsg", sMsg).put("tag", "")
        .put("ts", Long.toString(clock.millis()));
    return row;
  }

  /** A per-item reply: code 0 when every item passed, 1 when all failed, 2 when some did (OKX's batch envelope). */
  SimResponse batchReply(ArrayNode rows) {
    long failed = rows.valueStream().filter(r -> !r.path("sCode").asString("").equals("0")).count();
    String code = failed == 0 ? "0" : failed == rows.size() ? "1" : "2";
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("code", code).put("msg", code.equals("0") ? "" : code.equals("1") ? "All operations failed" : "Bulk operation partially succeeded");
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
    Optional<SimExchange.Refused> refused = exchange.cancelOrder(account.apiKey(), text(b, "instId").orElse(""), ordId, clOrdId);
    return orderResult(clOrdId.orElse(""), ordId.orElse(""), refused.map(SimExchange.Refused::sCode).orElse("0"), refused.map(SimExchange.Refused::sMsg).orElse(""));
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
      return new SimResponse(200, "{\"code\":\"51003\",\"msg\":\"Either client order ID or order ID is required.\",\"data\":[]}");
    }
    Optional<SimExchange.Order> found = exchange.order(account.apiKey(), query.getOrDefault("instId", ""), ordId, clOrdId);
    if (found.isEmpty()) {
      return new SimResponse(200, "{\"code\":\"51603\",\"msg\":\"Order does not exist\",\"data\":[]}");
    }
    return ok(JSON.createArrayNode().add(orderRow(found.get())));
  }

  static ObjectNode orderRow(SimExchange.Order o) {
    boolean filled = o.state().equals("filled");
    ObjectNode row = JSON.createObjectNode();
    row.put("instType", "SWAP").put("instId", o.instId()).put("ordId", o.ordId()).put("clOrdId", o.clOrdId())
        .put("tag", "").put("px", o.ordType().equals("market") ? "" : str(o.px()))
        .put("sz", str(o.sz())).put("ordType", o.ordType()).put("side", o.side())
        .put("posSide", o.posSide()).put("tdMode", o.tdMode()).put("accFillSz", filled ? str(o.sz()) : "0")
        .put("fillSz", filled ? str(o.sz()) : "0").put("fillPx", filled ? str(o.avgPx()) : "")
        .put("avgPx", filled ? str(o.avgPx()) : "").put("state", o.state()).put("lever", str(o.lever()))
        .put("fee", str(o.fee())).put("feeCcy", "USDT").put("pnl", "0").put("category", o.category())
        .put("reduceOnly", Boolean.toString(o.reduceOnly())).put("cTime", Long.toString(o.cTime()))
        .put("uTime", Long.toString(o.cTime())).put("fillTime", filled ? Long.toString(o.cTime()) : "");
    ArrayNode attached = JSON.createArrayNode();
    for (SimExchange.Algo a : o.attached()) {
      ObjectNode n = JSON.createObjectNode();
      n.put("attachAlgoId", a.algoId()).put("attachAlgoClOrdId", a.algoClOrdId())
          .put("tpTriggerPx", a.tpTriggerPx().map(SimTradingEndpoints::str).orElse("")).put("tpOrdPx", a.tpTriggerPx().isPresent() ? "-1" : "")
          .put("slTriggerPx", a.slTriggerPx().map(SimTradingEndpoints::str).orElse("")).put("slOrdPx", a.slTriggerPx().isPresent() ? "-1" : "")
          .put("failCode", "").put("failReason", "");
      attached.add(n);
    }
    row.set("attachAlgoOrds", attached);
    // OKX also repeats the (first) attached TP/SL at the top level of the order.
    Optional<SimExchange.Algo> first = o.attached().stream().findFirst();
    row.put("tpTriggerPx", first.flatMap(SimExchange.Algo::tpTriggerPx).map(SimTradingEndpoints::str).orElse(""))
        .put("tpOrdPx", first.flatMap(SimExchange.Algo::tpTriggerPx).isPresent() ? "-1" : "")
        .put("slTriggerPx", first.flatMap(SimExchange.Algo::slTriggerPx).map(SimTradingEndpoints::str).orElse(""))
        .put("slOrdPx", first.flatMap(SimExchange.Algo::slTriggerPx).isPresent() ? "-1" : "")
        .put("tpTriggerPxType", first.flatMap(SimExchange.Algo::tpTriggerPx).isPresent() ? "last" : "")
        .put("slTriggerPxType", first.flatMap(SimExchange.Algo::slTriggerPx).isPresent() ? "last" : "")
        .put("attachAlgoClOrdId", first.map(SimExchange.Algo::algoClOrdId).orElse(""));
    return SimOkxFields.order(row);
  }

  /** {@code /trade/fills}: trade and liquidation bills as fills, newest first, filtered and paged as OKX does. */
  SimResponse fills(SimAccount account, Map<String, String> query) {
    ArrayNode rows = JSON.createArrayNode();
    page(account, query, b -> b.type().equals("2") || b.type().equals("5")).forEach(b -> rows.addObject()
        .put("instType", "SWAP").put("instId", b.instId()).put("tradeId", b.tradeId()).put("ordId", b.ordId())
        .put("clOrdId", b.clOrdId()).put("billId", b.billId()).put("subType", b.subType()).put("tag", "")
        .put("fillPx", str(b.px())).put("fillSz", str(b.sz())).put("fillPnl", str(b.pnl())).put("side", b.side())
        .put("posSide", "net").put("execType", b.execType()).put("feeCcy", "USDT").put("fee", str(b.fee()))
        .put("ts", Long.toString(b.ts())).put("fillTime", Long.toString(b.ts()))
        // As OKX's real fills carry them: the rate charged, the index/mark at the fill (the simulator's mark is the last price).
        .put("feeRate", str((b.execType().equals("M") ? PositionMath.MAKER_RATE : PositionMath.TAKER_RATE).negate()))
        .put("fillIdxPx", str(b.px())).put("fillMarkPx", str(b.px())).put("fillFwdPx", "").put("fillMarkVol", "")
        .put("fillPxUsd", "").put("fillPxVol", ""));
    SimOkxFields.each(rows, SimOkxFields::fill);
    return ok(rows);
  }

  /** {@code /account/bills}: every change of the trading account's USDT, newest first. */
  SimResponse bills(SimAccount account, Map<String, String> query) {
    ArrayNode rows = JSON.createArrayNode();
    page(account, query, b -> query.getOrDefault("type", b.type()).equals(b.type())).forEach(b -> rows.addObject()
        .put("instType", b.instId().isEmpty() ? "" : "SWAP").put("billId", b.billId()).put("type", b.type())
        .put("subType", b.subType()).put("ts", Long.toString(b.ts())).put("balChg", str(b.balChg())).put("bal", str(b.bal()))
        .put("sz", str(b.sz())).put("px", str(b.px())).put("ccy", "USDT").put("pnl", str(b.pnl())).put("fee", str(b.fee()))
        .put("mgnMode", b.mgnMode()).put("instId", b.instId()).put("ordId", b.ordId()).put("clOrdId", b.clOrdId())
        .put("tradeId", b.tradeId()).put("execType", b.execType()).put("from", "").put("to", "").put("notes", "")
        .put("fillTime", Long.toString(b.ts())));
    SimOkxFields.each(rows, SimOkxFields::bill);
    return ok(rows);
  }

  /** Newest first; {@code instId}, {@code begin}/{@code end} (ms, inclusive), {@code after} (older than that billId), {@code limit} ≤ 100. */
  private List<SimExchange.Bill> page(SimAccount account, Map<String, String> query, java.util.function.Predicate<SimExchange.Bill> keep) {
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
    row.put("execType", filled ? (maker ? "M" : "T") : "").put("fillFee", filled ? str(o.fee()) : "0").put("fillFeeCcy", "USDT")
        .put("fillPnl", "0").put("tradeId", filled ? o.ordId().substring(o.ordId().length() - 9) : "").put("code", "0")
        .put("msg", "").put("amendResult", "").put("cancelSource", "").put("reqId", "");
    return row;
  }

  /** An algo order as the {@code orders-algo} channel pushes it, with the leg that fired once it triggered. */
  static ObjectNode algoPush(SimExchange.Algo a, Optional<String> firedLeg) {
    ObjectNode row = algoRow(a);
    row.put("actualSide", firedLeg.orElse("")).put("actualSz", firedLeg.isPresent() ? str(a.sz()) : "0")
        .put("actualPx", "").put("triggerTime", "").put("failCode", "").put("uTime", Long.toString(a.cTime()));
    return row;
  }

  SimResponse positions(SimAccount account, Map<String, String> query) {
    ArrayNode rows = JSON.createArrayNode();
    Optional<String> instId = Optional.ofNullable(query.get("instId")).filter(s -> !s.isEmpty());
    for (SimExchange.Position p : exchange.positions(account.apiKey(), instId)) {
      rows.add(positionRow(account.apiKey(), p));
    }
    return ok(rows);
  }

  /** A position object as REST and the {@code positions} channel carry it. */
  ObjectNode positionRow(String apiKey, SimExchange.Position p) {
    Instrument inst = exchange.market().instrument(p.instId()).orElseThrow();
    BigDecimal last = exchange.market().last(p.instId());
    BigDecimal coin = p.pos().abs().multiply(inst.contractSize());
    BigDecimal upl = exchange.upl(p);
    boolean open = p.pos().signum() != 0;
    ObjectNode n = JSON.createObjectNode();
    n.put("instType", "SWAP").put("instId", p.instId()).put("mgnMode", p.mgnMode()).put("posId", p.posId())
        .put("posSide", p.posSide()).put("pos", str(p.posSide().equals("net") ? p.pos() : p.pos().abs())).put("availPos", "").put("ccy", "USDT")
        .put("avgPx", open ? str(p.avgPx()) : "").put("markPx", str(last)).put("last", str(last)).put("idxPx", str(last))
        .put("lever", str(p.lever())).put("upl", str(upl)).put("uplLastPx", str(upl))
        .put("uplRatio", open ? str(PositionMath.uplRatio(upl, coin, p.avgPx(), p.lever())) : "0")
        .put("margin", p.mgnMode().equals("isolated") ? str(p.margin()) : "")
        .put("imr", p.mgnMode().equals("cross") && open ? str(PositionMath.initialMargin(coin, last, p.lever())) : "")
        .put("mmr", str(PositionMath.maintenance(coin, last)))
        .put("liqPx", exchange.liquidationPrice(apiKey, p).map(SimTradingEndpoints::str).orElse(""))
        .put("notionalUsd", str(coin.multiply(last))).put("fee", str(p.fee())).put("pnl", str(p.pnl()))
        .put("realizedPnl", str(p.pnl().add(p.fee()).add(p.fundingFee()))).put("fundingFee", str(p.fundingFee())).put("liqPenalty", "0")
        .put("cTime", Long.toString(p.cTime())).put("uTime", Long.toString(p.uTime()));
    ArrayNode closeAlgos = JSON.createArrayNode();
    exchange.pendingAlgos(apiKey).stream()
        .filter(a -> a.instId().equals(p.instId()) && a.tdMode().equals(p.mgnMode()))
        .forEach(a -> {
          ObjectNode c = JSON.createObjectNode();
          c.put("algoId", a.algoId()).put("slTriggerPx", a.slTriggerPx().map(SimTradingEndpoints::str).orElse(""))
              .put("slTriggerPxType", "last").put("tpTriggerPx", a.tpTriggerPx().map(SimTradingEndpoints::str).orElse(""))
              .put("tpTriggerPxType", "last").put("closeFraction", "1");
          closeAlgos.add(c);
        });
    n.set("closeOrderAlgo", closeAlgos);
    return SimOkxFields.position(n);
  }

  SimResponse placeAlgo(SimAccount account, String body) {
    JsonNode b = JSON.readTree(body);
    String algoClOrdId = text(b, "algoClOrdId").orElse("");
    String ordType = text(b, "ordType").orElse("");
    if (!ordType.equals("conditional") && !ordType.equals("oco")) {
      return algoResult(algoClOrdId, "", "51000", "Parameter ordType error");
    }
    Optional<BigDecimal> sz = "1".equals(b.path("closeFraction").asString("")) ? Optional.empty() : text(b, "sz").map(BigDecimal::new);
    SimExchange.Placement placement = exchange.placeAlgo(
        account.apiKey(), text(b, "instId").orElse(""), text(b, "tdMode").orElse(""), text(b, "posSide").orElse("net"),
        text(b, "side").orElse(""), sz,
        text(b, "tpTriggerPx").map(BigDecimal::new), text(b, "slTriggerPx").map(BigDecimal::new), algoClOrdId);
    return switch (placement) {
      case SimExchange.Accepted accepted -> algoResult(algoClOrdId, accepted.order().ordId(), "0", "Order placed");
      case SimExchange.Refused refused -> algoResult(algoClOrdId, "", refused.sCode(), refused.sMsg());
    };
  }

  private SimResponse algoResult(String algoClOrdId, String algoId, String sCode, String sMsg) {
    ObjectNode row = JSON.createObjectNode();
    row.put("algoClOrdId", algoClOrdId).put("algoId", algoId).put("clOrdId", "").put("sCode", sCode).put("sMsg", sMsg).put("tag", "");
    boolean ok = sCode.equals("0");
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("code", ok ? "0" : "1").put("msg", ok ? "" : "All operations failed");
    envelope.set("data", JSON.createArrayNode().add(row));
    return new SimResponse(200, JSON.writeValueAsString(envelope));
  }

  SimResponse cancelAlgos(SimAccount account, String body) {
    JsonNode items = JSON.readTree(body);
    if (!items.isArray() || items.isEmpty() || items.size() > 10) {
      return new SimResponse(200, "{\"code\":\"51000\",\"msg\":\"Parameter algoId error\",\"data\":[]}");
    }
    ArrayNode rows = JSON.createArrayNode();
    int failed = 0;
    for (JsonNode item : items) {
      String algoId = item.path("algoId").asString("");
      Optional<SimExchange.Refused> refused = exchange.cancelAlgo(account.apiKey(), item.path("instId").asString(""), algoId);
      failed += refused.isPresent() ? 1 : 0;
      rows.addObject().put("algoId", algoId).put("sCode", refused.map(SimExchange.Refused::sCode).orElse("0"))
          .put("sMsg", refused.map(SimExchange.Refused::sMsg).orElse(""));
    }
    ObjectNode envelope = JSON.createObjectNode();
    String code = failed == 0 ? "0" : failed == items.size() ? "1" : "2";
    envelope.put("code", code).put("msg", code.equals("0") ? "" : code.equals("1") ? "All operations failed" : "Bulk operation partially succeeded");
    SimOkxFields.each(rows, SimOkxFields::canceledAlgo);
    envelope.set("data", rows);
    return new SimResponse(200, JSON.writeValueAsString(envelope));
  }

  SimResponse accountConfig(SimAccount account) {
    ObjectNode n = JSON.createObjectNode();
    String uid = uid(account.apiKey());
    n.put("uid", uid).put("mainUid", account.isSub() ? uid(account.masterKey()) : uid).put("acctLv", "2").put("posMode", exchange.positionMode(account.apiKey())).put("autoLoan", false)
        .put("ctIsoMode", "automatic").put("mgnIsoMode", "automatic").put("level", "Lv1").put("label", "tai2-sim")
        .put("perm", account.readOnly() ? "read_only" : "read_only,trade").put("type", account.isSub() ? "1" : "0").put("kycLv", "3");
    return ok(JSON.createArrayNode().add(SimOkxFields.accountConfig(n)));
  }

  SimResponse tradeFee() {
    ObjectNode n = JSON.createObjectNode();
    String taker = str(PositionMath.TAKER_RATE.negate());
    String maker = str(PositionMath.MAKER_RATE.negate());
    n.put("category", "1").put("instType", "SWAP").put("level", "Lv1").put("taker", taker).put("maker", maker)
        .put("takerU", taker).put("makerU", maker).put("takerUSDC", taker).put("makerUSDC", maker).put("ruleType", "normal")
        .put("delivery", "").put("exercise", "").put("ts", Long.toString(clock.millis()));
    n.set("fiat", JSON.createArrayNode());
    return ok(JSON.createArrayNode().add(n));
  }

  SimResponse closePosition(SimAccount account, String body) {
    JsonNode b = JSON.readTree(body);
    String instId = text(b, "instId").orElse("");
    String posSide = text(b, "posSide").orElse("net");
    return switch (exchange.closePosition(account.apiKey(), instId, text(b, "mgnMode").orElse(""), posSide, text(b, "clOrdId").orElse(""))) {
      case SimExchange.Accepted accepted -> {
        ObjectNode n = JSON.createObjectNode();
        n.put("clOrdId", accepted.order().clOrdId()).put("instId", instId).put("posSide", posSide).put("tag", "");
        yield ok(JSON.createArrayNode().add(n));
      }
      case SimExchange.Refused refused -> failure(refused);
    };
  }

  SimResponse adjustMargin(SimAccount account, String body) {
    JsonNode b = JSON.readTree(body);
    String instId = text(b, "instId").orElse("");
    String type = text(b, "type").orElse("");
    String amt = text(b, "amt").orElse("");
    if (!amt.matches("\\d+(\\.\\d+)?")) {
      return failure(new SimExchange.Refused("51000", "Parameter amt error"));
    }
    SimExchange.MarginAdjustment result = exchange.adjustMargin(account.apiKey(), instId, text(b, "posSide").orElse("net"), type, amt);
    if (result.refused().isPresent()) {
      return failure(result.refused().get());
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("amt", amt).put("ccy", "USDT").put("instId", instId).put("leverage", str(result.realLeverage()))
        .put("posSide", text(b, "posSide").orElse("net")).put("type", type);
    return ok(JSON.createArrayNode().add(n));
  }

  SimResponse fundingBalances(SimAccount account) {
    BigDecimal funding = exchange.funding(account.apiKey());
    ArrayNode rows = JSON.createArrayNode();
    if (funding.signum() > 0) {
      rows.addObject().put("ccy", "USDT").put("bal", str(funding)).put("availBal", str(funding)).put("frozenBal", "0");
    }
    return ok(rows);
  }

  SimResponse transfer(SimAccount account, String body) {
    JsonNode b = JSON.readTree(body);
    String ccy = text(b, "ccy").orElse("");
    String amt = text(b, "amt").orElse("");
    String from = text(b, "from").orElse("");
    String to = text(b, "to").orElse("");
    Optional<SimExchange.Refused> refused = switch (text(b, "type").orElse("0")) {
      case "0" -> exchange.transfer(account.apiKey(), ccy, amt, from, to);
      case "1", "2" -> account.isSub()
          ? Optional.of(new SimExchange.Refused("58128", "Sub-account API key does not support current transfer type parameter."))
          : subAccount(account, text(b, "subAcct").orElse("")).map(sub -> text(b, "type").orElse("").equals("1")
              ? exchange.transfer(account.apiKey(), from, sub.apiKey(), to, ccy, amt)
              : exchange.transfer(sub.apiKey(), from, account.apiKey(), to, ccy, amt))
              .orElse(Optional.of(new SimExchange.Refused("58129", "Parameter subAcct error: no such sub-account of this master")));
      case "3" -> account.isSub()
          ? exchange.transfer(account.apiKey(), from, account.masterKey(), to, ccy, amt)
          : Optional.of(new SimExchange.Refused("58127", "Main account API key does not support current transfer type parameter."));
      default -> Optional.of(new SimExchange.Refused("51000", "Parameter type error (the simulator supports transfer types 0-3)"));
    };
    if (refused.isPresent()) {
      return failure(refused.get());
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("transId", Long.toString(clock.millis())).put("ccy", ccy).put("clientId", text(b, "clientId").orElse(""))
        .put("from", from).put("amt", amt).put("to", to);
    return ok(JSON.createArrayNode().add(n));
  }

  private Optional<SimAccount> subAccount(SimAccount master, String name) {
    return accounts.values().stream().filter(a -> a.masterKey().equals(master.apiKey()) && a.subAcct().equals(name)).findFirst();
  }

  /** A whole-request refusal: {@code code} is the error, {@code data} empty (HTTP 200, as OKX answers business errors). */
  private static SimResponse failure(SimExchange.Refused refused) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("code", refused.sCode()).put("msg", refused.sMsg());
    envelope.set("data", JSON.createArrayNode());
    return new SimResponse(200, JSON.writeValueAsString(envelope));
  }

  /** {@code trade/orders-algo-pending}: {@code ordType} is required (comma list), {@code instId}/{@code algoId} filter. */
  SimResponse pendingAlgos(SimAccount account, Map<String, String> query) {
    List<String> ordTypes = List.of(query.getOrDefault("ordType", "").split(","));
    if (ordTypes.equals(List.of(""))) {
      return new SimResponse(400, "{\"code\":\"50014\",\"msg\":\"Parameter ordType can not be empty.\",\"data\":[]}");
    }
    String instId = query.getOrDefault("instId", "");
    String algoId = query.getOrDefault("algoId", "");
    ArrayNode rows = JSON.createArrayNode();
    for (SimExchange.Algo a : exchange.pendingAlgos(account.apiKey())) {
      ObjectNode row = algoRow(a);
      if (ordTypes.contains(row.path("ordType").asString()) && (instId.isEmpty() || a.instId().equals(instId))
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
      return new SimResponse(200, "{\"code\":\"51000\",\"msg\":\"Parameter state or algoId error\",\"data\":[]}");
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
    n.put("instType", "SWAP").put("instId", a.instId()).put("algoId", a.algoId()).put("algoClOrdId", a.algoClOrdId())
        .put("ordType", a.tpTriggerPx().isPresent() && a.slTriggerPx().isPresent() ? "oco" : "conditional")
        .put("side", a.side()).put("posSide", a.posSide()).put("tdMode", a.tdMode()).put("sz", str(a.sz()))
        .put("state", a.state()).put("reduceOnly", "true")
        .put("tpTriggerPx", a.tpTriggerPx().map(SimTradingEndpoints::str).orElse("")).put("tpOrdPx", a.tpTriggerPx().isPresent() ? "-1" : "")
        .put("slTriggerPx", a.slTriggerPx().map(SimTradingEndpoints::str).orElse("")).put("slOrdPx", a.slTriggerPx().isPresent() ? "-1" : "")
        .put("cTime", Long.toString(a.cTime()));
    return SimOkxFields.algo(n);
  }

  static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    // python-okx sends every optional field, empty ones as "" or null: both mean absent.
    return value.isMissingNode() || value.isNull() || value.asString("").isEmpty() ? Optional.empty() : Optional.of(value.asString());
  }

  private static SimResponse ok(ArrayNode data) {
    return SimResponse.ok(JSON.writeValueAsString(data));
  }

  static String str(BigDecimal value) {
    BigDecimal scaled = value.scale() > 10 ? value.setScale(10, RoundingMode.HALF_UP) : value;
    return scaled.stripTrailingZeros().toPlainString();
  }
}
