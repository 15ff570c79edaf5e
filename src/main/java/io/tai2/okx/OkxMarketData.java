package io.tai2.okx;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** OKX public market data as typed records (docs/spec/okx-openrouter-protocols.md §3). No keys needed. */
public final class OkxMarketData {

  /** The most candles one request returns. */
  public static final int MAX_CANDLES = 300;

  private final OkxRestClient rest;

  public OkxMarketData(OkxRestClient rest) {
    this.rest = rest;
  }

  /** Every instrument of a type, e.g. {@code SWAP}. */
  public List<Instrument> instruments(String instType) {
    return rest.getPublic("/api/v5/public/instruments", Map.of("instType", instType))
        .valueStream()
        .map(OkxJson::instrument)
        .toList();
  }

  public Ticker ticker(String instId) {
    return OkxJson.ticker(rest.getPublic("/api/v5/market/ticker", Map.of("instId", instId)).get(0));
  }

  /** The book to {@code depth} levels per side (OKX allows up to 400). */
  public OrderBook books(String instId, int depth) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("instId", instId);
    params.put("sz", Integer.toString(depth));
    JsonNode b = rest.getPublic("/api/v5/market/books", params).get(0);
    return new OrderBook(
        instId,
        OkxJson.levels(b.path("asks")),
        OkxJson.levels(b.path("bids")),
        OkxJson.millis(b.path("ts")));
  }

  /** The newest {@code limit} bars (at most 300), newest first as OKX sends them; {@code bar} e.g. "1m", "4H". */
  public List<Candle> candles(String instId, String bar, int limit) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("instId", instId);
    params.put("bar", bar);
    params.put("limit", Integer.toString(Math.min(limit, MAX_CANDLES)));
    return rest.getPublic("/api/v5/market/candles", params)
        .valueStream()
        .map(OkxJson::candle)
        .toList();
  }

  /**
   * Up to {@code limit} bars (at most 300) that opened before {@code after} (epoch millis), newest first, from OKX's
   * years-deep {@code market/history-candles}; page further back with the oldest {@code ts} received.
   */
  public List<Candle> historyCandles(String instId, String bar, long after, int limit) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("instId", instId);
    params.put("bar", bar);
    params.put("after", Long.toString(after));
    params.put("limit", Integer.toString(Math.min(limit, MAX_CANDLES)));
    return rest.getPublic("/api/v5/market/history-candles", params)
        .valueStream()
        .map(OkxJson::candle)
        .toList();
  }

  /** The most settlements one {@code funding-rate-history} request returns. */
  public static final int MAX_FUNDING_SETTLEMENTS = 400;

  /**
   * Up to {@code limit} funding settlements (at most 400) earlier than {@code after} (epoch millis), newest first, from
   * {@code public/funding-rate-history}; page further back with the oldest {@code fundingTime} received.
   */
  public List<FundingSettlement> fundingRateHistory(String instId, long after, int limit) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("instId", instId);
    params.put("after", Long.toString(after));
    params.put("limit", Integer.toString(Math.min(limit, MAX_FUNDING_SETTLEMENTS)));
    return rest.getPublic("/api/v5/public/funding-rate-history", params)
        .valueStream()
        .map(
            f ->
                new FundingSettlement(
                    f.path("instId").asString(),
                    OkxJson.millis(f.path("fundingTime")),
                    OkxJson.optional(f.path("realizedRate"))
                        .orElseGet(() -> new BigDecimal(f.path("fundingRate").asString()))))
        .toList();
  }

  public FundingRate fundingRate(String instId) {
    return OkxJson.fundingRate(
        rest.getPublic("/api/v5/public/funding-rate", Map.of("instId", instId)).get(0));
  }

  public OpenInterest openInterest(String instId) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("instType", "SWAP");
    params.put("instId", instId);
    return OkxJson.openInterest(rest.getPublic("/api/v5/public/open-interest", params).get(0));
  }

  public BigDecimal markPrice(String instId) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("instType", "SWAP");
    params.put("instId", instId);
    return OkxJson.dec(rest.getPublic("/api/v5/public/mark-price", params).get(0), "markPx");
  }

  /** Leverage tiers of a swap family (e.g. {@code BTC-USDT}) for a margin mode. */
  public List<PositionTier> positionTiers(String instFamily, String tdMode) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("instType", "SWAP");
    params.put("tdMode", tdMode);
    params.put("instFamily", instFamily);
    return rest.getPublic("/api/v5/public/position-tiers", params)
        .valueStream()
        .map(
            t ->
                new PositionTier(
                    Integer.parseInt(t.path("tier").asString()),
                    OkxJson.dec(t, "minSz"),
                    OkxJson.dec(t, "maxSz"),
                    OkxJson.dec(t, "mmr"),
                    OkxJson.dec(t, "imr"),
                    OkxJson.dec(t, "maxLever")))
        .toList();
  }

  /** The newest public trades, newest first (at most 500). */
  public List<PublicTrade> trades(String instId, int limit) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("instId", instId);
    params.put("limit", Integer.toString(Math.min(limit, 500)));
    return rest.getPublic("/api/v5/market/trades", params)
        .valueStream()
        .map(OkxJson::trade)
        .toList();
  }

  /** Accounts long ÷ accounts short for a coin (e.g. {@code BTC}), newest first; {@code period} 5m, 1H or 1D. */
  public List<LongShortRatio> longShortRatio(String ccy, String period) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("ccy", ccy);
    params.put("period", period);
    return rest.getPublic("/api/v5/rubik/stat/contracts/long-short-account-ratio", params)
        .valueStream()
        .map(r -> new LongShortRatio(OkxJson.millis(r.get(0)), OkxJson.num(r.get(1))))
        .toList();
  }
}
