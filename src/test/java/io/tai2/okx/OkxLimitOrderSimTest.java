package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Limit orders: rest, fill as maker when the price path reaches them, cancel. */
class OkxLimitOrderSimTest extends SimClientTest {

  static final String ETH = "ETH-USDT-SWAP";

  @BeforeEach
  void start() {
    sim.market.setPrice(ETH, new BigDecimal("3000.005")); // bid 3000.00, ask 3000.01
  }

  static OrderRequest limitBuy(String px, String clOrdId, Optional<BigDecimal> sl) {
    return new OrderRequest(
        ETH,
        "cross",
        "buy",
        "limit",
        new BigDecimal("5"),
        Optional.of(new BigDecimal(px)),
        clOrdId,
        false,
        Optional.empty(),
        sl);
  }

  @Test
  void
      givenALimitBuyBelowTheMarket_whenThePriceFallsToIt_thenItFillsAsMakerAtItsPriceWithItsStopLoss() {
    trading.placeOrder(limitBuy("2950", "lim1", Optional.of(new BigDecimal("2900"))));
    assertThat(trading.order(ETH, "lim1"))
        .hasValueSatisfying(
            o -> {
              assertThat(o.state()).isEqualTo("live");
              assertThat(o.avgPx()).isEmpty();
            });
    assertThat(trading.pendingOrders()).extracting(OrderDetails::clOrdId).containsExactly("lim1");
    assertThat(trading.positions(Optional.empty())).isEmpty();

    sim.market.setPrice(ETH, new BigDecimal("2949.5"));

    OrderDetails filled = trading.order(ETH, "lim1").orElseThrow();
    assertThat(filled.isFilled()).isTrue();
    assertThat(filled.avgPx())
        .hasValueSatisfying(px -> assertThat(px).isEqualByComparingTo("2950"));
    // maker fee: 5 × 0.1 × 2950 × 0.0002 = 0.295
    assertThat(filled.fee()).isEqualByComparingTo("-0.295");
    assertThat(trading.pendingOrders()).isEmpty();
    assertThat(trading.positions(Optional.empty()))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.pos()).isEqualByComparingTo("5");
              assertThat(p.protection())
                  .singleElement()
                  .satisfies(
                      pr ->
                          assertThat(pr.stopLossTrigger())
                              .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("2900")));
            });
  }

  @Test
  void givenAMarketableLimit_whenPlaced_thenItFillsAtOnceAtTheBestAskAsTaker() {
    trading.placeOrder(limitBuy("3050", "lim2", Optional.empty()));

    OrderDetails o = trading.order(ETH, "lim2").orElseThrow();
    assertThat(o.isFilled()).isTrue();
    assertThat(o.avgPx()).hasValueSatisfying(px -> assertThat(px).isEqualByComparingTo("3000.01"));
  }

  @Test
  void givenARestingOrder_whenCanceled_thenItNeverFillsAndASecondCancelIsRefused() {
    trading.placeOrder(limitBuy("2950", "lim3", Optional.empty()));

    trading.cancelOrder(ETH, "lim3");
    sim.market.setPrice(ETH, new BigDecimal("2900"));

    assertThat(trading.order(ETH, "lim3"))
        .hasValueSatisfying(o -> assertThat(o.state()).isEqualTo("canceled"));
    assertThat(trading.positions(Optional.empty())).isEmpty();
    assertThatThrownBy(() -> trading.cancelOrder(ETH, "lim3"))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.effectiveCode()).isEqualTo("51400"));
  }

  @Test
  void givenLimitRuleBreaks_whenPlaced_thenOkxCodesComeBack() {
    trading.placeOrder(limitBuy("2950", "dup1", Optional.empty()));
    assertThatThrownBy(() -> trading.placeOrder(limitBuy("2940", "dup1", Optional.empty())))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.effectiveCode()).isEqualTo("51016"));
    assertThatThrownBy(
            () ->
                trading.placeOrder(
                    new OrderRequest(
                        ETH,
                        "cross",
                        "buy",
                        "limit",
                        BigDecimal.ONE,
                        Optional.empty(),
                        "nopx",
                        false,
                        Optional.empty(),
                        Optional.empty())))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.effectiveCode()).isEqualTo("51204"));
  }
}
