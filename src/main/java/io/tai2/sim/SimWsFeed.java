package io.tai2.sim;

import io.tai2.okx.Instrument;
import io.tai2.okx.OkxBookChecksum;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders the public channels (docs/spec/okx-openrouter-protocols.md §8.5–§8.7, §12.6) from the simulated market: which service carries each
 * channel, and the pushes a subscription gets when it starts, when the price moves and when a timer fires. Pushes carry
 * the same objects the REST endpoints return.
 */
final class SimWsFeed {

  /** Why pushes are being rendered. */
  enum Reason {
    SUBSCRIBED,
    PRICE,
    TIMER
  }

  static final int BOOKS_DEPTH = 400;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> PUBLIC_CHANNELS =
      List.of(
          "tickers",
          "books",
          "books5",
          "bbo-tbt",
          "trades",
          "funding-rate",
          "open-interest",
          "mark-price",
          "liquidation-orders");
  private static final List<String> PRIVATE_CHANNELS = List.of("account", "positions", "orders");

  private final Clock clock;
  private final SimMarket market;
  private final SimMarketEndpoints endpoints;
  private final AtomicLong tradeIds = new AtomicLong(130_639_474);

  /** Legacy mode: real CRC32 checksums on {@code books}; OKX sends 0 since 2026-06-23. */
  volatile boolean legacyChecksum;

  /** How often {@code funding-rate} repeats (OKX: every 30–90 s). */
  volatile Duration fundingEvery = Duration.ofSeconds(30);

  /** A {@code books} subscription without changes for this long gets an empty heartbeat update (OKX: about 60 s). */
  volatile Duration bookHeartbeat = Duration.ofSeconds(60);

  /** {@code open-interest} is pushed at most this often, and only when it changed (OKX: every 3 s). */
  static final Duration OPEN_INTEREST_EVERY = Duration.ofSeconds(3);

  SimWsFeed(Clock clock, SimMarket market, SimMarketEndpoints endpoints) {
    this.clock = clock;
    this.market = market;
    this.endpoints = endpoints;
  }

  /** The service a channel lives on; empty for a channel OKX does not have. */
  static Optional<SimWsSession.Service> serviceOf(String channel) {
    if (PUBLIC_CHANNELS.contains(channel)) {
      return Optional.of(SimWsSession.Service.PUBLIC);
    }
    if (PRIVATE_CHANNELS.contains(channel)) {
      return Optional.of(SimWsSession.Service.PRIVATE);
    }
    if (channel.equals("orders-algo")
        || (channel.startsWith("candle") && SimMarketEndpoints.knownBar(channel.substring(6)))) {
      return Optional.of(SimWsSession.Service.BUSINESS);
    }
    return Optional.empty();
  }

  /** Whether a public channel is keyed by instrument (all but {@code liquidation-orders}, which is keyed by type). */
  static boolean byInstrument(String channel) {
    return !channel.equals("liquidation-orders")
        && !PRIVATE_CHANNELS.contains(channel)
        && !channel.equals("orders-algo");
  }

  /** The messages a public subscription gets now; empty when nothing it carries changed. */
  List<String> pushes(SimWsSubscription sub, Reason reason) {
    Optional<Instrument> found = market.instrument(sub.instId);
    if (found.isEmpty()) {
      return List.of();
    }
    Instrument i = found.get();
    return switch (sub.channel) {
      case "tickers" ->
          reason == Reason.TIMER ? List.of() : changed(sub, data(sub, endpoints.ticker(i)));
      case "mark-price" ->
          reason == Reason.TIMER ? List.of() : changed(sub, data(sub, endpoints.markPrice(i)));
      case "funding-rate" ->
          reason == Reason.PRICE || !due(sub, reason, fundingEvery)
              ? List.of()
              : stamped(sub, List.of(data(sub, endpoints.fundingRate(i))));
      case "open-interest" ->
          reason == Reason.PRICE || !due(sub, reason, OPEN_INTEREST_EVERY)
              ? List.of()
              : stamped(sub, changed(sub, data(sub, endpoints.openInterest(i))));
      case "books" -> reason == Reason.TIMER ? heartbeat(sub) : stamped(sub, books(sub, i));
      case "books5" -> reason == Reason.TIMER ? List.of() : List.of(topOfBook(sub, i, 5));
      case "bbo-tbt" -> reason == Reason.TIMER ? List.of() : List.of(topOfBook(sub, i, 1));
      case "trades" -> reason == Reason.PRICE ? trade(sub, i) : List.of();
      default ->
          sub.channel.startsWith("candle") && reason != Reason.TIMER ? candles(sub, i) : List.of();
    };
  }

