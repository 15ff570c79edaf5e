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
