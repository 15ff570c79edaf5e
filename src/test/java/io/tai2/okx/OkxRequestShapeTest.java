package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeType;

/**
 * Each request tai2 makes that a real client was also captured making goes to the same path, with query and body keys
 * that real requests use (OKX fields only: ccxt's own keys are not OKX's), numbers as JSON strings and booleans where
 * real requests send booleans. Keys tai2 sends that no captured request happens to carry are listed in {@link
 * #NOT_IN_CAPTURES} with where OKX documents them.
 */
class OkxRequestShapeTest {

  /** ccxt puts these client-side keys into some captured bodies; OKX does not read them. */
  static final Set<String> CCXT_ONLY_KEYS =
      Set.of(
          "stopLossPrice",
          "takeProfitPrice",
          "stopLoss",
          "takeProfit",
          "trailingPrice",
          "createMarketBuyOrderRequiresPrice");

  /** An OKX request field as OKX documents it: its JSON type and what it is for. */
  record Documented(JsonNodeType type, String doc) {
    static Documented string(String doc) {
      return new Documented(JsonNodeType.STRING, doc);
    }
  }

  /** OKX fields tai2 sends that the captured requests of that endpoint do not use, with OKX's documentation of them. */
  static final Map<String, Map<String, Documented>> NOT_IN_CAPTURES =
      Map.ofEntries(
          Map.entry(
              "POST /api/v5/account/set-leverage",
              Map.of(
                  "posSide",
                  Documented.string(
                      "set-leverage: long/short side, required for isolated margin in long/short mode"))),
          Map.entry(
              "POST /api/v5/trade/batch-orders",
              Map.of(
                  "attachAlgoClOrdId",
                  Documented.string(
                      "place order attachAlgoOrds[]: client id of the attached TP/SL, becomes its algoClOrdId"))),
          Map.entry(
              "POST /api/v5/trade/order-algo",
              Map.of(
                  "algoClOrdId",
                  Documented.string(
                      "place algo order: the algo's client id (ccxt sends the older clOrdId alias; OKX echoes both)"))),
          Map.entry(
              "POST /api/v5/trade/close-position",
              Map.of(
                  "autoCxl",
                  new Documented(
                      JsonNodeType.BOOLEAN,
                      "close positions: cancel pending close orders first instead of failing with 51115"),
                  "clOrdId",
                  Documented.string("close positions: client id of the closing market order"))),
          Map.entry(
              "POST /api/v5/asset/transfer",
              Map.of(
                  "clientId",
                  Documented.string("funds transfer: client id to look the transfer up by"))),
          Map.entry(
              "GET /api/v5/trade/order",
              Map.of(
                  "clOrdId",
                  Documented.string("order details: the client order id, instead of ordId"))),
          Map.entry(
              "POST /api/v5/trade/cancel-order",
              Map.of(
                  "clOrdId",
                  Documented.string("cancel order: the client order id, instead of ordId"))),
          Map.entry(
              "GET /api/v5/trade/orders-pending",
              Map.of("instType", Documented.string("order list: instrument type filter"))),
          Map.entry(
              "GET /api/v5/public/open-interest",
              Map.of(
                  "instId",
                  Documented.string("open interest: one instrument instead of the whole type"))),
          Map.entry(
              "GET /api/v5/market/trades",
              Map.of("limit", Documented.string("trades: number of results, at most 500"))),
          Map.entry(
              "GET /api/v5/asset/balances",
              Map.of("ccy", Documented.string("funding balance: currency filter"))),
          Map.entry(
              "GET /api/v5/account/bills",
              Map.of(
                  "type", Documented.string("bills: bill type filter (2 trade, 8 funding fee …)"),
                  "begin", Documented.string("bills: only bills at or after this time, Unix ms"),
                  "limit", Documented.string("bills: page size, at most 100"))),
          Map.entry(
              "GET /api/v5/trade/fills-history",
              Map.of(
                  "begin",
                      Documented.string("fills history: only fills at or after this time, Unix ms"),
                  "limit", Documented.string("fills history: page size, at most 100"))));

  static CapturedReplyServer okx;
  static OkxTrading trading;
  static OkxMarketData market;
  static OkxFunding funding;

  @BeforeAll
  static void start() {
    okx = new CapturedReplyServer();
    trading = new OkxTrading(okx.client());
    market = new OkxMarketData(okx.client());
    funding = new OkxFunding(okx.client());
  }

