package io.tai2.okx;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** OKX public market data as typed records (protocols §3). No keys needed. */
public final class OkxMarketData {

  /** The most candles one request returns. */
  public static final int MAX_CANDLES = 300;

  private final OkxRestClient rest;

  public OkxMarketData(OkxRestClient rest) {
    this.rest = rest;
  }

  /** Every instrument of a type, e.g. {@code SWAP}. */
  public List<Instrument> instruments(String instType) {
    return rest.getPublic("/api/v5/public/instruments", Map.of("instType", instType)).valueStream()
        .map(OkxMarketData::instrument)
        .toList();
  }

  public Ticker ticker(String instId) {
    JsonNode t = rest.getPublic("/api/v5/market/ticker", Map.of("instId", instId)).get(0);
    return new Ticker(
        t.path("instId").asString(), dec(t, "last"), dec(t, "lastSz"), dec(t, "bidPx"), dec(t, "bidSz"),
        dec(t, "askPx"), dec(t, "askSz"), dec(t, "open24h"), dec(t, "high24h"), dec(t, "low24h"), dec(t, "vol24h"),
        dec(t, "volCcy24h"), millis(t.path("ts")));
  }

  /** The book to {@code depth} levels per side (OKX allows up to 400). */
  public OrderBook books(String instId, int depth) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("instId", instId);
    params.put("sz", Integer.toString(depth));
    JsonNode b = rest.getPublic("/api/v5/market/books", params).get(0);
    return new OrderBook(instId, levels(b.path("asks")), levels(b.path("bids")), millis(b.path("ts")));
  }

  /** The newest {@code limit} bars (at most 300), newest first as OKX sends them; {@code bar} e.g. "1m", "4H". */
  public List<Candle> candles(String instId, String bar, int limit) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("instId", instId);
    params.put("bar", bar);
    params.put("limit", Integer.toString(Math.min(limit, MAX_CANDLES)));
    return rest.getPublic("/api/v5/market/candles", params).valueStream().map(OkxMarketData::candle).toList();
  }

  public FundingRate fundingRate(String instId) {
    JsonNode f = rest.getPublic("/api/v5/public/funding-rate", Map.of("instId", instId)).get(0);
    return new FundingRate(instId, dec(f, "fundingRate"), millis(f.path("fundingTime")), millis(f.path("nextFundingTime")));
  }

  public OpenInterest openInterest(String instId) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("instType", "SWAP");
    params.put("instId", instId);
    JsonNode o = rest.getPublic("/api/v5/public/open-interest", params).get(0);
    return new OpenInterest(instId, dec(o, "oi"), dec(o, "oiCcy"), dec(o, "oiUsd"), millis(o.path("ts")));
  }

  public BigDecimal markPrice(String instId) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("instType", "SWAP");
    params.put("instId", instId);
    return dec(rest.getPublic("/api/v5/public/mark-price", params).get(0), "markPx");
  }

  /** Leverage tiers of a swap family (e.g. {@code BTC-USDT}) for a margin mode. */
  public List<PositionTier> positionTiers(String instFamily, String tdMode) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("instType", "SWAP");
    params.put("tdMode", tdMode);
    params.put("instFamily", instFamily);
    return rest.getPublic("/api/v5/public/position-tiers", params).valueStream()
        .map(t -> new PositionTier(Integer.parseInt(t.path("tier").asString()), dec(t, "minSz"), dec(t, "maxSz"), dec(t, "mmr"), dec(t, "imr"), dec(t, "maxLever")))
        .toList();
  }

  /** The newest public trades, newest first (at most 500). */
  public List<PublicTrade> trades(String instId, int limit) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("instId", instId);
    params.put("limit", Integer.toString(Math.min(limit, 500)));
    return rest.getPublic("/api/v5/market/trades", params).valueStream()
        .map(t -> new PublicTrade(instId, t.path("tradeId").asString(), dec(t, "px"), dec(t, "sz"), t.path("side").asString(), millis(t.path("ts"))))
        .toList();
  }

  /** Accounts long ÷ accounts short for a coin (e.g. {@code BTC}), newest first; {@code period} 5m, 1H or 1D. */
  public List<LongShortRatio> longShortRatio(String ccy, String period) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("ccy", ccy);
    params.put("period", period);
    return rest.getPublic("/api/v5/rubik/stat/contracts/long-short-account-ratio", params).valueStream()
        .map(r -> new LongShortRatio(millis(r.get(0)), num(r.get(1))))
        .toList();
  }

  static Instrument instrument(JsonNode i) {
    return new Instrument(
        i.path("instId").asString(), i.path("instType").asString(), i.path("settleCcy").asString(),
        dec(i, "ctVal"), dec(i, "ctMult"), i.path("ctValCcy").asString(), dec(i, "tickSz"), dec(i, "lotSz"),
        dec(i, "minSz"), dec(i, "maxMktSz"), dec(i, "maxLmtSz"), dec(i, "lever"), i.path("state").asString());
  }

  static Candle candle(JsonNode row) {
    return new Candle(
        millis(row.get(0)), num(row.get(1)), num(row.get(2)), num(row.get(3)), num(row.get(4)), num(row.get(5)),
        num(row.get(6)), num(row.get(7)), "1".equals(row.get(8).asString()));
  }

  private static List<OrderBook.Level> levels(JsonNode side) {
    return side.valueStream()
        .map(l -> new OrderBook.Level(num(l.get(0)), num(l.get(1)), Integer.parseInt(l.get(3).asString("0"))))
        .toList();
  }

  /** OKX numbers are strings; an empty string means "not applicable" and reads as zero. */
  private static BigDecimal dec(JsonNode node, String field) {
    return num(node.path(field));
  }

  private static BigDecimal num(JsonNode value) {
    String text = value == null ? "" : value.asString("");
    return text.isEmpty() ? BigDecimal.ZERO : new BigDecimal(text);
  }

  private static Instant millis(JsonNode value) {
    return Instant.ofEpochMilli(Long.parseLong(value.asString()));
  }
}
