package io.tai2.sim;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What happened on an account, as OKX's history endpoints page it: finished orders ({@code orders-history}, 7 days, and
 * {@code orders-history-archive}, 3 months), {@code fills-history}, one algo order ({@code GET order-algo}),
 * {@code bills-archive} and closed positions ({@code positions-history}).
 */
final class SimHistoryEndpoints {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration RECENT = Duration.ofDays(7);
  private static final Duration ARCHIVE = Duration.ofDays(92);

  private final Clock clock;
  private final SimExchange exchange;
  private final SimTradingEndpoints trading;

  SimHistoryEndpoints(Clock clock, SimExchange exchange, SimTradingEndpoints trading) {
    this.clock = clock;
    this.exchange = exchange;
    this.trading = trading;
  }

  /**
   * {@code GET trade/orders-history[-archive]}: {@code instType} required; filters {@code instId}, {@code ordType},
   * {@code state} (filled|canceled), {@code begin}/{@code end} (cTime ms); {@code after}/{@code before} page by ordId; newest
   * first, {@code limit} ≤ 100.
   */
  SimResponse ordersHistory(SimAccount account, Map<String, String> query, boolean archive) {
    Optional<SimResponse> invalid =
        requireSwap(query).or(() -> checkPaging(query, "after", "before", "begin", "end"));
    if (invalid.isPresent()) {
      return invalid.get();
    }
    String state = query.getOrDefault("state", "");
    if (!state.isEmpty() && !state.equals("filled") && !state.equals("canceled")) {
      return parameterError("Parameter state error");
    }
    String instId = query.getOrDefault("instId", "");
    String ordType = query.getOrDefault("ordType", "");
    long since = clock.millis() - (archive ? ARCHIVE : RECENT).toMillis();
    long begin = Math.max(since, number(query, "begin", 0));
    long end = number(query, "end", Long.MAX_VALUE);
    long after = number(query, "after", Long.MAX_VALUE);
    long before = number(query, "before", Long.MIN_VALUE);
    List<SimExchange.Order> orders =
        exchange.withBook(account.apiKey(), book -> List.copyOf(book.orders));
    ArrayNode rows = JSON.createArrayNode();
    orders.stream()
        .filter(o -> !o.state().equals("live"))
        .filter(o -> state.isEmpty() || o.state().equals(state))
        .filter(o -> instId.isEmpty() || o.instId().equals(instId))
        .filter(o -> ordType.isEmpty() || List.of(ordType.split(",")).contains(o.ordType()))
        .filter(o -> o.cTime() >= begin && o.cTime() <= end)
        .filter(o -> Long.parseLong(o.ordId()) < after && Long.parseLong(o.ordId()) > before)
        .sorted((a, b) -> Long.compare(Long.parseLong(b.ordId()), Long.parseLong(a.ordId())))
        .limit(limit(query))
        .forEach(o -> rows.add(SimTradingEndpoints.orderRow(o)));
    return ok(rows);
  }

  /** {@code GET trade/fills-history}: {@code instType} required, then as {@code trade/fills} (newest first, paged by billId). */
  SimResponse fillsHistory(SimAccount account, Map<String, String> query) {
    return requireSwap(query)
        .or(() -> checkPaging(query, "after", "before", "begin", "end"))
        .orElseGet(() -> trading.fills(account, query));
  }

  /** {@code GET account/bills-archive}: the bills, as {@code account/bills} pages them. */
  SimResponse billsArchive(SimAccount account, Map<String, String> query) {
    return checkPaging(query, "after", "before", "begin", "end")
        .orElseGet(() -> trading.bills(account, query));
  }