  @AfterAll
  static void stop() {
    okx.close();
  }

  @Test
  void setLeverage_cross() {
    okx.replying(
        ok(
            "{\"lever\":\"5\",\"mgnMode\":\"cross\",\"instId\":\"LTC-USDT-SWAP\",\"posSide\":\"\"}"));
    trading.setLeverage("LTC-USDT-SWAP", new BigDecimal("5"), "cross");

    assertSameShape("POST /api/v5/account/set-leverage", "POST /api/v5/account/set-leverage");
  }

  @Test
  void setLeverage_isolatedOneSide() {
    okx.replying(
        ok(
            "{\"lever\":\"10\",\"mgnMode\":\"isolated\",\"instId\":\"ADA-USDT-SWAP\",\"posSide\":\"long\"}"));
    trading.setLeverage("ADA-USDT-SWAP", BigDecimal.TEN, "isolated", "long");

    assertSameShape("POST /api/v5/account/set-leverage", "POST /api/v5/account/set-leverage");
  }

  @Test
  void placeOrder_withAttachedStopLossAndTakeProfit_matchesARealOrderItem() {
    okx.replying(
        ok(
            "{\"ordId\":\"1\",\"clOrdId\":\"e1\",\"sCode\":\"0\",\"sMsg\":\"\",\"tag\":\"\",\"ts\":\"1\"}"));
    trading.placeOrder(
        new OrderRequest(
            "ADA-USDT-SWAP",
            "cross",
            "buy",
            "limit",
            new BigDecimal("50"),
            Optional.of(new BigDecimal("0.2")),
            "e1",
            false,
            Optional.of(new BigDecimal("1.6")),
            Optional.of(new BigDecimal("0.1"))));

    // ccxt sends single orders through batch-orders: its body is a list of exactly the object
    // trade/order takes.
    assertSameShape("POST /api/v5/trade/order", "POST /api/v5/trade/batch-orders");
    assertThat(body().path("attachAlgoOrds").get(0).path("slOrdPx").asString()).isEqualTo("-1");
  }

  @Test
  void placeOrder_reduceOnlyInLongShortMode() {
    okx.replying(
        ok(
            "{\"ordId\":\"1\",\"clOrdId\":\"e2\",\"sCode\":\"0\",\"sMsg\":\"\",\"tag\":\"\",\"ts\":\"1\"}"));
    trading.placeOrder(
        new OrderRequest(
            "ETH-USDT-SWAP",
            "cross",
            "sell",
            "market",
            BigDecimal.ONE,
            Optional.empty(),
            "e2",
            true,
            Optional.empty(),
            Optional.empty(),
            "long"));

    assertSameShape("POST /api/v5/trade/order", "POST /api/v5/trade/batch-orders");
  }

  @Test
  void placeProtection_ocoClosingTheWholePosition() {
    okx.replying(
        ok(
            "{\"algoId\":\"1\",\"algoClOrdId\":\"p1\",\"clOrdId\":\"\",\"sCode\":\"0\",\"sMsg\":\"\",\"tag\":\"\"}"));
    trading.placeProtection(
        "BTC-USDT-SWAP",
        "cross",
        "sell",
        Optional.of(new BigDecimal("30000")),
        Optional.of(new BigDecimal("49000")),
        "p1");

    assertSameShape("POST /api/v5/trade/order-algo", "POST /api/v5/trade/order-algo");
  }

  @Test
  void placeProtection_stopLossOnlyOnOneSide() {
    okx.replying(
        ok(
            "{\"algoId\":\"1\",\"algoClOrdId\":\"p2\",\"clOrdId\":\"\",\"sCode\":\"0\",\"sMsg\":\"\",\"tag\":\"\"}"));
    trading.placeProtection(
        "ETH-USDT-SWAP",
        "cross",
        "long",
        "sell",
        Optional.of(new BigDecimal("2000")),
        Optional.empty(),
        "p2");

    assertSameShape("POST /api/v5/trade/order-algo", "POST /api/v5/trade/order-algo");
  }

  @Test
  void cancelAlgo() {
    okx.replying(
        ok(
            "{\"algoId\":\"641788035268431872\",\"algoClOrdId\":\"\",\"clOrdId\":\"\",\"sCode\":\"0\",\"sMsg\":\"\",\"tag\":\"\"}"));
    trading.cancelAlgo("LTC-USDT-SWAP", "641788035268431872");

    assertSameShape("POST /api/v5/trade/cancel-algos", "POST /api/v5/trade/cancel-algos");
  }

