package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stop-loss and take-profit: attached or standalone, they close the position when the price path reaches them. */
class OkxProtectionSimTest extends SimClientTest {

  static final String ETH = "ETH-USDT-SWAP";

  @BeforeEach
  void start() {
    sim.market.setPrice(ETH, new BigDecimal("3000.005")); // bid 3000.00, ask 3000.01
  }

  void openLong(String clOrdId, Optional<BigDecimal> sl, Optional<BigDecimal> tp) {
    trading.placeOrder(
        new OrderRequest(
            ETH,
            "cross",
            "buy",
            "market",
            new BigDecimal("10"),
            Optional.empty(),
            clOrdId,
            false,
            tp,
            sl));
  }

  BigDecimal position() {
    return trading.positions(Optional.of(ETH)).getFirst().pos();
  }

  @Test
  void
      givenAnAttachedStopLoss_whenThePriceFallsThroughIt_thenThePositionIsClosedAtTheGappedPrice() {
    openLong("sl1", Optional.of(new BigDecimal("2900")), Optional.of(new BigDecimal("3200")));
    assertThat(trading.pendingAlgos())
        .singleElement()
        .satisfies(a -> assertThat(a.ordType()).isEqualTo("oco"));

    sim.market.setPrice(ETH, new BigDecimal("2950"));
    assertThat(position()).isEqualByComparingTo("10");

    sim.market.setPrice(
        ETH, new BigDecimal("2880.005")); // gapped past 2900: fills at the bid, 2880.00

    assertThat(position()).isEqualByComparingTo("0");
    assertThat(trading.pendingAlgos()).isEmpty();
    BigDecimal cash = trading.balance().currency("USDT").orElseThrow().cashBal();
    // Loss 10 × 0.1 × (2880.00 − 3000.01) = −120.01, minus two taker fees.
    BigDecimal fees =
        new BigDecimal("3000.01").add(new BigDecimal("2880.00")).multiply(new BigDecimal("0.0005"));
    assertThat(cash)
        .isEqualByComparingTo(
            new BigDecimal("10000").subtract(new BigDecimal("120.01")).subtract(fees));
    assertThat(trading.algoHistory("effective"))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.ordType()).isEqualTo("oco");
              assertThat(a.stopLossTrigger()).contains(new BigDecimal("2900"));
            });
  }

  @Test
  void givenAnAttachedTakeProfit_whenThePriceRisesToIt_thenThePositionIsClosedInProfit() {
    openLong("tp1", Optional.of(new BigDecimal("2900")), Optional.of(new BigDecimal("3100")));

    sim.market.setPrice(ETH, new BigDecimal("3100.005"));

    assertThat(position()).isEqualByComparingTo("0");
    assertThat(trading.balance().currency("USDT").orElseThrow().cashBal())
        .isGreaterThan(new BigDecimal("10000"));
  }

  @Test
  void givenAPositionWithoutProtection_whenAStopLossIsArmedAfterwards_thenItProtectsThePosition() {
    openLong("bare1", Optional.empty(), Optional.empty());
    assertThat(trading.pendingAlgos()).isEmpty();

    String algoId =
        trading.placeProtection(
            ETH, "cross", "sell", Optional.of(new BigDecimal("2950")), Optional.empty(), "rearm1");

    assertThat(trading.pendingAlgos())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.algoId()).isEqualTo(algoId);
              assertThat(a.algoClOrdId()).isEqualTo("rearm1");
              assertThat(a.stopLossTrigger())
                  .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("2950"));
              assertThat(a.sz()).isEqualByComparingTo("10");
            });
    sim.market.setPrice(ETH, new BigDecimal("2949"));
    assertThat(position()).isEqualByComparingTo("0");
  }

  @Test
  void givenACanceledStopLoss_whenThePriceFalls_thenNothingCloses() {
    openLong("cx1", Optional.of(new BigDecimal("2950")), Optional.empty());
    String algoId = trading.pendingAlgos().getFirst().algoId();

    trading.cancelAlgo(ETH, algoId);
    sim.market.setPrice(ETH, new BigDecimal("2900"));

    assertThat(position()).isEqualByComparingTo("10");
    assertThat(trading.algoHistory("canceled"))
        .extracting(AlgoOrder::algoId)
        .containsExactly(algoId);
    assertThat(trading.algoHistory("effective")).isEmpty();
    assertThatThrownBy(() -> trading.cancelAlgo(ETH, algoId))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.effectiveCode()).isEqualTo("51416"));
  }

  @Test
  void givenAStopLossOnTheWrongSide_whenArmed_thenItIsRefused() {
    openLong("wrong1", Optional.empty(), Optional.empty());

    assertThatThrownBy(
            () ->
                trading.placeProtection(
                    ETH,
                    "cross",
                    "sell",
                    Optional.of(new BigDecimal("3050")),
                    Optional.empty(),
                    "w1"))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.effectiveCode()).isEqualTo("51280"));
    assertThatThrownBy(
            () ->
                trading.placeProtection(
                    "SOL-USDT-SWAP",
                    "cross",
                    "sell",
                    Optional.of(new BigDecimal("1")),
                    Optional.empty(),
                    "w2"))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.effectiveCode()).isEqualTo("51023"));
  }
}