  /** Whether a timed channel is due: always on subscribe, on the timer once {@code every} passed since its last push. */
  private static boolean due(SimWsSubscription sub, Reason reason, Duration every) {
    return reason == Reason.SUBSCRIBED || System.nanoTime() - sub.lastPushNanos >= every.toNanos();
  }

  private static List<String> stamped(SimWsSubscription sub, List<String> messages) {
    sub.lastPushNanos = System.nanoTime();
    return messages;
  }

  /** The empty {@code books} update OKX sends when nothing changed for a while: {@code prevSeqId == seqId}. */
  private List<String> heartbeat(SimWsSubscription sub) {
    if (sub.seqId < 0 || System.nanoTime() - sub.lastPushNanos < bookHeartbeat.toNanos()) {
      return List.of();
    }
    ObjectNode book = JSON.createObjectNode();
    book.putArray("asks");
    book.putArray("bids");
    book.put("ts", Long.toString(clock.millis()))
        .put("checksum", 0)
        .put("prevSeqId", sub.seqId)
        .put("seqId", sub.seqId);
    ObjectNode message = JSON.createObjectNode();
    message.set("arg", sub.arg);
    message.put("action", "update");
    message.putArray("data").add(book);
    return stamped(sub, List.of(JSON.writeValueAsString(message)));
  }

  private static List<String> changed(SimWsSubscription sub, String message) {
    if (message.equals(sub.lastPayload)) {
      return List.of();
    }
    sub.lastPayload = message;
    return List.of(message);
  }

  static String data(SimWsSubscription sub, ObjectNode... rows) {
    ObjectNode message = JSON.createObjectNode();
    message.set("arg", sub.arg);
    ArrayNode data = message.putArray("data");
    for (ObjectNode row : rows) {
      data.add(row);
    }
    return JSON.writeValueAsString(message);
  }

  /** {@code books}: a 400-level snapshot first, then only the levels that changed, chained by prevSeqId → seqId. */
  private List<String> books(SimWsSubscription sub, Instrument i) {
    TreeMap<BigDecimal, String> asks = new TreeMap<>();
    TreeMap<BigDecimal, String> bids = new TreeMap<>(Comparator.reverseOrder());
    levels(i, BOOKS_DEPTH, asks, bids);
    boolean snapshot = sub.seqId < 0;
    ArrayNode askRows = snapshot ? rows(asks) : diff(sub.asks, asks);
    ArrayNode bidRows = snapshot ? rows(bids) : diff(sub.bids, bids);
    if (!snapshot && askRows.isEmpty() && bidRows.isEmpty()) {
      return List.of();
    }
    sub.asks.clear();
    sub.asks.putAll(asks);
    sub.bids.clear();
    sub.bids.putAll(bids);
    long prev = sub.seqId;
    long seq = snapshot ? 100_000 + tradeIds.get() % 1000 : prev + (sub.gapNext ? 2 : 1);
    if (sub.gapNext) {
      prev = prev + 1; // the message that would have carried prev+1 is "lost"
      sub.gapNext = false;
    }
    sub.seqId = seq;
    ObjectNode book = JSON.createObjectNode();
    book.set("asks", askRows);
    book.set("bids", bidRows);
    book.put("ts", Long.toString(clock.millis()));
    book.put(
        "checksum", legacyChecksum ? OkxBookChecksum.of(strings(sub.bids), strings(sub.asks)) : 0);
    book.put("prevSeqId", snapshot ? -1 : prev);
    book.put("seqId", seq);
    ObjectNode message = JSON.createObjectNode();
    message.set("arg", sub.arg);
    message.put("action", snapshot ? "snapshot" : "update");
    message.putArray("data").add(book);
    return List.of(JSON.writeValueAsString(message));
  }

  private String topOfBook(SimWsSubscription sub, Instrument i, int depth) {
    TreeMap<BigDecimal, String> asks = new TreeMap<>();
    TreeMap<BigDecimal, String> bids = new TreeMap<>(Comparator.reverseOrder());
    levels(i, depth, asks, bids);
    ObjectNode book = JSON.createObjectNode();
    book.set("asks", rows(asks));
    book.set("bids", rows(bids));
    if (depth == 5) {
      book.put("instId", i.instId());
    }
    book.put("ts", Long.toString(clock.millis()));
    book.put("seqId", ++sub.seqId);
    return data(sub, book);
  }