  @Test
  void closePosition_oneSide() {
    okx.replying(
        ok("{\"instId\":\"ADA-USDT-SWAP\",\"posSide\":\"long\",\"clOrdId\":\"c1\",\"tag\":\"\"}"));
    trading.closePosition("ADA-USDT-SWAP", "cross", "long", "c1");

    assertSameShape("POST /api/v5/trade/close-position", "POST /api/v5/trade/close-position");
  }

  @Test
  void adjustMargin_amountIsAString() {
    okx.replying(
        ok(
            "{\"amt\":\"0.0001\",\"ccy\":\"BTC\",\"instId\":\"BTC-USD-SWAP\",\"leverage\":\"3.1\",\"posSide\":\"long\",\"type\":\"add\"}"));
    trading.adjustMargin("BTC-USD-SWAP", "long", "add", new BigDecimal("0.0001"));

    assertSameShape(
        "POST /api/v5/account/position/margin-balance",
        "POST /api/v5/account/position/margin-balance");
    assertThat(body().path("amt").asString()).isEqualTo("0.0001");
  }

  @Test
  void transfer_tradingToFunding() {
    okx.replying(
        ok(
            "{\"transId\":\"1\",\"ccy\":\"USDT\",\"clientId\":\"t1\",\"from\":\"18\",\"amt\":\"1\",\"to\":\"6\"}"));
    funding.transfer("USDT", BigDecimal.ONE, OkxFunding.TRADING, OkxFunding.FUNDING, "t1");

    assertSameShape("POST /api/v5/asset/transfer", "POST /api/v5/asset/transfer");
  }

  @Test
  void positions_ofOneInstrument() {
    okx.replying(ok(""));
    trading.positions(Optional.of("LTC-USDT-SWAP"));

    assertSameShape("GET /api/v5/account/positions", "GET /api/v5/account/positions");
    assertThat(okx.last().query())
        .containsEntry("instType", "SWAP")
        .containsEntry("instId", "LTC-USDT-SWAP");
  }

  @Test
  void tradeFee() {
    okx.replying(ok("{\"takerU\":\"-0.0005\",\"makerU\":\"-0.0002\"}"));
    trading.tradeFee();

    assertSameShape("GET /api/v5/account/trade-fee", "GET /api/v5/account/trade-fee");
  }

  @Test
  void books() {
    okx.replying(ok("{\"asks\":[],\"bids\":[],\"ts\":\"1\"}"));
    market.books("BTC-USDT-SWAP", 5);

    assertSameShape("GET /api/v5/market/books", "GET /api/v5/market/books");
    assertThat(okx.last().query()).containsEntry("sz", "5");
  }

  @Test
  void candles() {
    okx.replying(ok(""));
    market.candles("BTC-USDT-SWAP", "1m", 100);

    assertSameShape("GET /api/v5/market/candles", "GET /api/v5/market/candles");
  }

  @Test
  void historyCandles_pagedOlderThanATime() {
    okx.replying(ok(""));
    market.historyCandles("BTC-USDT-SWAP", "1H", 1_699_931_781_032L, 100);

    assertSameShape("GET /api/v5/market/history-candles", "GET /api/v5/market/history-candles");
    assertThat(okx.last().query())
        .containsEntry("after", "1699931781032")
        .containsEntry("bar", "1H")
        .containsEntry("limit", "100");
  }

  @Test
  void order_byClientId() {
    okx.replying(Captures.replies("GET /api/v5/trade/order").getFirst());
    trading.order("LTC-USDT", "e847386590ce4dBC6f7ae74854f6a617");

    assertSameShape("GET /api/v5/trade/order", "GET /api/v5/trade/order");
  }

  @Test
  void cancelOrder_byClientIdAndById() {
    okx.replying(
        ok("{\"clOrdId\":\"c1\",\"ordId\":\"1\",\"sCode\":\"0\",\"sMsg\":\"\",\"ts\":\"1\"}"));
    trading.cancelOrder("LTC-USDT-SWAP", "c1");
    assertSameShape("POST /api/v5/trade/cancel-order", "POST /api/v5/trade/cancel-order");

    trading.cancelOrderById("LTC-USDT-SWAP", "642666885133189120");
    assertSameShape("POST /api/v5/trade/cancel-order", "POST /api/v5/trade/cancel-order");
  }

