package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Order types beyond market/limit, the price band and the leverage tiers, as OKX enforces them (docs/spec/okx-openrouter-protocols.md §12.4). */
class OkxOrderRulesSimTest extends SimClientTest {

  static final String SOL = "SOL-USDT-SWAP";

  @BeforeEach
  void price() {
    sim.market.setPrice(SOL, new BigDecimal("150.005")); // bid 150.00, ask 150.01
  }

  OrderDetails place(String ordType, String px, String clOrdId) {
    trading.placeOrder(
        new OrderRequest(
            SOL,
            "cross",
            "buy",
            ordType,
            BigDecimal.ONE,
            Optional.of(new BigDecimal(px)),
            clOrdId,
            false,
            Optional.empty(),
            Optional.empty()));
    return trading.order(SOL, clOrdId).orElseThrow();
  }

  @Test
  void givenPostOnly_whenItWouldTake_thenItIsCanceledAndWhenItWouldRest_thenItRests() {
    assertThat(place("post_only", "150.01", "po1").state()).isEqualTo("canceled");
    assertThat(place("post_only", "149.90", "po2").state()).isEqualTo("live");
    assertThat(trading.positions(Optional.of(SOL))).isEmpty();
  }

  @Test
  void givenIocAndFok_whenMarketable_thenTheyFillAtTheBestPriceAndOtherwiseAreCanceled() {
    OrderDetails ioc = place("ioc", "150.50", "ioc1");
    assertThat(ioc.state()).isEqualTo("filled");
    assertThat(ioc.avgPx()).contains(new BigDecimal("150.01"));
    assertThat(place("fok", "150.01", "fok1").state()).isEqualTo("filled");
    assertThat(place("ioc", "149.00", "ioc2").state()).isEqualTo("canceled");
    assertThat(place("fok", "149.00", "fok2").state()).isEqualTo("canceled");
    assertThat(trading.pendingOrders()).isEmpty();
  }

  @Test
  void givenALimitPriceFarFromTheMark_whenPlaced_thenItIsRefusedWith51006() {
    assertThatThrownBy(() -> place("limit", "160", "band1"))
        .isInstanceOfSatisfying(
            OkxApiException.class,
            e -> {
              assertThat(e.effectiveCode()).isEqualTo("51006");
              assertThat(e.getMessage()).contains("max buy price: 157.50");
            });
  }

  @Test
  void
      givenASizeBeyondTierOne_whenLeverageIsAboveTierTwosMaximum_thenItIsRefusedWith51004UntilLeverageIsLowered() {
    String xrp = "XRP-USDT-SWAP";
    sim.market.setPrice(xrp, new BigDecimal("0.5"));
    OrderRequest big =
        new OrderRequest(
            xrp,
            "cross",
            "buy",
            "market",
            new BigDecimal("3500"),
            Optional.empty(),
            "tier1",
            false,
            Optional.empty(),
            Optional.empty());
    trading.setLeverage(xrp, new BigDecimal("50"), "cross");

    assertThatThrownBy(() -> trading.placeOrder(big))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.effectiveCode()).isEqualTo("51004"));

    trading.setLeverage(xrp, new BigDecimal("30"), "cross");
    trading.placeOrder(big);
    assertThat(trading.positions(Optional.of(xrp)).getFirst().pos()).isEqualByComparingTo("3500");
  }
}
