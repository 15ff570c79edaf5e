package io.tai2.execution;

import static io.tai2.execution.TradeFixtures.bd;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtectionMathTest {

  @ParameterizedTest(name = "{0} to tick {1} rounded {2} → {3}")
  @CsvSource({
    "60000.05,   0.1,        up,   60000.1",
    "60000.05,   0.1,        down, 60000.0",
    "60000.1,    0.1,        up,   60000.1",
    "0.000012345, 0.00000001, up,   0.00001235",
    "0.000012345, 0.00000001, down, 0.00001234",
    "3001.234,   0.01,       down, 3001.23",
    "0.54321,    0.0001,     up,   0.5433"
  })
  void givenALevel_whenQuantised_thenItIsAMultipleOfTheTickInTheAskedDirection(
      String level, String tick, String way, String expected) {
    assertThat(ProtectionMath.quantise(bd(level), bd(tick), way.equals("up")))
        .isEqualByComparingTo(expected);
  }

  @ParameterizedTest(name = "reference {0}, tick {1} → offset {2}")
  @CsvSource({
    // 0.1 % of 60,000 = 60 > tick 0.1
    "60000,   0.1,        60",
    // 0.1 % of 100 = 0.1 > tick 0.01
    "100,     0.01,       0.1",
    // 0.1 % of 0.5 = 0.0005 < tick 0.001 → one tick
    "0.5,     0.001,      0.001",
    // 0.1 % of 0.00001 = 0.00000001 = tick
    "0.00001, 0.00000001, 0.00000001"
  })
  void givenAPriceAndTick_whenTheNudgeOffsetIsWorkedOut_thenItIsTheLargerOfTickAndOneTenthPercent(
      String ref, String tick, String expected) {
    assertThat(ProtectionMath.nudgeOffset(bd(ref), bd(tick))).isEqualByComparingTo(expected);
  }

  @ParameterizedTest(name = "reference {0}, tick {1}, above {2} → {3}")
  @CsvSource({
    "100,     0.01,    true,  100.1",
    "100,     0.01,    false, 99.9",
    // 60,000 ± 60
    "60000,   0.1,     true,  60060",
    "60000,   0.1,     false, 59940",
    // 0.5 − 0.001 = 0.499
    "0.5,     0.001,   false, 0.499",
    // a price of one tick has no room below it
    "0.00001, 0.00001, false, ",
    "0.00001, 0.00001, true,  0.00002"
  })
  void givenAReference_whenNudged_thenTheLevelIsOneOffsetAwayOrThereIsNone(
      String ref, String tick, boolean above, String expected) {
    Optional<BigDecimal> nudged = ProtectionMath.nudge(bd(ref), bd(tick), above);

    if (expected == null) {
      assertThat(nudged).isEmpty();
    } else {
      assertThat(nudged).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(expected));
    }
  }

  @ParameterizedTest(name = "{0} @ {1} filled at {2} → {3}")
  @CsvSource({
    // docs/spec/tai2-upstream.md §6.9 / §9 test 40: last 100, TP 110 (+10 %), SL 99 (−1 %), fill 95
    // → TP 104.5, SL 94.05
    "110, 100, 95,  true,  104.5",
    "99,  100, 95,  false, 94.05",
    // a short: TP 90 (−10 %), SL 101 (+1 %), fill 105 → TP 94.5, SL 106.05
    "90,  100, 105, false, 94.5",
    "101, 100, 105, true,  106.05",
    // 95 × 1.0123 = 96.1685 → up to the tick 0.01 → 96.17 (away from the fill)
    "101.23, 100, 95, true, 96.17",
    // 95 × 0.9877 = 93.8315 → down → 93.83
    "98.77, 100, 95, false, 93.83"
  })
  void givenALevelAndAFill_whenRebased_thenTheRelativeDistanceIsKept(
      String level, String ref, String fill, boolean above, String expected) {
    assertThat(ProtectionMath.rebase(bd(level), bd(ref), bd(fill), bd("0.01"), above))
        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(expected));
  }

  @Test
  void givenATinyPriceWhereTheRebasedStopRoundsToZero_whenRebased_thenThereIsNoStop() {
    // SL 0.00001 under 0.00002 is −50 %; at a fill of 0.00001 that is 0.000005 → down to the tick
    // 0.00001 → 0; the nudge
    // below 0.00001 is 0 too
    assertThat(
            ProtectionMath.rebase(
                bd("0.00001"), bd("0.00002"), bd("0.00001"), bd("0.00001"), false))
        .isEmpty();
  }

  @Test
  void givenAPlan_whenRebasedToTheFill_thenBothLevelsMoveWithTheirSide() {
    OrderPlan plan =
        new OrderPlan(
            UUID.randomUUID(),
            "SOL-USDT-SWAP",
            "buy",
            "net",
            "cross",
            "market",
            BigDecimal.ONE,
            false,
            Optional.of(bd("99")),
            Optional.of(bd("110")),
            BigDecimal.ONE,
            bd("100"),
            Instant.EPOCH,
            "");

    ProtectionMath.Protection rebased = ProtectionMath.rebase(plan, bd("95"), bd("0.01"));

    assertThat(rebased.stopLoss())
        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("94.05"));
    assertThat(rebased.takeProfit())
        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("104.5"));
  }

  @Test
  void givenAShortPlanWithoutTakeProfit_whenRebased_thenOnlyTheStopMovesAboveTheFill() {
    OrderPlan plan =
        new OrderPlan(
            UUID.randomUUID(),
            "BTC-USDT-SWAP",
            "sell",
            "net",
            "cross",
            "market",
            BigDecimal.ONE,
            false,
            Optional.of(bd("61200")),
            Optional.empty(),
            BigDecimal.ONE,
            bd("60000"),
            Instant.EPOCH,
            "");

    // +2 % of a fill at 60,300 = 61,506
    ProtectionMath.Protection rebased = ProtectionMath.rebase(plan, bd("60300"), bd("0.1"));

    assertThat(rebased.stopLoss())
        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("61506"));
    assertThat(rebased.takeProfit()).isEmpty();
  }
}
