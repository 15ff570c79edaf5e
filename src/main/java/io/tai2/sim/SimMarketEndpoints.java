package io.tai2.sim;

import io.tai2.fills.PositionMath;
import io.tai2.okx.Instrument;
import io.tai2.okx.OkxBarSize;
import io.tai2.okx.OkxError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Public market data endpoints (docs/spec/okx-openrouter-protocols.md §3), rendered with OKX's field names and string numbers. */
final class SimMarketEndpoints {

  static final int BOOK_LEVEL_SIZE = 25;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final SimMarket market;

  private final SimCandles candles;

  SimMarketEndpoints(SimMarket market) {
    this.market = market;
    this.candles = new SimCandles(market);
  }

  SimResponse instruments(Map<String, String> query) {
    ArrayNode data = JSON.createArrayNode();
    if ("SWAP".equals(query.get("instType"))) {
      market.instruments().values().stream()
          .filter(i -> !query.containsKey("instId") || i.instId().equals(query.get("instId")))
          .forEach(i -> data.add(instrument(i)));
    }
    return ok(data);
  }

  SimResponse ticker(Map<String, String> query) {
    Optional<Instrument> instrument = instrument(query);
    if (instrument.isEmpty()) {
      return SimResponse.error(OkxError.INSTRUMENT_NOT_FOUND);
    }
    return ok(JSON.createArrayNode().add(ticker(instrument.get())));
  }

  /** A ticker object as REST and the {@code tickers} channel carry it. */
  ObjectNode ticker(Instrument i) {
    DayStats stats = dayStats(i);
    BigDecimal bid = bestBid(i);
    BigDecimal high = stats.high();
    BigDecimal low = stats.low();
    BigDecimal vol = stats.volume();
    ObjectNode t = JSON.createObjectNode();
    t.put("instType", "SWAP")
        .put("instId", i.instId())
        .put("last", str(market.last(i.instId())))
        .put("lastSz", "1")
        .put("askPx", str(bid.add(i.tickSz())))
        .put("askSz", Integer.toString(BOOK_LEVEL_SIZE))
        .put("bidPx", str(bid))
        .put("bidSz", Integer.toString(BOOK_LEVEL_SIZE))
        .put("open24h", str(stats.open()))
        .put("high24h", str(high))
        .put("low24h", str(low))
        .put("vol24h", str(vol))
        .put("volCcy24h", str(vol.multiply(i.contractSize())))
        .put("sodUtc0", str(stats.open()))
        .put("sodUtc8", str(stats.open()))
        .put("ts", Long.toString(market.now().toEpochMilli()));
    return t;
  }

  /** The last 1,440 one-minute bars summed up; cached per bar, since a ticker push would otherwise sum them every time. */
  private record DayStats(
      int bar, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal volume) {}

  private final Map<String, DayStats> dayStats = new ConcurrentHashMap<>();

  private DayStats dayStats(Instrument i) {
    int bar = market.barIndex();
    DayStats cached = dayStats.get(i.instId());
    if (cached != null && cached.bar() == bar) {
      return cached;
    }
    SimMarket.Bar day = lastDay(i);
    DayStats fresh = new DayStats(bar, day.open(), day.high(), day.low(), day.volume());
    dayStats.put(i.instId(), fresh);
    return fresh;
  }

  /** The last 1,440 one-minute bars (the forming one included) summed up. */
  private SimMarket.Bar lastDay(Instrument i) {
    long open = market.currentBarOpen().toEpochMilli();
    return market.span(i.instId(), open - 1_439 * 60_000L, open + 60_000L).orElseThrow();
  }

  SimResponse books(Map<String, String> query) {
    Optional<Instrument> instrument = instrument(query);
    if (instrument.isEmpty()) {
      return SimResponse.error(OkxError.INSTRUMENT_NOT_FOUND);
    }
    int depth;
    try {
      depth = Integer.parseInt(query.getOrDefault("sz", "1"));
    } catch (NumberFormatException e) {
      return parameterError("sz");
    }
    if (depth < 1 || depth > 400) {
      return parameterError("sz");
    }
    return ok(JSON.createArrayNode().add(book(instrument.get(), depth)));
  }

