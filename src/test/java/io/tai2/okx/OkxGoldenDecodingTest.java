package io.tai2.okx;

import static io.tai2.okx.GoldenAsserts.millis;
import static io.tai2.okx.GoldenAsserts.same;
import static io.tai2.okx.GoldenAsserts.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every captured real OKX reply of an endpoint tai2 reads goes through the real client (transport, envelope, decoders)
 * and comes out without loss: each decoded number equals the captured string digit for digit (scale included), an empty
 * string stays "absent" where tai2 models absence, and timestamps keep their milliseconds.
 */
class OkxGoldenDecodingTest {

  /** Captured endpoints tai2 does not call, so there is nothing of tai2's to decode them with. */
  static final Map<String, String> NOT_READ_BY_TAI2 =
      Map.of(
          "GET /api/v5/account/positions-history",
              "tai2 keeps its own trade journal; it never reads OKX's position history",
          "GET /api/v5/asset/deposit-address", "tai2 never deposits or withdraws",
          "GET /api/v5/account/interest-rate", "tai2 trades swaps, never borrows",
          "GET /api/v5/asset/transfer-state",
              "tai2 reads the transfer's result from the transfer reply itself",
          "GET /api/v5/system/status", "tai2 reads OKX's health from its own request outcomes",
          "GET /api/v5/asset/currencies",
              "tai2 never deposits or withdraws, so it needs no chain list",
          "GET /api/v5/rubik/stat/taker-volume-contract",
              "tai2 reads only the long/short account ratio from rubik");

  /**
   * Captured endpoints decoded here or in {@link OkxGoldenMarketDecodingTest}, with the tai2 call that reads them (same
   * object shape where the path differs).
   */
  static final Map<String, String> READ_BY_TAI2 =
      Map.ofEntries(
          Map.entry(
              "POST /api/v5/trade/batch-orders",
              "placeOrder (trade/order answers the same per-item object)"),
          Map.entry("POST /api/v5/trade/order-algo", "placeProtection"),
          Map.entry("POST /api/v5/trade/cancel-algos", "cancelAlgo"),
          Map.entry("GET /api/v5/trade/order", "order"),
          Map.entry("GET /api/v5/trade/orders-pending", "pendingOrders"),
          Map.entry(
              "GET /api/v5/trade/orders-history",
              "the order decoder (same order object as trade/order)"),
          Map.entry("GET /api/v5/trade/orders-algo-pending", "pendingAlgos"),
          Map.entry(
              "GET /api/v5/trade/fills-history",
              "fillsHistory, and fills (trade/fills answers the same fill object)"),
          Map.entry("GET /api/v5/account/balance", "balance"),
          Map.entry("GET /api/v5/account/config", "accountConfig"),
          Map.entry("GET /api/v5/account/positions", "positions"),
          Map.entry("GET /api/v5/account/bills", "bills"),
          Map.entry("GET /api/v5/account/bills-archive", "bills (same bill object)"),
          Map.entry("GET /api/v5/asset/balances", "funding available"),
          Map.entry("POST /api/v5/asset/transfer", "transfer"),
          Map.entry("GET /api/v5/market/books", "books"),
          Map.entry(
              "GET /api/v5/market/history-candles",
              "candles and historyCandles (the warm-up's top-up)"),
          Map.entry("GET /api/v5/market/trades", "trades"),
          Map.entry("GET /api/v5/market/ticker", "ticker"),
          Map.entry("GET /api/v5/public/time", "serverTime"),
          Map.entry("GET /api/v5/public/open-interest", "openInterest"),
          Map.entry("GET /api/v5/public/instruments", "instruments"));

  static CapturedReplyServer okx;
  static OkxRestClient rest;
  static OkxTrading trading;
  static OkxMarketData market;
  static OkxFunding funding;

