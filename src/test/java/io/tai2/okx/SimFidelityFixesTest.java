package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The simulator behaves like OKX where it used not to: filters on pending lists, liqPx, trade times, top-level TP/SL. */
class SimFidelityFixesTest extends SimClientTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final String ETH = "ETH-USDT-SWAP";
  SignedSimCalls okx;

  @BeforeEach
  void client() {
    sim.market.setPrice(BTC, new BigDecimal("59999.95"));
    okx = new SignedSimCalls(sim);
  }

  void restingBuy(String instId, String px) {
    SignedSimCalls.Reply r =
        okx.post(
            "/api/v5/trade/order",
            "{\"instId\":\""
                + instId
                + "\",\"tdMode\":\"cross\",\"side\":\"buy\","
                + "\"ordType\":\"limit\",\"px\":\""
                + px
                + "\",\"sz\":\"1\"}");
    assertThat(r.first().path("sCode").asString()).as(r.json().toString()).isEqualTo("0");
  }

  @Test
  void
      givenRestingOrdersOnTwoInstruments_whenPendingOrdersAreAskedForOne_thenOnlyItsOrderIsListed() {
    restingBuy(BTC, "59000");
    BigDecimal eth = sim.market.last(ETH);
    restingBuy(
        ETH, eth.multiply(new BigDecimal("0.98")).setScale(1, RoundingMode.DOWN).toPlainString());

    JsonNode btcOnly = okx.get("/api/v5/trade/orders-pending?instType=SWAP&instId=" + BTC).data();

    assertThat(btcOnly.valueStream().map(o -> o.path("instId").asString())).containsExactly(BTC);
    assertThat(okx.get("/api/v5/trade/orders-pending?instType=SWAP").data()).hasSize(2);
  }

  @Test
  void givenAConditionalAndAnOco_whenPendingAlgosAreAskedByOrdType_thenEachTypeListsOnlyItsAlgo() {
    okx.post(
        "/api/v5/trade/order",
        "{\"instId\":\""
            + BTC
            + "\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"2\"}");
    okx.post(
        "/api/v5/trade/order-algo",
        "{\"instId\":\""
            + BTC
            + "\",\"tdMode\":\"cross\",\"side\":\"sell\",\"ordType\":\"conditional\",\"sz\":\"1\",\"slTriggerPx\":\"58000\",\"slOrdPx\":\"-1\"}");
    okx.post(
        "/api/v5/trade/order-algo",
        "{\"instId\":\""
            + BTC
            + "\",\"tdMode\":\"cross\",\"side\":\"sell\",\"ordType\":\"oco\",\"sz\":\"1\",\"slTriggerPx\":\"57000\",\"slOrdPx\":\"-1\",\"tpTriggerPx\":\"63000\",\"tpOrdPx\":\"-1\"}");

    JsonNode conditional = okx.get("/api/v5/trade/orders-algo-pending?ordType=conditional").data();
    JsonNode oco = okx.get("/api/v5/trade/orders-algo-pending?ordType=oco").data();

    assertThat(conditional.valueStream().map(a -> a.path("slTriggerPx").asString()))
        .containsExactly("58000");
    assertThat(oco.valueStream().map(a -> a.path("slTriggerPx").asString()))
        .containsExactly("57000");
    assertThat(okx.get("/api/v5/trade/orders-algo-pending?ordType=conditional,oco").data())
        .hasSize(2);
    SignedSimCalls.Reply noOrdType = okx.get("/api/v5/trade/orders-algo-pending");
    assertThat(noOrdType.status()).isEqualTo(400);
    assertThat(noOrdType.code()).isEqualTo("50014");
    assertThat(trading.pendingAlgos()).hasSize(2);
  }

  @Test
  void givenALongBackedByMoreThanItsNotional_whenPositionsAreRead_thenLiqPxIsEmptyNotNegative() {
    okx.post(
        "/api/v5/trade/order",
        "{\"instId\":\""
            + BTC
            + "\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"1\"}");

    JsonNode position = okx.get("/api/v5/account/positions?instId=" + BTC).first();

    assertThat(position.path("liqPx").asString()).isEmpty();
    assertThat(trading.positions(Optional.of(BTC)).getFirst().liqPx()).isEmpty();
  }

  @Test
  void givenTheSimulatorsClock_whenTradesAreRead_thenNoTradeIsStampedAfterServerTime() {
    long serverTime = okx.publicGet("/api/v5/public/time").first().path("ts").asLong();

    JsonNode trades = okx.publicGet("/api/v5/market/trades?instId=" + BTC + "&limit=5").data();

    assertThat(trades).isNotEmpty();
    assertThat(trades.valueStream().mapToLong(t -> t.path("ts").asLong()))
        .allMatch(ts -> ts <= serverTime);
  }

  @Test
  void givenAnOrderWithAttachedTpAndSl_whenFetched_thenTheTriggersAreAlsoAtTheTopLevel() {
    okx.post(
        "/api/v5/trade/order",
        "{\"instId\":\""
            + BTC
            + "\",\"tdMode\":\"cross\",\"clOrdId\":\"top1\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"1\","
            + "\"attachAlgoOrds\":[{\"slTriggerPx\":\"58000\",\"slOrdPx\":\"-1\",\"tpTriggerPx\":\"62000\",\"tpOrdPx\":\"-1\"}]}");

    JsonNode order = okx.get("/api/v5/trade/order?instId=" + BTC + "&clOrdId=top1").first();

    assertThat(order.path("slTriggerPx").asString()).isEqualTo("58000");
    assertThat(order.path("tpTriggerPx").asString()).isEqualTo("62000");
    assertThat(order.path("slOrdPx").asString()).isEqualTo("-1");
  }

  @Test
  void
      givenACanceledConditional_whenAlgoHistoryIsAskedForOco_thenItIsNotListedButForConditionalItIs() {
    okx.post(
        "/api/v5/trade/order",
        "{\"instId\":\""
            + BTC
            + "\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"1\"}");
    String algoId =
        okx.post(
                "/api/v5/trade/order-algo",
                "{\"instId\":\""
                    + BTC
                    + "\",\"tdMode\":\"cross\",\"side\":\"sell\","
                    + "\"ordType\":\"conditional\",\"sz\":\"1\",\"slTriggerPx\":\"58000\",\"slOrdPx\":\"-1\"}")
            .first()
            .path("algoId")
            .asString();
    okx.post(
        "/api/v5/trade/cancel-algos",
        "[{\"instId\":\"" + BTC + "\",\"algoId\":\"" + algoId + "\"}]");

    JsonNode oco = okx.get("/api/v5/trade/orders-algo-history?ordType=oco&state=canceled").data();
    JsonNode conditional =
        okx.get("/api/v5/trade/orders-algo-history?ordType=conditional&state=canceled").data();

    assertThat(oco).isEmpty();
    assertThat(conditional.valueStream().map(a -> a.path("algoId").asString()))
        .containsExactly(algoId);
  }
}
