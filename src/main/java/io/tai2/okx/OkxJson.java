package io.tai2.okx;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * OKX JSON objects to typed records, shared by REST and WebSocket (a push carries the same objects the REST endpoints
 * return). OKX numbers are strings; an empty string means "not applicable".
 */
final class OkxJson {

  private OkxJson() {}

  static Instrument instrument(JsonNode i) {
    return new Instrument(
        i.path("instId").asString(),
        i.path("instType").asString(),
        i.path("settleCcy").asString(),
        dec(i, "ctVal"),
        dec(i, "ctMult"),
        i.path("ctValCcy").asString(),
        dec(i, "tickSz"),
        dec(i, "lotSz"),
        dec(i, "minSz"),
        dec(i, "maxMktSz"),
        dec(i, "maxLmtSz"),
        dec(i, "lever"),
        i.path("state").asString());
  }

  static Ticker ticker(JsonNode t) {
    return new Ticker(
        t.path("instId").asString(),
        dec(t, "last"),
        dec(t, "lastSz"),
        dec(t, "bidPx"),
        dec(t, "bidSz"),
        dec(t, "askPx"),
        dec(t, "askSz"),
        dec(t, "open24h"),
        dec(t, "high24h"),
        dec(t, "low24h"),
        dec(t, "vol24h"),
        dec(t, "volCcy24h"),
        millis(t.path("ts")));
  }

  /** A row {@code [ts,o,h,l,c,vol,volCcy,volCcyQuote,confirm]}. */
  static Candle candle(JsonNode row) {
    return new Candle(
        millis(row.get(0)),
        num(row.get(1)),
        num(row.get(2)),
        num(row.get(3)),
        num(row.get(4)),
        num(row.get(5)),
        num(row.get(6)),
        num(row.get(7)),
        "1".equals(row.get(8).asString()));
  }

  /** Levels {@code [px, sz, "0", numOrders]}. */
  static List<OrderBook.Level> levels(JsonNode side) {
    return side.valueStream()
        .map(
            l ->
                new OrderBook.Level(
                    num(l.get(0)), num(l.get(1)), Integer.parseInt(l.get(3).asString("0"))))
        .toList();
  }

  static PublicTrade trade(JsonNode t) {
    return new PublicTrade(
        t.path("instId").asString(),
        t.path("tradeId").asString(),
        dec(t, "px"),
        dec(t, "sz"),
        t.path("side").asString(),
        millis(t.path("ts")));
  }

  static FundingRate fundingRate(JsonNode f) {
    return new FundingRate(
        f.path("instId").asString(),
        dec(f, "fundingRate"),
        millis(f.path("fundingTime")),
        millis(f.path("nextFundingTime")));
  }

  static OpenInterest openInterest(JsonNode o) {
    return new OpenInterest(
        o.path("instId").asString(),
        dec(o, "oi"),
        dec(o, "oiCcy"),
        dec(o, "oiUsd"),
        millis(o.path("ts")));
  }

  static AccountBalance balance(JsonNode top) {
    List<AccountBalance.CurrencyBalance> details =
        top.path("details")
            .valueStream()
            .map(
                d ->
                    new AccountBalance.CurrencyBalance(
                        d.path("ccy").asString(),
                        num(d.path("eq")),
                        num(d.path("cashBal")),
                        num(d.path("availBal")),
                        num(d.path("upl"))))
            .toList();
    return new AccountBalance(num(top.path("totalEq")), details);
  }

  static AccountConfig accountConfig(JsonNode c) {
    return new AccountConfig(
        c.path("uid").asString(),
        c.path("mainUid").asString(),
        c.path("acctLv").asString(),
        c.path("posMode").asString(),
        c.path("perm").asString(),
        c.path("label").asString(""));
  }

  static OrderDetails order(JsonNode o) {
    return new OrderDetails(
        o.path("ordId").asString(),
        o.path("clOrdId").asString(),
        o.path("instId").asString(),
        o.path("side").asString(),
        o.path("tdMode").asString(),
        o.path("posSide").asString(),
        o.path("ordType").asString(),
        o.path("state").asString(),
        num(o.path("sz")),
        num(o.path("accFillSz")),
        optional(o.path("avgPx")),
        num(o.path("fee")),
        num(o.path("lever")),
        Instant.ofEpochMilli(Long.parseLong(o.path("cTime").asString("0"))));
  }

  static PositionInfo position(JsonNode p) {
    List<PositionInfo.Protection> protection =
        p.path("closeOrderAlgo")
            .valueStream()
            .map(
                a ->
                    new PositionInfo.Protection(
                        a.path("algoId").asString(),
                        optional(a.path("slTriggerPx")),
                        optional(a.path("tpTriggerPx"))))
            .toList();
    return new PositionInfo(
        p.path("instId").asString(),
        p.path("mgnMode").asString(),
        p.path("posSide").asString(),
        num(p.path("pos")),
        optional(p.path("avgPx")),
        num(p.path("markPx")),
        num(p.path("upl")),
        num(p.path("lever")),
        optional(p.path("liqPx")),
        optional(p.path("margin")),
        num(p.path("fee")),
        protection);
  }

  static AlgoOrder algo(JsonNode a) {
    return new AlgoOrder(
        a.path("algoId").asString(),
        a.path("algoClOrdId").asString(),
        a.path("instId").asString(),
        a.path("ordType").asString(),
        a.path("side").asString(),
        a.path("tdMode").asString(),
        num(a.path("sz")),
        a.path("state").asString(),
        optional(a.path("tpTriggerPx")),
        optional(a.path("slTriggerPx")));
  }

  static FillInfo fill(JsonNode f) {
    return new FillInfo(
        f.path("instId").asString(),
        f.path("tradeId").asString(),
        f.path("ordId").asString(),
        f.path("clOrdId").asString(),
        f.path("billId").asString(),
        f.path("subType").asString(""),
        f.path("side").asString(),
        f.path("posSide").asString(""),
        dec(f, "fillPx"),
        dec(f, "fillSz"),
        dec(f, "fee"),
        f.path("feeCcy").asString(),
        dec(f, "fillPnl"),
        f.path("execType").asString(),
        millis(f.path("ts")));
  }

  static AccountBill bill(JsonNode b) {
    return new AccountBill(
        b.path("billId").asString(),
        b.path("type").asString(),
        b.path("subType").asString(),
        b.path("instId").asString(),
        b.path("ccy").asString(),
        dec(b, "balChg"),
        dec(b, "bal"),
        dec(b, "fee"),
        dec(b, "pnl"),
        b.path("ordId").asString(),
        millis(b.path("ts")));
  }

  static BigDecimal dec(JsonNode node, String field) {
    return num(node.path(field));
  }

  /** A number; an empty string or a missing value reads as zero. */
  static BigDecimal num(JsonNode value) {
    return optional(value).orElse(BigDecimal.ZERO);
  }

  static Optional<BigDecimal> optional(JsonNode value) {
    String text = value == null ? "" : value.asString("");
    return text.isEmpty() ? Optional.empty() : Optional.of(new BigDecimal(text));
  }

  static Instant millis(JsonNode value) {
    return Instant.ofEpochMilli(Long.parseLong(value.asString()));
  }
}