  @BeforeAll
  static void start() {
    okx = new CapturedReplyServer();
    rest = okx.client();
    trading = new OkxTrading(rest);
    market = new OkxMarketData(rest);
    funding = new OkxFunding(rest);
  }

  @AfterAll
  static void stop() {
    okx.close();
  }

  @Test
  void everyCapturedEndpointIsEitherDecodedHereOrListedAsNotReadByTai2() {
    Set<String> captured =
        Captures.replies().stream()
            .map(Captures.Reply::endpoint)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> accounted = new TreeSet<>(READ_BY_TAI2.keySet());
    accounted.addAll(NOT_READ_BY_TAI2.keySet());

    assertThat(accounted).isEqualTo(captured);
  }

  @Test
  void accountBalance_everyCurrencyKeepsItsDigits() {
    for (Captures.Reply reply : Captures.replies("GET /api/v5/account/balance")) {
      AccountBalance balance = serve(reply, trading::balance);
      JsonNode raw = reply.data().get(0);
      same(balance.totalEq(), raw.path("totalEq"));
      assertThat(balance.details()).hasSize(raw.path("details").size());
      for (int i = 0; i < raw.path("details").size(); i++) {
        JsonNode d = raw.path("details").get(i);
        AccountBalance.CurrencyBalance decoded = balance.details().get(i);
        assertThat(decoded.ccy()).isEqualTo(d.path("ccy").asString());
        same(decoded.eq(), d.path("eq"));
        same(decoded.cashBal(), d.path("cashBal"));
        same(decoded.availBal(), d.path("availBal"));
        same(decoded.upl(), d.path("upl"));
      }
    }
  }

  @Test
  void accountBalance_hugePrecisionTotalSurvives() {
    Captures.Reply reply = Captures.replies("GET /api/v5/account/balance").getFirst();

    assertThat(serve(reply, trading::balance).totalEq().toPlainString())
        .isEqualTo(reply.data().get(0).path("totalEq").asString());
  }

  @Test
  void fundingBalances_availableOfTheCurrencyOrZeroWhenOkxListsNone() {
    List<Captures.Reply> replies = Captures.replies("GET /api/v5/asset/balances");
    Captures.Reply listed =
        replies.stream().filter(r -> !r.data().isEmpty()).findFirst().orElseThrow();
    Captures.Reply empty =
        replies.stream().filter(r -> r.data().isEmpty()).findFirst().orElseThrow();

    same(serve(listed, () -> funding.available("TUSD")), listed.data().get(0).path("availBal"));
    assertThat(serve(empty, () -> funding.available("TUSD"))).isEqualByComparingTo("0");
  }

  @Test
  void accountConfig_allFieldsTai2Uses() {
    Captures.Reply reply = Captures.replies("GET /api/v5/account/config").getFirst();
    JsonNode raw = reply.data().get(0);

    AccountConfig config = serve(reply, trading::accountConfig);

    assertThat(config)
        .isEqualTo(
            new AccountConfig(
                raw.path("uid").asString(),
                raw.path("mainUid").asString(),
                raw.path("acctLv").asString(),
                raw.path("posMode").asString(),
                raw.path("perm").asString(),
                raw.path("label").asString()));
    assertThat(config.label()).isEqualTo("Ray2");
    assertThat(config.canTrade()).isTrue();
    assertThat(config.isSubAccount()).isFalse();
  }

  @Test
  void positions_everyCapturedPositionDecodes_emptyLiqPxAndMarginStayAbsent() {
    for (Captures.Reply reply : Captures.replies("GET /api/v5/account/positions")) {
      List<PositionInfo> positions = serve(reply, () -> trading.positions(Optional.empty()));
      assertThat(positions).as(reply.toString()).hasSize(reply.data().size());
      for (int i = 0; i < positions.size(); i++) {
        assertPosition(positions.get(i), reply.data().get(i));
      }
    }
  }