  /** {@code GET trade/order-algo}: one algo order, pending or finished, by {@code algoId} or {@code algoClOrdId}. */
  SimResponse algoOrder(SimAccount account, Map<String, String> query) {
    String algoId = query.getOrDefault("algoId", "");
    String algoClOrdId = query.getOrDefault("algoClOrdId", "");
    if (algoId.isEmpty() && algoClOrdId.isEmpty()) {
      return new SimResponse(
          400,
          "{\"code\":\"51000\",\"msg\":\"Parameter algoId or algoClOrdId error\",\"data\":[]}");
    }
    Predicate<SimExchange.Algo> wanted =
        a -> algoId.isEmpty() ? a.algoClOrdId().equals(algoClOrdId) : a.algoId().equals(algoId);
    Optional<SimExchange.Algo> found =
        exchange.withBook(
            account.apiKey(), book -> book.algos.reversed().stream().filter(wanted).findFirst());
    if (found.isEmpty()) {
      return new SimResponse(
          200, "{\"code\":\"51603\",\"msg\":\"Order does not exist\",\"data\":[]}");
    }
    SimExchange.Algo a = found.get();
    return ok(
        JSON.createArrayNode()
            .add(
                SimAlgoEndpoints.algoPush(a, exchange.triggeredLeg(account.apiKey(), a.algoId()))));
  }

  /**
   * {@code GET account/positions-history}: every position that went back to zero, rebuilt from the trade and liquidation
   * bills (open and close average prices, sizes, PnL, fees, funding); newest first, {@code limit} ≤ 100.
   */
  SimResponse positionsHistory(SimAccount account, Map<String, String> query) {
    Optional<SimResponse> invalid = checkPaging(query, "after", "before");
    if (invalid.isPresent()) {
      return invalid.get();
    }
    String instId = query.getOrDefault("instId", "");
    long after = number(query, "after", Long.MAX_VALUE);
    long before = number(query, "before", Long.MIN_VALUE);
    List<SimExchange.Bill> bills = exchange.bills(account.apiKey()).reversed(); // oldest first
    Map<String, Lifecycle> open = new HashMap<>();
    List<ObjectNode> closed = new ArrayList<>();
    for (SimExchange.Bill b : bills) {
      String key = b.instId() + "/" + b.mgnMode();
      if (b.type().equals("8") && open.containsKey(key)) {
        open.get(key).funding = open.get(key).funding.add(b.balChg());
      }
      if (!b.type().equals("2") && !b.type().equals("5")) {
        continue;
      }
      Lifecycle life = open.computeIfAbsent(key, k -> new Lifecycle(b));
      life.add(b);
      if (life.pos.signum() == 0) {
        open.remove(key);
        closed.add(life.row(exchange.leverage(account.apiKey(), b.instId(), b.mgnMode())));
      }
    }
    ArrayNode rows = JSON.createArrayNode();
    closed.reversed().stream()
        .filter(r -> instId.isEmpty() || r.path("instId").asString().equals(instId))
        .filter(
            r ->
                query.getOrDefault("mgnMode", "").isEmpty()
                    || r.path("mgnMode").asString().equals(query.get("mgnMode")))
        .filter(
            r ->
                Long.parseLong(r.path("uTime").asString()) < after
                    && Long.parseLong(r.path("uTime").asString()) > before)
        .limit(limit(query))
        .forEach(rows::add);
    return ok(rows);
  }

  /** One position from its first fill to the fill that closed it. */
  private static final class Lifecycle {
    final String instId;
    final String mgnMode;
    final long cTime;
    final int direction;
    BigDecimal pos = BigDecimal.ZERO;
    BigDecimal opened = BigDecimal.ZERO;
    BigDecimal openValue = BigDecimal.ZERO;
    BigDecimal closedSz = BigDecimal.ZERO;
    BigDecimal closeValue = BigDecimal.ZERO;
    BigDecimal fee = BigDecimal.ZERO;
    BigDecimal pnl = BigDecimal.ZERO;
    BigDecimal funding = BigDecimal.ZERO;
    boolean liquidated;
    long uTime;

    Lifecycle(SimExchange.Bill first) {
      instId = first.instId();
      mgnMode = first.mgnMode();
      cTime = first.ts();
      direction = first.side().equals("buy") ? 1 : -1;
    }

