package io.tai2.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderPlanTest {

  private static final UUID DECISION = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

  private static OrderPlan buy(String sl, String tp) {
    return new OrderPlan(
        DECISION,
        "BTC-USDT-SWAP",
        "buy",
        "net",
        "cross",
        "market",
        new BigDecimal("1.5"),
        false,
        Optional.ofNullable(sl).map(BigDecimal::new),
        Optional.ofNullable(tp).map(BigDecimal::new),
        new BigDecimal("3"),
        new BigDecimal("60000"),
        Instant.parse("2026-11-25T12:00:00Z"),
        "trend");
  }

  @Test
  void givenADecisionId_whenTheClientOrderIdIsDerived_thenItIsStable32AlphanumericCharacters() {
    assertThat(buy("59000", "62000").clientOrderId())
        .isEqualTo("t20f8fad5bd9cb469fa1657086772895")
        .hasSize(32)
        .matches("[A-Za-z0-9]+");
    assertThat(buy("59000", null).clientOrderId()).isEqualTo(buy("59000", "62000").clientOrderId());
  }

  @Test
  void givenProtectionOnTheWrongSide_whenPlanned_thenThePlanCannotExist() {
    assertThatThrownBy(() -> buy("60500", "62000"))
        .hasMessageContaining("stop-loss 60500 is on the wrong side");
    assertThatThrownBy(() -> buy("59000", "59500"))
        .hasMessageContaining("take-profit 59500 is on the wrong side");
  }

  @Test
  void givenAZeroSizeOrAReduceOnlyWithStops_whenPlanned_thenRefused() {
    assertThatThrownBy(
            () ->
                new OrderPlan(
                    DECISION,
                    "BTC-USDT-SWAP",
                    "sell",
                    "net",
                    "cross",
                    "market",
                    BigDecimal.ZERO,
                    false,
                    Optional.empty(),
                    Optional.empty(),
                    BigDecimal.ONE,
                    BigDecimal.TEN,
                    Instant.EPOCH,
                    ""))
        .hasMessageContaining("contracts must be positive");
    assertThatThrownBy(
            () ->
                new OrderPlan(
                    DECISION,
                    "BTC-USDT-SWAP",
                    "sell",
                    "net",
                    "cross",
                    "market",
                    BigDecimal.ONE,
                    true,
                    Optional.of(BigDecimal.ONE),
                    Optional.empty(),
                    BigDecimal.ONE,
                    BigDecimal.TEN,
                    Instant.EPOCH,
                    ""))
        .hasMessageContaining("reduce-only");
  }
}