  @Test
  void positions_closeOrderAlgoBecomesTheProtection() {
    // The captures hold no protected position; add OKX's closeOrderAlgo item (protocols: algoId,
    // slTriggerPx,
    // slTriggerPxType, tpTriggerPx, tpTriggerPxType, closeFraction) to a real position to check the
    // decoder reads it.
    ObjectNode envelope =
        (ObjectNode)
            Captures.replies("GET /api/v5/account/positions").getFirst().envelope().deepCopy();
    ObjectNode position = (ObjectNode) envelope.path("data").get(0);
    ObjectNode algo = position.putArray("closeOrderAlgo").addObject();
    algo.put("algoId", "1234567890123456789");
    algo.put("slTriggerPx", "60.123456789");
    algo.put("slTriggerPxType", "last");
    algo.put("tpTriggerPx", "");
    algo.put("tpTriggerPxType", "");
    algo.put("closeFraction", "1");

    okx.replying(Captures.JSON.writeValueAsString(envelope));
    PositionInfo decoded = trading.positions(Optional.empty()).getFirst();

    assertThat(decoded.protection())
        .containsExactly(
            new PositionInfo.Protection(
                "1234567890123456789",
                Optional.of(new BigDecimal("60.123456789")),
                Optional.empty()));
  }

  @Test
  void order_fetchedByClientIdDecodesEveryFieldTai2Uses() {
    Captures.Reply reply = Captures.replies("GET /api/v5/trade/order").getFirst();
    JsonNode raw = reply.data().get(0);

    OrderDetails order =
        serve(
                reply,
                () -> trading.order(raw.path("instId").asString(), raw.path("clOrdId").asString()))
            .orElseThrow();

    assertOrder(order, raw);
  }

  @Test
  void pendingOrders_anUnfilledOrderHasNoAveragePrice() {
    Captures.Reply reply = Captures.replies("GET /api/v5/trade/orders-pending").getFirst();

    List<OrderDetails> orders = serve(reply, trading::pendingOrders);

    assertThat(orders).hasSize(reply.data().size());
    assertOrder(orders.getFirst(), reply.data().get(0));
    assertThat(orders.getFirst().avgPx()).isEmpty();
  }

  @Test
  void ordersHistory_decodesWithTheOrderDecoder() {
    for (Captures.Reply reply : Captures.replies("GET /api/v5/trade/orders-history")) {
      for (JsonNode raw : reply.data()) {
        assertOrder(OkxJson.order(raw), raw);
      }
    }
  }

  @Test
  void pendingAlgos_triggersAndSizesKeepTheirDigits() {
    Captures.Reply reply = Captures.replies("GET /api/v5/trade/orders-algo-pending").getFirst();

    List<AlgoOrder> algos = serve(reply, trading::pendingAlgos);

    assertThat(algos).hasSize(reply.data().size());
    JsonNode raw = reply.data().get(0);
    AlgoOrder algo = algos.getFirst();
    assertThat(
            List.of(
                algo.algoId(),
                algo.algoClOrdId(),
                algo.instId(),
                algo.ordType(),
                algo.side(),
                algo.tdMode(),
                algo.state()))
        .containsExactly(
            text(raw, "algoId"),
            text(raw, "algoClOrdId"),
            text(raw, "instId"),
            text(raw, "ordType"),
            text(raw, "side"),
            text(raw, "tdMode"),
            text(raw, "state"));
    same(algo.sz(), raw.path("sz"));
    same(algo.takeProfitTrigger(), raw.path("tpTriggerPx"));
    same(algo.stopLossTrigger(), raw.path("slTriggerPx"));
  }

  @Test
  void placeProtection_returnsTheAlgoIdOfTheReply() {
    Captures.Reply reply = Captures.replies("POST /api/v5/trade/order-algo").getFirst();

    String algoId =
        serve(
            reply,
            () ->
                trading.placeProtection(
                    "LTC-USDT-SWAP",
                    "cross",
                    "sell",
                    Optional.of(new BigDecimal("90")),
                    Optional.empty(),
                    "a1"));

    assertThat(algoId).isEqualTo(text(reply.data().get(0), "algoId"));
  }