  /** The synthetic book to {@code depth} levels: asks and bids one tick apart around the last price. */
  ObjectNode book(Instrument i, int depth) {
    BigDecimal bid = bestBid(i);
    ArrayNode asks = JSON.createArrayNode();
    ArrayNode bids = JSON.createArrayNode();
    for (int level = 0; level < depth; level++) {
      BigDecimal step = i.tickSz().multiply(BigDecimal.valueOf(level));
      asks.add(level(bid.add(i.tickSz()).add(step)));
      bids.add(level(bid.subtract(step)));
    }
    ObjectNode book = JSON.createObjectNode();
    book.set("asks", asks);
    book.set("bids", bids);
    book.put("ts", Long.toString(market.now().toEpochMilli()));
    return book;
  }

  /** {@code market/candles}: the latest 1,440 bars of the size asked, paged with {@code after}/{@code before}. */
  SimResponse candles(Map<String, String> query) {
    return candles.candles(query, true);
  }

  /** {@code market/history-candles}: the same over the whole deep history. */
  SimResponse historyCandles(Map<String, String> query) {
    return candles.candles(query, false);
  }

  /** {@code public/funding-rate-history}: the funding schedule's settlements, newest first. */
  SimResponse fundingRateHistory(Map<String, String> query) {
    return candles.fundingRateHistory(query);
  }

  /**
   * The newest {@code count} bars of {@code bar} length (e.g. "1m", "1H"), newest first, the forming one with confirm
   * "0"; empty for an unknown bar length.
   */
  List<ArrayNode> recentCandles(Instrument i, String bar, int count) {
    return candles.recent(i, bar, count);
  }

  /** Whether {@code bar} is a bar length the simulator serves. */
  static boolean knownBar(String bar) {
    return OkxBarSize.of(bar).isPresent();
  }

  /** A constant funding rate per instrument, settling at 00:00, 08:00 and 16:00 UTC. */
  SimResponse fundingRate(Map<String, String> query) {
    Optional<Instrument> instrument = instrument(query);
    if (instrument.isEmpty()) {
      return SimResponse.error(OkxError.INSTRUMENT_NOT_FOUND);
    }
    return ok(JSON.createArrayNode().add(fundingRate(instrument.get())));
  }

  ObjectNode fundingRate(Instrument i) {
    long eightHours = SimMarket.FUNDING_PERIOD.toMillis();
    long next = SimMarket.nextFundingTime(market.currentBarOpen().toEpochMilli());
    ObjectNode n = JSON.createObjectNode();
    n.put("instType", "SWAP")
        .put("instId", i.instId())
        .put("method", "current_period")
        .put("formulaType", "noRate")
        .put("fundingRate", str(SimMarket.FUNDING_RATE))
        .put("nextFundingRate", "")
        .put("fundingTime", Long.toString(next))
        .put("nextFundingTime", Long.toString(next + eightHours))
        .put("minFundingRate", "-0.00375")
        .put("maxFundingRate", "0.00375")
        .put("settState", "settled")
        .put("ts", Long.toString(market.now().toEpochMilli()));
    return n;
  }

  /** Open interest modelled as the last day's volume in contracts. */
  SimResponse openInterest(Map<String, String> query) {
    Optional<Instrument> instrument = instrument(query);
    if (instrument.isEmpty()) {
      return SimResponse.error(OkxError.INSTRUMENT_NOT_FOUND);
    }
    return ok(JSON.createArrayNode().add(openInterest(instrument.get())));
  }