  @Test
  void pendingOrders() {
    okx.replying(Captures.replies("GET /api/v5/trade/orders-pending").getFirst());
    trading.pendingOrders();

    assertSameShape("GET /api/v5/trade/orders-pending", "GET /api/v5/trade/orders-pending");
  }

  @Test
  void pendingAlgos_conditionalAndOco() {
    okx.replying(Captures.replies("GET /api/v5/trade/orders-algo-pending").getFirst());
    trading.pendingAlgos();

    assertSameShape(
        "GET /api/v5/trade/orders-algo-pending", "GET /api/v5/trade/orders-algo-pending");
  }

  @Test
  void algoHistory_byState() {
    okx.replying(ok(""));
    trading.algoHistory("effective");

    assertSameShape(
        "GET /api/v5/trade/orders-algo-history", "GET /api/v5/trade/orders-algo-history");
  }

  @Test
  void bills_fundingFeesSinceATime() {
    okx.replying(Captures.replies("GET /api/v5/account/bills").getFirst());
    trading.bills(Optional.of("8"), Instant.ofEpochMilli(1712410901000L));

    assertSameShape("GET /api/v5/account/bills", "GET /api/v5/account/bills");
  }

  @Test
  void fillsHistory_ofOneSwapSinceATime() {
    okx.replying(Captures.replies("GET /api/v5/trade/fills-history").getFirst());
    trading.fillsHistory(Optional.of("LTC-USDT-SWAP"), Instant.ofEpochMilli(1698835093000L));

    assertSameShape("GET /api/v5/trade/fills-history", "GET /api/v5/trade/fills-history");
  }

  @Test
  void fundingBalance_ofOneCurrency() {
    okx.replying(Captures.replies("GET /api/v5/asset/balances").getFirst());
    funding.available("USDT");

    assertSameShape("GET /api/v5/asset/balances", "GET /api/v5/asset/balances");
  }

  @Test
  void ticker() {
    okx.replying(Captures.replies("GET /api/v5/market/ticker").getFirst());
    market.ticker("BTC-USDT-SWAP");

    assertSameShape("GET /api/v5/market/ticker", "GET /api/v5/market/ticker");
  }

  @Test
  void trades() {
    okx.replying(Captures.replies("GET /api/v5/market/trades").getFirst());
    market.trades("BTC-USDT-SWAP", 100);

    assertSameShape("GET /api/v5/market/trades", "GET /api/v5/market/trades");
  }

  @Test
  void openInterest_ofOneSwap() {
    okx.replying(Captures.replies("GET /api/v5/public/open-interest").getFirst());
    market.openInterest("BTC-USDT-SWAP");

    assertSameShape("GET /api/v5/public/open-interest", "GET /api/v5/public/open-interest");
  }

  @Test
  void markPrice_ofOneSwap() {
    okx.replying(
        ok(
            "{\"instType\":\"SWAP\",\"instId\":\"ETH-USDT-SWAP\",\"markPx\":\"2000\",\"ts\":\"1\"}"));
    market.markPrice("ETH-USDT-SWAP");

    assertSameShape("GET /api/v5/public/mark-price", "GET /api/v5/public/mark-price");
  }

  @Test
  void fundingRate() {
    okx.replying(
        ok(
            "{\"instId\":\"BTC-USDT-SWAP\",\"fundingRate\":\"0.0001\",\"fundingTime\":\"1\",\"nextFundingTime\":\"2\"}"));
    market.fundingRate("BTC-USDT-SWAP");

    assertSameShape("GET /api/v5/public/funding-rate", "GET /api/v5/public/funding-rate");
  }

  @Test
  void everyDocumentedExtraKeyIsReallyAbsentFromTheCaptures() {
    // An entry that the captures do show is stale: the list must only hold what the captures cannot
    // vouch for.
    NOT_IN_CAPTURES.forEach(
        (endpoint, keys) ->
            assertThat(capturedKeys(endpoint).keySet())
                .as(endpoint)
                .doesNotContainAnyElementsOf(keys.keySet()));
  }

  // --- helpers

  private static String ok(String item) {
    return "{\"code\":\"0\",\"msg\":\"\",\"data\":[" + item + "]}";
  }