    void add(SimExchange.Bill b) {
      int dir = b.side().equals("buy") ? 1 : -1;
      if (dir == direction) {
        opened = opened.add(b.sz());
        openValue = openValue.add(b.sz().multiply(b.px()));
      } else {
        closedSz = closedSz.add(b.sz());
        closeValue = closeValue.add(b.sz().multiply(b.px()));
      }
      pos = pos.add(b.sz().multiply(BigDecimal.valueOf(dir)));
      fee = fee.add(b.fee());
      pnl = pnl.add(b.pnl());
      liquidated |= b.type().equals("5");
      uTime = b.ts();
    }

    ObjectNode row(BigDecimal lever) {
      ObjectNode n = JSON.createObjectNode();
      BigDecimal realized = pnl.add(fee).add(funding);
      n.put("instType", "SWAP")
          .put("instId", instId)
          .put("mgnMode", mgnMode)
          .put("type", liquidated ? "3" : "2")
          .put("cTime", Long.toString(cTime))
          .put("uTime", Long.toString(uTime))
          .put("posId", instId + "-" + cTime)
          .put(
              "openAvgPx", SimTradingEndpoints.str(openValue.divide(opened, MathContext.DECIMAL64)))
          .put(
              "closeAvgPx",
              SimTradingEndpoints.str(closeValue.divide(closedSz, MathContext.DECIMAL64)))
          .put("openMaxPos", SimTradingEndpoints.str(opened))
          .put("closeTotalPos", SimTradingEndpoints.str(closedSz))
          .put("realizedPnl", SimTradingEndpoints.str(realized))
          .put("pnl", SimTradingEndpoints.str(pnl))
          .put("fee", SimTradingEndpoints.str(fee))
          .put("fundingFee", SimTradingEndpoints.str(funding))
          .put("liqPenalty", "0")
          .put(
              "pnlRatio",
              SimTradingEndpoints.str(
                  pnl.multiply(lever)
                      .divide(openValue.abs().max(BigDecimal.ONE), MathContext.DECIMAL64)))
          .put("posSide", "net")
          .put("lever", SimTradingEndpoints.str(lever))
          .put("direction", direction > 0 ? "long" : "short")
          .put("triggerPx", "")
          .put("uly", instId.replace("-SWAP", ""))
          .put("ccy", "USDT");
      return n;
    }
  }

  private static Optional<SimResponse> requireSwap(Map<String, String> query) {
    String instType = query.getOrDefault("instType", "");
    if (instType.isEmpty()) {
      return Optional.of(
          new SimResponse(
              400,
              "{\"code\":\"50014\",\"msg\":\"Parameter instType can not be empty.\",\"data\":[]}"));
    }
    return List.of("SPOT", "MARGIN", "SWAP", "FUTURES", "OPTION").contains(instType)
        ? Optional.empty()
        : Optional.of(parameterError("Parameter instType error"));
  }

  /** Paging values must be whole numbers and {@code limit} 1–100 (51000 otherwise). */
  private static Optional<SimResponse> checkPaging(Map<String, String> query, String... keys) {
    for (String key : keys) {
      if (!query.getOrDefault(key, "0").matches("\\d{1,19}")) {
        return Optional.of(parameterError("Parameter " + key + " error"));
      }
    }
    String limit = query.getOrDefault("limit", "100");
    return limit.matches("\\d{1,3}") && Integer.parseInt(limit) >= 1
        ? Optional.empty()
        : Optional.of(parameterError("Parameter limit error"));
  }

  private static long number(Map<String, String> query, String key, long absent) {
    String value = query.getOrDefault(key, "");
    return value.isEmpty() ? absent : Long.parseLong(value);
  }

  private static int limit(Map<String, String> query) {
    return Math.min(100, Integer.parseInt(query.getOrDefault("limit", "100")));
  }

  private static SimResponse parameterError(String msg) {
    return new SimResponse(400, "{\"code\":\"51000\",\"msg\":\"" + msg + "\",\"data\":[]}");
  }

  private static SimResponse ok(ArrayNode rows) {
    return SimResponse.ok(JSON.writeValueAsString(rows));
  }
}