  @Test
  void placeOrder_returnsTheOrderIdOfAnAcceptedItem() {
    Captures.Reply reply = Captures.replies("POST /api/v5/trade/batch-orders").getFirst();

    String ordId = serve(reply, () -> trading.placeOrder(anOrder()));

    assertThat(ordId).isEqualTo(text(reply.data().get(0), "ordId"));
  }

  @Test
  void placeOrder_aRefusedItemRaisesItsSCodeAndSMsg() {
    ObjectNode envelope =
        refused(
            Captures.replies("POST /api/v5/trade/batch-orders").getFirst(),
            "51008",
            "Order failed. Insufficient USDT margin in account");
    okx.replying(Captures.JSON.writeValueAsString(envelope));

    assertThatThrownBy(() -> trading.placeOrder(anOrder()))
        .isInstanceOfSatisfying(
            OkxApiException.class,
            e -> {
              assertThat(e.sCode()).contains("51008");
              assertThat(e.sMsg()).contains("Order failed. Insufficient USDT margin in account");
              assertThat(e.effectiveCode()).isEqualTo("51008");
            });
  }

  @Test
  void cancelAlgo_anAcceptedItemIsSilent_aRefusedOneRaisesItsSCode() {
    Captures.Reply reply = Captures.replies("POST /api/v5/trade/cancel-algos").getFirst();
    serve(
        reply,
        () -> {
          trading.cancelAlgo("BTC-USDT-SWAP", "2903938004064555008");
          return null;
        });

    okx.replying(
        Captures.JSON.writeValueAsString(refused(reply, "51000", "Parameter algoId error")));

    assertThatThrownBy(() -> trading.cancelAlgo("BTC-USDT-SWAP", "2903938004064555008"))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.effectiveCode()).isEqualTo("51000"));
  }

  @Test
  void fills_everyFieldKeepsItsDigitsAndMilliseconds() {
    Captures.Reply reply = Captures.replies("GET /api/v5/trade/fills-history").getFirst();
    JsonNode raw = reply.data().get(0);

    FillInfo fill = serve(reply, () -> trading.fills(Optional.empty(), Instant.EPOCH)).getFirst();

    assertThat(
            List.of(
                fill.instId(),
                fill.tradeId(),
                fill.ordId(),
                fill.clOrdId(),
                fill.billId(),
                fill.side(),
                fill.posSide(),
                fill.feeCcy(),
                fill.execType()))
        .containsExactly(
            text(raw, "instId"),
            text(raw, "tradeId"),
            text(raw, "ordId"),
            text(raw, "clOrdId"),
            text(raw, "billId"),
            text(raw, "side"),
            text(raw, "posSide"),
            text(raw, "feeCcy"),
            text(raw, "execType"));
    assertThat(fill.subType())
        .as("this captured reply predates subType on fills: absent reads as empty")
        .isEmpty();
    assertThat(serve(reply, () -> trading.fillsHistory(Optional.empty(), Instant.EPOCH)).getFirst())
        .isEqualTo(fill);
    same(fill.fillPx(), raw.path("fillPx"));
    same(fill.fillSz(), raw.path("fillSz"));
    same(fill.fee(), raw.path("fee"));
    same(fill.fillPnl(), raw.path("fillPnl"));
    assertThat(fill.ts()).isEqualTo(millis(raw, "ts"));
  }

  @Test
  void bills_tradeAndTransferBillsKeepTheirDigits_emptyFeeAndPnlReadAsZero() {
    for (String endpoint :
        List.of("GET /api/v5/account/bills", "GET /api/v5/account/bills-archive")) {
      Captures.Reply reply = Captures.replies(endpoint).getFirst();
      JsonNode raw = reply.data().get(0);
      AccountBill bill =
          serve(reply, () -> trading.bills(Optional.empty(), Instant.EPOCH)).getFirst();
      assertThat(
              List.of(
                  bill.billId(),
                  bill.type(),
                  bill.subType(),
                  bill.instId(),
                  bill.ccy(),
                  bill.ordId()))
          .containsExactly(
              text(raw, "billId"),
              text(raw, "type"),
              text(raw, "subType"),
              text(raw, "instId"),
              text(raw, "ccy"),
              text(raw, "ordId"));
      same(bill.balChg(), raw.path("balChg"));
      same(bill.bal(), raw.path("bal"));
      same(bill.fee(), raw.path("fee"));
      same(bill.pnl(), raw.path("pnl"));
      assertThat(bill.ts()).isEqualTo(millis(raw, "ts"));
    }
  }

  @Test
  void transfer_returnsTheTransferId() {
    for (Captures.Reply reply : Captures.replies("POST /api/v5/asset/transfer")) {
      String transId =
          serve(
              reply,
              () ->
                  funding.transfer(
                      "USDT", BigDecimal.ONE, OkxFunding.TRADING, OkxFunding.FUNDING, "t1"));
      assertThat(transId).isEqualTo(text(reply.data().get(0), "transId"));
    }
  }

  // --- helpers

  private static <T> T serve(Captures.Reply reply, Supplier<T> call) {
    okx.replying(reply);
    return call.get();
  }

  private static OrderRequest anOrder() {
    return new OrderRequest(
        "BTC-USDT-SWAP",
        "cross",
        "buy",
        "market",
        BigDecimal.ONE,
        Optional.empty(),
        "c1",
        false,
        Optional.empty(),
        Optional.of(new BigDecimal("100333")));
  }

  /** The captured batch reply with its only item refused as OKX refuses it: code 1, per-item sCode/sMsg, no ordId. */
  private static ObjectNode refused(Captures.Reply reply, String sCode, String sMsg) {
    ObjectNode envelope = (ObjectNode) reply.envelope().deepCopy();
    envelope.put("code", "1").put("msg", "All operations failed");
    ObjectNode item = (ObjectNode) envelope.path("data").get(0);
    item.put("sCode", sCode).put("sMsg", sMsg);
    if (item.has("ordId")) {
      item.put("ordId", "");
    }
    return envelope;
  }

  private static void assertPosition(PositionInfo p, JsonNode raw) {
    assertThat(List.of(p.instId(), p.mgnMode(), p.posSide()))
        .containsExactly(text(raw, "instId"), text(raw, "mgnMode"), text(raw, "posSide"));
    same(p.pos(), raw.path("pos"));
    same(p.avgPx(), raw.path("avgPx"));
    same(p.markPx(), raw.path("markPx"));
    same(p.upl(), raw.path("upl"));
    same(p.lever(), raw.path("lever"));
    same(p.liqPx(), raw.path("liqPx"));
    same(p.margin(), raw.path("margin"));
    same(p.fee(), raw.path("fee"));
    assertThat(p.protection()).hasSize(raw.path("closeOrderAlgo").size());
  }

  private static void assertOrder(OrderDetails o, JsonNode raw) {
    assertThat(List.of(o.ordId(), o.clOrdId(), o.instId(), o.side(), o.ordType(), o.state()))
        .containsExactly(
            text(raw, "ordId"),
            text(raw, "clOrdId"),
            text(raw, "instId"),
            text(raw, "side"),
            text(raw, "ordType"),
            text(raw, "state"));
    same(o.sz(), raw.path("sz"));
    same(o.accFillSz(), raw.path("accFillSz"));
    same(o.avgPx(), raw.path("avgPx"));
    same(o.fee(), raw.path("fee"));
    same(o.lever(), raw.path("lever"));
    assertThat(o.cTime()).isEqualTo(millis(raw, "cTime"));
  }
}