  ObjectNode openInterest(Instrument i) {
    BigDecimal oi = lastDay(i).volume();
    BigDecimal coin = oi.multiply(i.contractSize());
    ObjectNode n = JSON.createObjectNode();
    n.put("instType", "SWAP")
        .put("instId", i.instId())
        .put("oi", str(oi))
        .put("oiCcy", str(coin))
        .put("oiUsd", str(coin.multiply(market.last(i.instId())).setScale(2, RoundingMode.HALF_UP)))
        .put("ts", Long.toString(market.now().toEpochMilli()));
    return n;
  }

  /** The mark price equals the last price in the simulator. */
  SimResponse markPrice(Map<String, String> query) {
    Optional<Instrument> instrument = instrument(query);
    if (instrument.isEmpty()) {
      return SimResponse.error(OkxError.INSTRUMENT_NOT_FOUND);
    }
    return ok(JSON.createArrayNode().add(markPrice(instrument.get())));
  }

  ObjectNode markPrice(Instrument i) {
    ObjectNode n = JSON.createObjectNode();
    n.put("instType", "SWAP")
        .put("instId", i.instId())
        .put("markPx", str(market.last(i.instId())))
        .put("ts", Long.toString(market.now().toEpochMilli()));
    return n;
  }

  /** Two tiers per family: up to 3000 contracts at the instrument's maximum leverage, then up to 6000 at three quarters. */
  SimResponse positionTiers(Map<String, String> query) {
    String family = query.getOrDefault("instFamily", "");
    Optional<Instrument> instrument = market.instrument(family + "-SWAP");
    if (family.isEmpty()) {
      return new SimResponse(
          400,
          "{\"code\":\"50014\",\"msg\":\"Parameter instFamily can not be empty.\",\"data\":[]}");
    }
    ArrayNode rows = JSON.createArrayNode();
    instrument.ifPresent(
        i -> {
          BigDecimal max = i.maxLeverage();
          BigDecimal second = max.multiply(new BigDecimal("0.75")).setScale(0, RoundingMode.DOWN);
          rows.add(tier(family, 1, "0", "3000", PositionMath.MMR_RATE, max));
          rows.add(
              tier(
                  family,
                  2,
                  "3001",
                  "6000",
                  PositionMath.MMR_RATE.add(new BigDecimal("0.001")),
                  second));
        });
    return ok(rows);
  }

  private static ObjectNode tier(
      String family, int tier, String min, String max, BigDecimal mmr, BigDecimal lever) {
    ObjectNode n = JSON.createObjectNode();
    n.put("uly", family)
        .put("instFamily", family)
        .put("instId", "")
        .put("tier", Integer.toString(tier))
        .put("minSz", min)
        .put("maxSz", max)
        .put("mmr", str(mmr))
        .put("imr", str(BigDecimal.ONE.divide(lever, 4, RoundingMode.HALF_UP)))
        .put("maxLever", str(lever))
        .put("optMgnFactor", "0")
        .put("quoteMaxLoan", "")
        .put("baseMaxLoan", "");
    return n;
  }

  /** Trades from the price path: one per minute bar, taker side by the bar's direction; newest first. */
  SimResponse trades(Map<String, String> query) {
    Optional<Instrument> instrument = instrument(query);
    if (instrument.isEmpty()) {
      return SimResponse.error(OkxError.INSTRUMENT_NOT_FOUND);
    }
    int limit = Math.min(500, Integer.parseInt(query.getOrDefault("limit", "100")));
    List<Map.Entry<Instant, SimMarket.Bar>> bars = market.history(instrument.get().instId(), limit);
    ArrayNode rows = JSON.createArrayNode();
    for (int k = bars.size() - 1; k >= 0; k--) {
      SimMarket.Bar bar = bars.get(k).getValue();
      // The current bar's trade is stamped no later than now: OKX never reports a trade from the
      // future.
      long ts = Math.min(bars.get(k).getKey().toEpochMilli() + 59_000, market.now().toEpochMilli());
      rows.addObject()
          .put("instId", instrument.get().instId())
          .put("tradeId", Long.toString(ts / 1000))
          .put("px", str(bar.close()))
          .put(
              "sz",
              str(
                  bar.volume()
                      .divide(BigDecimal.TEN, 1, RoundingMode.HALF_UP)
                      .max(new BigDecimal("0.1"))))
          .put("side", bar.close().compareTo(bar.open()) >= 0 ? "buy" : "sell")
          .put("ts", Long.toString(ts));
    }
    return ok(rows);
  }

