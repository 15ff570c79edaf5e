package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Account and trading calls of the real client against a fresh simulator per test, with real signatures. */
class OkxTradingSimTest extends SimClientTest {

  static final String BTC = "BTC-USDT-SWAP";

  static OrderRequest market(
      String side, String sz, String clOrdId, Optional<BigDecimal> sl, Optional<BigDecimal> tp) {
    return new OrderRequest(
        BTC, "cross", side, "market", new BigDecimal(sz), Optional.empty(), clOrdId, false, tp, sl);
  }

  @Test
  void givenDemoKeys_whenTheFullEntryFlowRuns_thenTheOrderFillsAndThePositionCarriesItsStopLoss() {
    assertThat(market.instruments("SWAP")).extracting(Instrument::instId).contains(BTC);
    Ticker ticker = market.ticker(BTC);
    assertThat(market.candles(BTC, "1m", 10)).hasSize(10);
    assertThat(market.books(BTC, 5).asks()).hasSize(5);
    assertThat(trading.balance().currency("USDT").orElseThrow().availBal())
        .isEqualByComparingTo("10000");

    trading.setLeverage(BTC, new BigDecimal("5"), "cross");
    BigDecimal stop = ticker.last().multiply(new BigDecimal("0.98")).setScale(1, RoundingMode.DOWN);
    String ordId =
        trading.placeOrder(market("buy", "1", "tai2d1e2f3", Optional.of(stop), Optional.empty()));

    OrderDetails order = trading.order(BTC, "tai2d1e2f3").orElseThrow();
    assertThat(order.ordId()).isEqualTo(ordId);
    assertThat(order.isFilled()).isTrue();
    assertThat(order.avgPx()).contains(ticker.askPx());
    assertThat(order.lever()).isEqualByComparingTo("5");
    BigDecimal expectedFee =
        ticker.askPx().multiply(new BigDecimal("0.01")).multiply(new BigDecimal("0.0005")).negate();
    assertThat(order.fee()).isEqualByComparingTo(expectedFee);

    List<PositionInfo> positions = trading.positions(Optional.empty());
    assertThat(positions)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.instId()).isEqualTo(BTC);
              assertThat(p.pos()).isEqualByComparingTo("1");
              assertThat(p.avgPx()).contains(ticker.askPx());
              assertThat(p.protection())
                  .singleElement()
                  .satisfies(pr -> assertThat(pr.stopLossTrigger()).contains(stop));
            });
    assertThat(trading.balance().currency("USDT").orElseThrow().cashBal())
        .isEqualByComparingTo(new BigDecimal("10000").add(expectedFee));
  }

  @Test
  void
      givenTheWorkedExample_whenTenContractsAreBoughtIsolatedAt60000_thenMarginFeeAndLiquidationMatch() {
    sim.market.setPrice(BTC, new BigDecimal("59999.95")); // best bid 59999.9, best ask 60000.0
    trading.setLeverage(BTC, BigDecimal.TEN, "isolated");

    trading.placeOrder(
        new OrderRequest(
            BTC,
            "isolated",
            "buy",
            "market",
            BigDecimal.TEN,
            Optional.empty(),
            "worked1",
            false,
            Optional.empty(),
            Optional.empty()));

    PositionInfo p = trading.positions(Optional.of(BTC)).getFirst();
    assertThat(p.avgPx()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("60000"));
    assertThat(p.margin()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("600"));
    assertThat(p.fee()).isEqualByComparingTo("-3");
    assertThat(p.liqPx())
        .hasValueSatisfying(
            v -> assertThat(v.setScale(2, RoundingMode.HALF_UP)).isEqualByComparingTo("54244.10"));

    sim.market.setPrice(BTC, new BigDecimal("61000"));
    assertThat(trading.positions(Optional.of(BTC)).getFirst().upl()).isEqualByComparingTo("100");
  }

  @Test
  void givenAnOpenPosition_whenClosedReduceOnly_thenItIsFlatAndItsStopLossIsGone() {
    BigDecimal last = market.ticker(BTC).last();
    trading.placeOrder(
        market(
            "buy",
            "2",
            "open1",
            Optional.of(last.subtract(new BigDecimal("1000"))),
            Optional.of(last.add(new BigDecimal("1000")))));

    trading.placeOrder(
        new OrderRequest(
            BTC,
            "cross",
            "sell",
            "market",
            new BigDecimal("2"),
            Optional.empty(),
            "close1",
            true,
            Optional.empty(),
            Optional.empty()));

    assertThat(trading.positions(Optional.empty())).isEmpty();
    assertThat(trading.positions(Optional.of(BTC)))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.pos()).isEqualByComparingTo("0");
              assertThat(p.protection()).isEmpty();
            });
  }

  @Test
  void givenBadOrders_whenPlaced_thenOkxRejectionCodesComeBackAndNothingIsFilled() {
    BigDecimal last = market.ticker(BTC).last();
    assertRejected(market("buy", "0.15", "bad1", Optional.empty(), Optional.empty()), "51121");
    assertRejected(market("buy", "0", "bad2", Optional.empty(), Optional.empty()), "51020");
    assertRejected(market("buy", "12000.1", "bad3", Optional.empty(), Optional.empty()), "51202");
    assertRejected(market("buy", "12000", "bad4", Optional.empty(), Optional.empty()), "51008");
    assertRejected(
        market("buy", "1", "bad5", Optional.of(last.add(new BigDecimal("500"))), Optional.empty()),
        "51051");
    assertRejected(
        new OrderRequest(
            BTC,
            "cross",
            "sell",
            "market",
            BigDecimal.ONE,
            Optional.empty(),
            "bad6",
            true,
            Optional.empty(),
            Optional.empty()),
        "51169");

    assertThat(trading.order(BTC, "bad4")).isEmpty();
    assertThat(trading.positions(Optional.empty())).isEmpty();
    assertThat(trading.balance().currency("USDT").orElseThrow().cashBal())
        .isEqualByComparingTo("10000");
  }

  @Test
  void givenLeverageAboveTheInstrumentsMaximum_whenSet_then59102() {
    assertThatThrownBy(() -> trading.setLeverage(BTC, new BigDecimal("101"), "cross"))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.effectiveCode()).isEqualTo("59102"));
  }

  @Test
  void givenAnInvalidClientOrderId_whenTheRequestIsBuilt_thenItIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> market("buy", "1", "has-dash", Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clOrdId");
  }

  private void assertRejected(OrderRequest request, String sCode) {
    assertThatThrownBy(() -> trading.placeOrder(request))
        .as(request.clOrdId())
        .isInstanceOfSatisfying(
            OkxApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo("1");
              assertThat(e.effectiveCode()).isEqualTo(sCode);
            });
  }
}
