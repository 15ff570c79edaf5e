package io.tai2.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.OrderRecord;
import io.tai2.history.OrderStatus;
import io.tai2.okx.FillInfo;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Why OKX closed a position, from the fill and the stop-loss / take-profit of the entry that opened it. */
class ExitReasonTest {

  static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  static FillInfo fill(String side, String price, String subType, String clOrdId, String tradeId) {
    return new FillInfo(
        "BTC-USDT-SWAP",
        tradeId,
        "42",
        clOrdId,
        "b1",
        subType,
        side,
        "net",
        new BigDecimal(price),
        BigDecimal.ONE,
        new BigDecimal("-0.4"),
        "USDT",
        BigDecimal.ZERO,
        "T",
        T0);
  }

  static Optional<OrderRecord> entry(String side, String sl, String tp) {
    return Optional.of(
        new OrderRecord(
            UUID.randomUUID(),
            "t2entry",
            Optional.empty(),
            "BTC-USDT-SWAP",
            side,
            Optional.of("net"),
            "market",
            "cross",
            BigDecimal.ONE,
            Optional.empty(),
            false,
            Optional.of(new BigDecimal(sl)),
            Optional.of(new BigDecimal(tp)),
            OrderStatus.FILLED,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            T0,
            T0));
  }

  @ParameterizedTest(name = "{0} entry SL {1} TP {2}, {3} fill at {4} → {5}")
  @CsvSource({
    "buy,  88000, 95000, sell, 88000,   stop-loss 88000 triggered",
    "buy,  88000, 95000, sell, 86500,   stop-loss 88000 triggered", // a gap fills beyond the stop
    "buy,  88000, 95000, sell, 88200,   stop-loss 88000 triggered", // a tick better still counts
    // (0.25 %)
    "buy,  88000, 95000, sell, 95000,   take-profit 95000 triggered",
    "buy,  88000, 95000, sell, 96000,   take-profit 95000 triggered",
    "sell, 92000, 85000, buy,  92100,   stop-loss 92000 triggered",
    "sell, 92000, 85000, buy,  84000,   take-profit 85000 triggered",
    "buy,  88000, 95000, sell, 91000,   'closed on OKX without tai2 (by hand, another client, or a protection order it did not place)'",
    "sell, 92000, 85000, sell, 88000,   'closed on OKX without tai2 (by hand, another client, or a protection order it did not place)'",
  })
  void givenTheEntrysLevels_whenOkxClosedAtAPrice_thenTheLevelItReachedIsTheReason(
      String entrySide, String sl, String tp, String fillSide, String price, String reason) {
    assertThat(ExitReason.of(fill(fillSide, price, "5", "", "7"), entry(entrySide, sl, tp)))
        .isEqualTo(reason);
  }

  @Test
  void
      givenTheFillsOwnMarks_whenRead_thenLiquidationDeleveragingAndTheKillSwitchComeBeforeThePrice() {
    assertThat(ExitReason.of(fill("sell", "88000", "104", "", "9"), entry("buy", "88000", "95000")))
        .isEqualTo("liquidation");
    assertThat(ExitReason.of(fill("sell", "80000", "", "", "-17"), Optional.empty()))
        .as("a negative trade id")
        .isEqualTo("liquidation");
    assertThat(ExitReason.of(fill("sell", "80000", "125", "", "9"), Optional.empty()))
        .isEqualTo("auto-deleveraging by OKX");
    assertThat(
            ExitReason.of(
                fill("sell", "88000", "5", "t2kabc", "9"), entry("buy", "88000", "95000")))
        .isEqualTo("closed by the kill switch");
  }
}