  /** Long/short account ratio per 5 minutes, drifting with price: rising prices bring more longs. */
  SimResponse longShortRatio(Map<String, String> query) {
    String ccy = query.getOrDefault("ccy", "");
    Optional<Instrument> instrument = market.instrument(ccy + "-USDT-SWAP");
    if (instrument.isEmpty()) {
      return new SimResponse(
          400, "{\"code\":\"51000\",\"msg\":\"Parameter ccy error\",\"data\":[]}");
    }
    List<Map.Entry<Instant, SimMarket.Bar>> bars =
        market.history(instrument.get().instId(), 24 * 5);
    ArrayNode rows = JSON.createArrayNode();
    for (int k = bars.size() - 1; k >= 0; k -= 5) {
      SimMarket.Bar bar = bars.get(k).getValue();
      double drift =
          bar.close().subtract(bar.open()).divide(bar.open(), 8, RoundingMode.HALF_UP).doubleValue()
              * 100;
      BigDecimal ratio =
          BigDecimal.valueOf(1.5 + drift)
              .setScale(2, RoundingMode.HALF_UP)
              .max(new BigDecimal("0.1"));
      long ts = Math.floorDiv(bars.get(k).getKey().toEpochMilli(), 300_000L) * 300_000L;
      rows.add(JSON.createArrayNode().add(Long.toString(ts)).add(str(ratio)));
    }
    return ok(rows);
  }

  private BigDecimal bestBid(Instrument i) {
    return market.bestBid(i.instId());
  }

  private Optional<Instrument> instrument(Map<String, String> query) {
    return Optional.ofNullable(query.get("instId")).flatMap(market::instrument);
  }

  private static ArrayNode level(BigDecimal price) {
    return JSON.createArrayNode()
        .add(str(price))
        .add(Integer.toString(BOOK_LEVEL_SIZE))
        .add("0")
        .add("1");
  }

  private static ObjectNode instrument(Instrument i) {
    ObjectNode n = JSON.createObjectNode();
    n.put("instType", i.instType())
        .put("instId", i.instId())
        .put("instFamily", i.instId().replace("-SWAP", ""))
        .put("uly", i.instId().replace("-SWAP", ""))
        .put("baseCcy", "")
        .put("quoteCcy", "")
        .put("settleCcy", i.settleCcy())
        .put("ctVal", str(i.ctVal()))
        .put("ctMult", str(i.ctMult()))
        .put("ctValCcy", i.ctValCcy())
        .put("ctType", "linear")
        .put("tickSz", str(i.tickSz()))
        .put("lotSz", str(i.lotSz()))
        .put("minSz", str(i.minSz()))
        .put("maxMktSz", str(i.maxMktSz()))
        .put("maxLmtSz", str(i.maxLmtSz()))
        .put("lever", str(i.maxLeverage()))
        .put("state", i.state())
        .put("ruleType", "normal")
        .put("listTime", "1611916828000")
        .put("expTime", "")
        .put("alias", "")
        .put("optType", "")
        .put("stk", "");
    return SimOkxFields.instrument(n);
  }

  private static SimResponse ok(ArrayNode data) {
    return SimResponse.ok(JSON.writeValueAsString(data));
  }

  private static SimResponse parameterError(String name) {
    return new SimResponse(
        400, "{\"code\":\"51000\",\"msg\":\"Parameter " + name + " error\",\"data\":[]}");
  }

  private static String str(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
