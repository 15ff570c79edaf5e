package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OKX fields the simulator used to leave out, found missing against real captured replies, now carry OKX's values. */
class SimOkxFieldsTest extends SimClientTest {

  static final String BTC = "BTC-USDT-SWAP";

  OkxRestClient rest;
  BigDecimal stop;

  @BeforeEach
  void buyWithAStopLoss() {
    rest = sim.client(SimFixture.KEYS, true, SimFixture.IN_SYNC);
    stop = market.ticker(BTC).last().multiply(new BigDecimal("0.9")).setScale(1, RoundingMode.DOWN);
    trading.placeOrder(
        new OrderRequest(
            BTC,
            "cross",
            "buy",
            "market",
            BigDecimal.ONE,
            Optional.empty(),
            "f1",
            false,
            Optional.empty(),
            Optional.of(stop)));
  }

  @Test
  void order_repeatsTheAttachedStopLossAtTheTopLevelLikeOkx() {
    JsonNode order =
        rest.getPrivate("/api/v5/trade/order", Map.of("instId", BTC, "clOrdId", "f1")).get(0);

    assertThat(order.path("slTriggerPx").asString()).isEqualTo(stop.toPlainString());
    assertThat(order.path("slOrdPx").asString()).isEqualTo("-1");
    assertThat(order.path("slTriggerPxType").asString()).isEqualTo("last");
    assertThat(order.path("tpTriggerPx").asString()).isEmpty();
    assertThat(order.path("tpTriggerPxType").asString()).isEmpty();
    assertThat(order.path("attachAlgoClOrdId").asString()).isEqualTo("f1ps");
    assertThat(order.path("linkedAlgoOrd").path("algoId").isString()).isTrue();
  }

  @Test
  void restingOrder_hasNoFillTimeLikeARealUnfilledOrder() {
    BigDecimal below = stop.setScale(1, RoundingMode.DOWN);
    trading.placeOrder(
        new OrderRequest(
            BTC,
            "cross",
            "buy",
            "limit",
            BigDecimal.ONE,
            Optional.of(below),
            "f2",
            false,
            Optional.empty(),
            Optional.empty()));

    JsonNode order =
        rest.getPrivate("/api/v5/trade/order", Map.of("instId", BTC, "clOrdId", "f2")).get(0);

    assertThat(order.path("state").asString()).isEqualTo("live");
    assertThat(order.path("fillTime").asString()).isEmpty();
  }

  @Test
  void filledOrder_hasItsFillTime() {
    JsonNode order =
        rest.getPrivate("/api/v5/trade/order", Map.of("instId", BTC, "clOrdId", "f1")).get(0);

    assertThat(order.path("fillTime").asString())
        .isEqualTo(Long.toString(SimFixture.NOW.toEpochMilli()));
  }

  @Test
  void fill_carriesTheTakerRateItWasChargedAt() {
    JsonNode fill = rest.getPrivate("/api/v5/trade/fills", Map.of("instType", "SWAP")).get(0);

    assertThat(fill.path("execType").asString()).isEqualTo("T");
    assertThat(fill.path("feeRate").asString()).isEqualTo("-0.0005");
  }

  @Test
  void pendingAlgo_echoesItsClientIdAsClOrdIdAndNamesTheStopTriggerType() {
    JsonNode algo =
        rest.getPrivate("/api/v5/trade/orders-algo-pending", Map.of("ordType", "conditional"))
            .get(0);

    assertThat(algo.path("clOrdId").asString())
        .isEqualTo(algo.path("algoClOrdId").asString())
        .isEqualTo("f1ps");
    assertThat(algo.path("slTriggerPxType").asString()).isEqualTo("last");
    assertThat(algo.path("tpTriggerPxType").asString()).isEmpty();
    assertThat(algo.path("uTime").asString()).isEqualTo(algo.path("cTime").asString());
  }

  @Test
  void position_ratioOnLastPriceIsTheRatioSinceTheMarkIsTheLastPrice() {
    JsonNode position =
        rest.getPrivate("/api/v5/account/positions", Map.of("instType", "SWAP")).get(0);

    assertThat(position.path("uplRatioLastPx").asString())
        .isEqualTo(position.path("uplRatio").asString())
        .isNotEmpty();
  }

  @Test
  void balance_collateralFlagsAreBooleansAndTheAccountOwesNothing() {
    JsonNode usdt =
        rest.getPrivate("/api/v5/account/balance", Map.of()).get(0).path("details").get(0);

    assertThat(usdt.path("collateralEnabled").isBoolean()).isTrue();
    assertThat(usdt.path("liab").asString()).isEqualTo("0");
    assertThat(usdt.path("interest").asString()).isEqualTo("0");
  }

  @Test
  void instrument_stopCeilingIsTheMarketOneAndTriggerCeilingTheLimitOne() {
    JsonNode btc =
        rest.getPublic("/api/v5/public/instruments", Map.of("instType", "SWAP"))
            .valueStream()
            .filter(i -> i.path("instId").asString().equals(BTC))
            .findFirst()
            .orElseThrow();

    assertThat(btc.path("maxStopSz").asString())
        .isEqualTo(btc.path("maxMktSz").asString())
        .isNotEmpty();
    assertThat(btc.path("maxTriggerSz").asString())
        .isEqualTo(btc.path("maxLmtSz").asString())
        .isNotEmpty();
    assertThat(btc.path("maxMktAmt").asString()).isEmpty();
  }

  @Test
  void accountConfig_traderInstrumentListsAreArrays() {
    JsonNode config = rest.getPrivate("/api/v5/account/config", Map.of()).get(0);

    assertThat(config.path("traderInsts").isArray()).isTrue();
    assertThat(config.path("spotTraderInsts").isArray()).isTrue();
  }
}