  private void levels(
      Instrument i, int depth, TreeMap<BigDecimal, String> asks, TreeMap<BigDecimal, String> bids) {
    BigDecimal bid = market.bestBid(i.instId());
    String size = Integer.toString(SimMarketEndpoints.BOOK_LEVEL_SIZE);
    for (int level = 0; level < depth; level++) {
      BigDecimal step = i.tickSz().multiply(BigDecimal.valueOf(level));
      asks.put(bid.add(i.tickSz()).add(step), size);
      BigDecimal bidPx = bid.subtract(step);
      if (bidPx.signum() > 0) {
        bids.put(bidPx, size);
      }
    }
  }

  private static ArrayNode rows(TreeMap<BigDecimal, String> side) {
    ArrayNode rows = JSON.createArrayNode();
    side.forEach((px, sz) -> rows.add(level(px, sz)));
    return rows;
  }

  /** Levels that are new or changed size, and removed levels with size "0", in the side's order. */
  private static ArrayNode diff(
      TreeMap<BigDecimal, String> before, TreeMap<BigDecimal, String> after) {
    TreeMap<BigDecimal, String> changes = new TreeMap<>(before.comparator());
    before.forEach(
        (px, sz) -> {
          if (!after.containsKey(px)) {
            changes.put(px, "0");
          }
        });
    after.forEach(
        (px, sz) -> {
          if (!sz.equals(before.get(px))) {
            changes.put(px, sz);
          }
        });
    return rows(changes);
  }

  private static ArrayNode level(BigDecimal px, String sz) {
    return JSON.createArrayNode()
        .add(SimTradingEndpoints.str(px))
        .add(sz)
        .add("0")
        .add(sz.equals("0") ? "0" : "1");
  }

  private static List<Map.Entry<String, String>> strings(TreeMap<BigDecimal, String> side) {
    List<Map.Entry<String, String>> result = new ArrayList<>(side.size());
    side.forEach((px, sz) -> result.add(Map.entry(SimTradingEndpoints.str(px), sz)));
    return result;
  }

  /** {@code trades}: one taker trade per price move, on the side the price moved to. */
  private List<String> trade(SimWsSubscription sub, Instrument i) {
    BigDecimal last = market.last(i.instId());
    if (sub.lastPrice != null && sub.lastPrice.compareTo(last) == 0) {
      return List.of();
    }
    String side = sub.lastPrice == null || last.compareTo(sub.lastPrice) >= 0 ? "buy" : "sell";
    sub.lastPrice = last;
    ObjectNode t = JSON.createObjectNode();
    t.put("instId", i.instId())
        .put("tradeId", Long.toString(tradeIds.incrementAndGet()))
        .put("px", SimTradingEndpoints.str(last))
        .put("sz", "1")
        .put("side", side)
        .put("ts", Long.toString(clock.millis()))
        .put("count", "1")
        .put("seqId", ++sub.seqId);
    return List.of(data(sub, t));
  }

  /** {@code candle<bar>}: the forming bar; when a new bar starts, the one that ended once more with confirm "1". */
  private List<String> candles(SimWsSubscription sub, Instrument i) {
    List<ArrayNode> recent =
        endpoints.recentCandles(i, sub.channel.substring("candle".length()), 2);
    List<String> messages = new ArrayList<>(2);
    long open = Long.parseLong(recent.getFirst().get(0).asString());
    if (sub.lastBarOpen >= 0 && open != sub.lastBarOpen && recent.size() > 1) {
      messages.add(candleMessage(sub, recent.get(1)));
    }
    sub.lastBarOpen = open;
    String message = candleMessage(sub, recent.getFirst());
    if (!message.equals(sub.lastPayload)) {
      sub.lastPayload = message;
      messages.add(message);
    }
    return messages;
  }

  private static String candleMessage(SimWsSubscription sub, ArrayNode row) {
    ObjectNode message = JSON.createObjectNode();
    message.set("arg", sub.arg);
    message.putArray("data").add(row);
    return JSON.writeValueAsString(message);
  }

  /** A {@code liquidation-orders} push (control API: the simulator has no liquidation engine yet). */
  String liquidation(
      SimWsSubscription sub, String instId, String side, String posSide, String sz, String bkPx) {
    ObjectNode detail = JSON.createObjectNode();
    detail
        .put("bkLoss", "0")
        .put("bkPx", bkPx)
        .put("ccy", "")
        .put("posSide", posSide)
        .put("side", side)
        .put("sz", sz)
        .put("ts", Long.toString(clock.millis()));
    ObjectNode row = JSON.createObjectNode();
    row.putArray("details").add(detail);
    row.put("instFamily", instId.replace("-SWAP", ""))
        .put("instId", instId)
        .put("instType", "SWAP")
        .put("uly", instId.replace("-SWAP", ""));
    return data(sub, row);
  }
}