  private static JsonNode body() {
    JsonNode body = Captures.JSON.readTree(okx.last().body());
    return body.isArray() ? body.get(0) : body;
  }

  /**
   * tai2's last request went to {@code tai2Endpoint} and has the shape of the captured {@code capturedEndpoint}
   * requests: every key is one they use (or documented in {@link #NOT_IN_CAPTURES}), with the JSON type OKX expects.
   */
  private static void assertSameShape(String tai2Endpoint, String capturedEndpoint) {
    CapturedReplyServer.Seen seen = okx.last();
    assertThat(seen.method() + " " + seen.path()).isEqualTo(tai2Endpoint);
    Map<String, Documented> extras = NOT_IN_CAPTURES.getOrDefault(capturedEndpoint, Map.of());
    if (seen.method().equals("GET")) {
      Set<String> captured = new TreeSet<>();
      Captures.requests(capturedEndpoint).forEach(r -> captured.addAll(r.query().keySet()));
      assertThat(seen.query().keySet())
          .as("query keys of %s", tai2Endpoint)
          .isSubsetOf(union(captured, extras.keySet()));
      assertThat(seen.body()).isEmpty();
      return;
    }
    JsonNode body = Captures.JSON.readTree(seen.body());
    boolean capturedAsList = Captures.requests(capturedEndpoint).getFirst().body().isArray();
    if (tai2Endpoint.equals(capturedEndpoint)) {
      assertThat(body.isArray())
          .as("%s body is a list like the captured ones", tai2Endpoint)
          .isEqualTo(capturedAsList);
    }
    Map<String, Set<JsonNodeType>> captured = capturedKeys(capturedEndpoint);
    for (JsonNode item : body.isArray() ? body : List.of(body)) {
      assertItem(tai2Endpoint, item, captured, extras, capturedEndpoint);
    }
  }

  private static void assertItem(
      String where,
      JsonNode item,
      Map<String, Set<JsonNodeType>> captured,
      Map<String, Documented> extras,
      String capturedEndpoint) {
    item.propertyStream()
        .forEach(
            field -> {
              String key = field.getKey();
              JsonNode value = field.getValue();
              assertThat(union(captured.keySet(), extras.keySet()))
                  .as(
                      "%s sends %s, which no real request of %s carries",
                      where, key, capturedEndpoint)
                  .contains(key);
              assertThat(value.isNumber())
                  .as(
                      "%s.%s must be a string, not the number %s: OKX expects strings",
                      where, key, value)
                  .isFalse();
              Set<JsonNodeType> real =
                  captured.containsKey(key) ? captured.get(key) : Set.of(extras.get(key).type());
              // ccxt sends a few numbers unquoted where OKX documents strings; those count as
              // strings.
              Set<JsonNodeType> expected =
                  real.contains(JsonNodeType.NUMBER) ? Set.of(JsonNodeType.STRING) : real;
              assertThat(expected)
                  .as("%s.%s is %s", where, key, value.getNodeType())
                  .contains(value.getNodeType());
              if (value.isArray()) {
                Map<String, Set<JsonNodeType>> nested = capturedKeys(capturedEndpoint + "#" + key);
                for (JsonNode element : value) {
                  assertItem(where + "." + key + "[]", element, nested, extras, capturedEndpoint);
                }
              }
            });
  }

  /** Every OKX key the captured requests of an endpoint carry (or, after "#", of a list inside them), with its JSON types. */
  private static Map<String, Set<JsonNodeType>> capturedKeys(String endpointAndList) {
    String[] parts = endpointAndList.split("#", 2);
    Map<String, Set<JsonNodeType>> keys = new TreeMap<>();
    for (Captures.Request r : Captures.requests(parts[0])) {
      if (r.body() == null || r.body().isNull()) {
        continue;
      }
      for (JsonNode item : r.body().isArray() ? r.body() : List.of(r.body())) {
        List<JsonNode> objects =
            parts.length == 1 ? List.of(item) : item.path(parts[1]).valueStream().toList();
        for (JsonNode o : objects) {
          o.propertyStream()
              .filter(e -> !CCXT_ONLY_KEYS.contains(e.getKey()))
              .forEach(
                  e ->
                      keys.computeIfAbsent(e.getKey(), k -> new HashSet<>())
                          .add(e.getValue().getNodeType()));
        }
      }
    }
    return keys;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}
