package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code batch-orders}, {@code cancel-batch-orders}, {@code amend-order}, {@code amend-algos}, {@code cancel-all-after} over signed HTTP. */
class SimBatchAmendTest extends SimClientTest {

  static final String BTC = "BTC-USDT-SWAP";
  SignedSimCalls okx;

  @BeforeEach
  void priceAt60000() {
    sim.market.setPrice(BTC, new BigDecimal("59999.95")); // best bid 59999.9, best ask 60000.0
    okx = new SignedSimCalls(sim);
  }

  static String limit(String clOrdId, String side, String px, String sz) {
    return "{\"instId\":\""
        + BTC
        + "\",\"tdMode\":\"cross\",\"clOrdId\":\""
        + clOrdId
        + "\",\"side\":\""
        + side
        + "\",\"ordType\":\"limit\",\"px\":\""
        + px
        + "\",\"sz\":\""
        + sz
        + "\"}";
  }

  @Test
  void
      givenTwoOrdersWithAttachedStops_whenBatchPlaced_thenEachItemIsAcceptedAndThePositionCarriesItsStopLoss() {
    String body =
        "[{\"instId\":\""
            + BTC
            + "\",\"tdMode\":\"cross\",\"clOrdId\":\"b1\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"1\","
            + "\"attachAlgoOrds\":[{\"attachAlgoClOrdId\":\"b1sl\",\"slTriggerPx\":\"58000\",\"slOrdPx\":\"-1\",\"tpTriggerPx\":\"62000\",\"tpOrdPx\":\"-1\"}]},"
            + limit("b2", "buy", "59000", "2")
            + "]";

    SignedSimCalls.Reply reply = okx.post("/api/v5/trade/batch-orders", body);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.code()).isEqualTo("0");
    assertThat(reply.data()).hasSize(2);
    assertThat(reply.data().valueStream().map(r -> r.path("sCode").asString()))
        .containsExactly("0", "0");
    assertThat(reply.data().valueStream().map(r -> r.path("clOrdId").asString()))
        .containsExactly("b1", "b2");
    assertThat(reply.json().path("inTime").asString()).hasSize(16);
    assertThat(trading.positions(Optional.of(BTC)).getFirst().protection())
        .singleElement()
        .satisfies(p -> assertThat(p.stopLossTrigger()).contains(new BigDecimal("58000")));
    JsonNode resting = okx.get("/api/v5/trade/order?instId=" + BTC + "&clOrdId=b2").first();
    assertThat(resting.path("state").asString()).isEqualTo("live");
    assertThat(resting.path("sz").asString()).isEqualTo("2");
  }

  @Test
  void
      givenOneBadItem_whenBatchPlaced_thenOnlyThatItemFailsWithItsOwnCodeAndTheEnvelopeSaysPartial() {
    String body =
        "["
            + limit("ok1", "buy", "59000", "1")
            + ","
            + limit("bad1", "buy", "59000", "1").replace(BTC, "NOPE-USDT-SWAP")
            + "]";

    SignedSimCalls.Reply reply = okx.post("/api/v5/trade/batch-orders", body);

    assertThat(reply.code()).isEqualTo("2");
    assertThat(reply.json().path("msg").asString()).isEqualTo("Bulk operation partially succeeded");
    assertThat(reply.data().get(0).path("sCode").asString()).isEqualTo("0");
    assertThat(reply.data().get(1).path("sCode").asString()).isEqualTo("51001");
    assertThat(reply.data().get(1).path("ordId").asString()).isEmpty();
  }

  @Test
  void givenTwentyOneOrders_whenBatchPlaced_thenTheWholeRequestIsRefusedAndNothingIsPlaced() {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 21; i++) {
      body.append(i == 0 ? "" : ",").append(limit("many" + i, "buy", "59000", "1"));
    }

    SignedSimCalls.Reply reply =
        okx.post("/api/v5/trade/batch-orders", body.append("]").toString());

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("51000");
    assertThat(trading.pendingOrders()).isEmpty();
  }

  @Test
  void
      givenTwoRestingOrders_whenBatchCanceledWithAnUnknownOne_thenTheTwoAreCanceledAndTheUnknownGets51400() {
    okx.post(
        "/api/v5/trade/batch-orders",
        "[" + limit("c1", "buy", "59000", "1") + "," + limit("c2", "buy", "58900", "1") + "]");
    String ordId =
        okx.get("/api/v5/trade/order?instId=" + BTC + "&clOrdId=c1")
            .first()
            .path("ordId")
            .asString();

    SignedSimCalls.Reply reply =
        okx.post(
            "/api/v5/trade/cancel-batch-orders",
            "[{\"instId\":\""
                + BTC
                + "\",\"ordId\":\""
                + ordId
                + "\"},{\"instId\":\""
                + BTC
                + "\",\"clOrdId\":\"c2\"},"
                + "{\"instId\":\""
                + BTC
                + "\",\"clOrdId\":\"never\"}]");

    assertThat(reply.code()).isEqualTo("2");
    assertThat(reply.data().valueStream().map(r -> r.path("sCode").asString()))
        .containsExactly("0", "0", "51400");
    assertThat(reply.data().get(0).path("ordId").asString()).isEqualTo(ordId);
    assertThat(trading.pendingOrders()).isEmpty();
  }

  @Test
  void
      givenARestingOrder_whenAmendedInSizePriceAndStops_thenTheOrderShowsTheNewValuesAtTheTopLevelToo() {
    okx.post("/api/v5/trade/order", limit("a1", "buy", "59000", "1"));

    SignedSimCalls.Reply reply =
        okx.post(
            "/api/v5/trade/amend-order",
            "{\"instId\":\""
                + BTC
                + "\",\"clOrdId\":\"a1\",\"reqId\":\"r1\","
                + "\"newSz\":\"3\",\"newPx\":\"59100\",\"attachAlgoOrds\":[{\"newSlTriggerPx\":\"58000\",\"newTpTriggerPx\":\"61000\"}]}");

    assertThat(reply.code()).isEqualTo("0");
    assertThat(reply.first().path("sCode").asString()).isEqualTo("0");
    assertThat(reply.first().path("reqId").asString()).isEqualTo("r1");
    JsonNode order = okx.get("/api/v5/trade/order?instId=" + BTC + "&clOrdId=a1").first();
    assertThat(order.path("sz").asString()).isEqualTo("3");
    assertThat(order.path("px").asString()).isEqualTo("59100");
    assertThat(order.path("slTriggerPx").asString()).isEqualTo("58000");
    assertThat(order.path("tpTriggerPx").asString()).isEqualTo("61000");
    assertThat(order.path("attachAlgoOrds").get(0).path("slTriggerPx").asString())
        .isEqualTo("58000");
  }

  @Test
  void givenAnAmendedStop_whenTheOrderFills_thenThePositionCarriesTheAmendedStop() {
    okx.post("/api/v5/trade/order", limit("a2", "buy", "59000", "1"));
    okx.post(
        "/api/v5/trade/amend-order",
        "{\"instId\":\""
            + BTC
            + "\",\"clOrdId\":\"a2\",\"attachAlgoOrds\":[{\"newSlTriggerPx\":\"57500\"}]}");

    sim.market.setPrice(BTC, new BigDecimal("58990"));

    assertThat(trading.positions(Optional.of(BTC)).getFirst().protection())
        .singleElement()
        .satisfies(p -> assertThat(p.stopLossTrigger()).contains(new BigDecimal("57500")));
  }

  @Test
  void givenAFilledOrder_whenAmended_thenItIsRefusedWith51503() {
    okx.post(
        "/api/v5/trade/order",
        "{\"instId\":\""
            + BTC
            + "\",\"tdMode\":\"cross\",\"clOrdId\":\"f1\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"1\"}");

    SignedSimCalls.Reply reply =
        okx.post(
            "/api/v5/trade/amend-order",
            "{\"instId\":\"" + BTC + "\",\"clOrdId\":\"f1\",\"newSz\":\"2\"}");

    assertThat(reply.code()).isEqualTo("1");
    assertThat(reply.first().path("sCode").asString()).isEqualTo("51503");
  }

  @Test
  void
      givenAnAmendThatMovesTheStopAboveABuysPrice_whenSent_thenItIsRefusedAndTheOrderIsUnchanged() {
    okx.post("/api/v5/trade/order", limit("a3", "buy", "59000", "1"));

    SignedSimCalls.Reply reply =
        okx.post(
            "/api/v5/trade/amend-order",
            "{\"instId\":\""
                + BTC
                + "\",\"clOrdId\":\"a3\",\"attachAlgoOrds\":[{\"newSlTriggerPx\":\"59500\"}]}");

    assertThat(reply.first().path("sCode").asString()).isEqualTo("51051");
    assertThat(
            okx.get("/api/v5/trade/order?instId=" + BTC + "&clOrdId=a3")
                .first()
                .path("slTriggerPx")
                .asString())
        .isEmpty();
  }

  @Test
  void givenAnAmendWithNothingToChange_whenSent_thenItIsAParameterError() {
    okx.post("/api/v5/trade/order", limit("a4", "buy", "59000", "1"));

    SignedSimCalls.Reply reply =
        okx.post("/api/v5/trade/amend-order", "{\"instId\":\"" + BTC + "\",\"clOrdId\":\"a4\"}");

    assertThat(reply.first().path("sCode").asString()).isEqualTo("51000");
  }

  @Test
  void
      givenAPositionWithAStop_whenTheAlgoIsAmended_thenThePositionShowsTheNewStopAndAWrongSideIsRefused() {
    okx.post(
        "/api/v5/trade/order",
        "{\"instId\":\""
            + BTC
            + "\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"1\","
            + "\"attachAlgoOrds\":[{\"slTriggerPx\":\"58000\",\"slOrdPx\":\"-1\"}]}");
    String algoId = trading.positions(Optional.of(BTC)).getFirst().protection().getFirst().algoId();

    SignedSimCalls.Reply moved =
        okx.post(
            "/api/v5/trade/amend-algos",
            "{\"instId\":\""
                + BTC
                + "\",\"algoId\":\""
                + algoId
                + "\",\"newSlTriggerPx\":\"58500\"}");
    SignedSimCalls.Reply wrong =
        okx.post(
            "/api/v5/trade/amend-algos",
            "{\"instId\":\""
                + BTC
                + "\",\"algoId\":\""
                + algoId
                + "\",\"newSlTriggerPx\":\"60500\"}");

    assertThat(moved.first().path("sCode").asString()).isEqualTo("0");
    assertThat(moved.first().path("algoId").asString()).isEqualTo(algoId);
    assertThat(wrong.first().path("sCode").asString()).isEqualTo("51280");
    assertThat(
            trading
                .positions(Optional.of(BTC))
                .getFirst()
                .protection()
                .getFirst()
                .stopLossTrigger())
        .contains(new BigDecimal("58500"));
  }

  @Test
  void
      givenCancelAllAfter_whenArmedOrGivenABadTimeout_thenTheTriggerTimeIsNowPlusTheTimeoutOr51000() {
    SignedSimCalls.Reply armed = okx.post("/api/v5/trade/cancel-all-after", "{\"timeOut\":\"60\"}");
    SignedSimCalls.Reply bad = okx.post("/api/v5/trade/cancel-all-after", "{\"timeOut\":\"5\"}");

    assertThat(armed.code()).isEqualTo("0");
    assertThat(armed.first().path("triggerTime").asString())
        .isEqualTo(Long.toString(SimFixture.NOW.toEpochMilli() + 60_000));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.code()).isEqualTo("51000");
  }
}
