package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Orders, fills, algo, bills and positions history of the simulator over signed HTTP, paged and filtered as OKX does. */
class SimHistoryEndpointsTest extends SimClientTest {

  static final String BTC = "BTC-USDT-SWAP";
  SignedSimCalls okx;

  @BeforeEach
  void priceAt60000() {
    sim.market.setPrice(BTC, new BigDecimal("59999.95")); // best bid 59999.9, best ask 60000.0
    okx = new SignedSimCalls(sim);
  }

  void market(String clOrdId, String side, String sz) {
    okx.post(
        "/api/v5/trade/order",
        "{\"instId\":\""
            + BTC
            + "\",\"tdMode\":\"cross\",\"clOrdId\":\""
            + clOrdId
            + "\",\"side\":\""
            + side
            + "\",\"ordType\":\"market\",\"sz\":\""
            + sz
            + "\"}");
  }

  void canceledLimit(String clOrdId) {
    okx.post(
        "/api/v5/trade/order",
        "{\"instId\":\""
            + BTC
            + "\",\"tdMode\":\"cross\",\"clOrdId\":\""
            + clOrdId
            + "\",\"side\":\"buy\",\"ordType\":\"limit\",\"px\":\"59000\",\"sz\":\"1\"}");
    okx.post(
        "/api/v5/trade/cancel-order",
        "{\"instId\":\"" + BTC + "\",\"clOrdId\":\"" + clOrdId + "\"}");
  }

  @Test
  void givenAFilledAndACanceledOrder_whenHistoryIsAskedByState_thenEachStateListsOnlyItsOrders() {
    market("h1", "buy", "1");
    canceledLimit("h2");

    JsonNode all = okx.get("/api/v5/trade/orders-history?instType=SWAP").data();
    JsonNode filled = okx.get("/api/v5/trade/orders-history?instType=SWAP&state=filled").data();
    JsonNode canceled =
        okx.get(
                "/api/v5/trade/orders-history-archive?instType=SWAP&instId="
                    + BTC
                    + "&state=canceled")
            .data();

    assertThat(all.valueStream().map(o -> o.path("clOrdId").asString()))
        .containsExactly("h2", "h1");
    assertThat(filled.valueStream().map(o -> o.path("clOrdId").asString())).containsExactly("h1");
    assertThat(canceled.valueStream().map(o -> o.path("clOrdId").asString())).containsExactly("h2");
  }

  @Test
  void
      givenThreeFinishedOrders_whenPagedWithLimitAndAfter_thenThePagesFollowEachOtherWithoutOverlap() {
    market("p1", "buy", "1");
    market("p2", "buy", "1");
    market("p3", "buy", "1");

    JsonNode first = okx.get("/api/v5/trade/orders-history?instType=SWAP&limit=2").data();
    String oldest = first.get(1).path("ordId").asString();
    JsonNode second =
        okx.get("/api/v5/trade/orders-history?instType=SWAP&limit=2&after=" + oldest).data();

    assertThat(first.valueStream().map(o -> o.path("clOrdId").asString()))
        .containsExactly("p3", "p2");
    assertThat(second.valueStream().map(o -> o.path("clOrdId").asString())).containsExactly("p1");
  }

  @Test
  void givenNoInstType_whenOrdersOrFillsHistoryIsAsked_then50014AndABadStateIs51000() {
    SignedSimCalls.Reply orders = okx.get("/api/v5/trade/orders-history");
    SignedSimCalls.Reply fills = okx.get("/api/v5/trade/fills-history?instId=" + BTC);
    SignedSimCalls.Reply badState =
        okx.get("/api/v5/trade/orders-history?instType=SWAP&state=live");
    SignedSimCalls.Reply badLimit = okx.get("/api/v5/trade/orders-history?instType=SWAP&limit=abc");

    assertThat(orders.status()).isEqualTo(400);
    assertThat(orders.code()).isEqualTo("50014");
    assertThat(fills.code()).isEqualTo("50014");
    assertThat(badState.code()).isEqualTo("51000");
    assertThat(badLimit.code()).isEqualTo("51000");
  }

  @Test
  void givenTwoFills_whenFillsHistoryIsAsked_thenBothAreListedNewestFirstWithTheirPrices() {
    market("f1", "buy", "2");
    market("f2", "sell", "1");

    JsonNode fills = okx.get("/api/v5/trade/fills-history?instType=SWAP&instId=" + BTC).data();

    assertThat(fills.valueStream().map(f -> f.path("clOrdId").asString()))
        .containsExactly("f2", "f1");
    assertThat(fills.get(0).path("fillPx").asString()).isEqualTo("59999.9");
    assertThat(fills.get(1).path("fillPx").asString()).isEqualTo("60000");
    assertThat(fills.get(1).path("fillSz").asString()).isEqualTo("2");
    assertThat(fills.get(1).path("feeRate").asString()).isEqualTo("-0.0005");
    assertThat(fills.get(1).path("fillMarkPx").asString()).isEqualTo("60000");
  }

  @Test
  void givenAStopOnAPosition_whenTheAlgoIsFetchedByIdOrUnknownId_thenItIsFoundOr51603() {
    okx.post(
        "/api/v5/trade/order",
        "{\"instId\":\""
            + BTC
            + "\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"1\","
            + "\"attachAlgoOrds\":[{\"slTriggerPx\":\"58000\",\"slOrdPx\":\"-1\"}]}");
    String algoId = trading.positions(Optional.of(BTC)).getFirst().protection().getFirst().algoId();

    JsonNode algo = okx.get("/api/v5/trade/order-algo?algoId=" + algoId).first();
    SignedSimCalls.Reply unknown = okx.get("/api/v5/trade/order-algo?algoId=1");
    SignedSimCalls.Reply none = okx.get("/api/v5/trade/order-algo");

    assertThat(algo.path("state").asString()).isEqualTo("live");
    assertThat(algo.path("slTriggerPx").asString()).isEqualTo("58000");
    assertThat(algo.path("ordType").asString()).isEqualTo("conditional");
    assertThat(unknown.code()).isEqualTo("51603");
    assertThat(none.code()).isEqualTo("51000");
  }

  @Test
  void
      givenAPositionOpenedInTwoStepsAndClosed_whenPositionsHistoryIsAsked_thenOneRowHasTheAveragesAndThePnl() {
    market("o1", "buy", "1");
    sim.market.setPrice(BTC, new BigDecimal("61999.95")); // ask 62000, bid 61999.9
    market("o2", "buy", "1");
    sim.market.setPrice(BTC, new BigDecimal("63000.05")); // bid 63000
    market("c1", "sell", "2");

    JsonNode history = okx.get("/api/v5/account/positions-history?instId=" + BTC).data();

    assertThat(history).hasSize(1);
    JsonNode row = history.get(0);
    assertThat(row.path("openAvgPx").asString()).isEqualTo("61000");
    assertThat(row.path("closeAvgPx").asString()).isEqualTo("63000");
    assertThat(row.path("openMaxPos").asString()).isEqualTo("2");
    assertThat(row.path("closeTotalPos").asString()).isEqualTo("2");
    assertThat(row.path("direction").asString()).isEqualTo("long");
    assertThat(new BigDecimal(row.path("pnl").asString()))
        .isEqualByComparingTo("40"); // 2 × 0.01 BTC × 2000
    assertThat(row.path("type").asString()).isEqualTo("2");
  }

  @Test
  void givenATrade_whenBillsArchiveIsAsked_thenItListsTheTradeBill() {
    market("b1", "buy", "1");

    JsonNode bills = okx.get("/api/v5/account/bills-archive?instType=SWAP").data();

    assertThat(
            bills
                .valueStream()
                .filter(b -> b.path("type").asString().equals("2"))
                .map(b -> b.path("clOrdId").asString()))
        .containsExactly("b1");
  }
}
