package io.tai2.fills;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The fill rules of issue 18 item 5, pinned on hand-made bars: a level passed in a gap fills at the open (the
 * liquidation at its own price), a level met inside a bar fills at the level, the bar's path decides which of two
 * levels comes first, and the liquidation price beats a stop placed beyond it. Entry 100 for both sides.
 */
class ExitLevelsTest {

  static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  /** A long entered at 100: stop 95, take 110, liquidated at 90. */
  static final ExitLevels LONG = levels(1, "95", "110", "90");

  /** A short entered at 100: stop 105, take 90, liquidated at 110. */
  static final ExitLevels SHORT = levels(-1, "105", "90", "110");

  static ExitLevels levels(int direction, String stop, String take, String liquidation) {
    return new ExitLevels(direction, price(stop), price(take), price(liquidation));
  }

  static Optional<BigDecimal> price(String px) {
    return Optional.ofNullable(px).map(BigDecimal::new);
  }

  static PathBar bar(String open, String high, String low, String close) {
    return new PathBar(
        T, new BigDecimal(open), new BigDecimal(high), new BigDecimal(low), new BigDecimal(close));
  }

  static void assertExit(Optional<Exit> exit, ExitReason reason, String price) {
    assertThat(exit).as("exit").isPresent();
    assertThat(exit.get().reason()).isEqualTo(reason);
    assertThat(exit.get().price()).isEqualByComparingTo(price);
  }

  // --- gaps: the bar opens past a level ---

  @Test
  void givenALong_whenTheBarOpensBelowTheStop_thenItIsStoppedAtTheOpenNotAtTheStop() {
    assertExit(LONG.within(bar("93", "99", "92", "98")), ExitReason.STOP, "93");
  }

  @Test
  void givenALong_whenTheBarOpensAboveTheTake_thenItTakesProfitAtTheOpen() {
    assertExit(LONG.within(bar("112", "113", "105", "106")), ExitReason.TAKE, "112");
  }

  @Test
  void
      givenALong_whenTheBarOpensBelowTheLiquidationPrice_thenItIsLiquidatedAtTheLiquidationPriceNotAtTheOpen() {
    assertExit(LONG.within(bar("85", "96", "84", "95")), ExitReason.LIQUIDATION, "90");
  }

  @Test
  void givenAShort_whenTheBarOpensAboveTheStop_thenItIsStoppedAtTheOpen() {
    assertExit(SHORT.within(bar("107", "108", "101", "102")), ExitReason.STOP, "107");
  }

  @Test
  void givenAShort_whenTheBarOpensBelowTheTake_thenItTakesProfitAtTheOpen() {
    assertExit(SHORT.within(bar("88", "95", "87", "94")), ExitReason.TAKE, "88");
  }

  @Test
  void
      givenAShort_whenTheBarOpensAboveTheLiquidationPrice_thenItIsLiquidatedAtTheLiquidationPrice() {
    assertExit(SHORT.within(bar("115", "116", "104", "105")), ExitReason.LIQUIDATION, "110");
  }

  // --- inside a bar: the level itself ---

  @Test
  void givenALong_whenTheBarTradesThroughTheStop_thenItIsStoppedAtTheStop() {
    assertExit(LONG.within(bar("99", "100", "93", "94")), ExitReason.STOP, "95");
  }

  @Test
  void givenALong_whenTheBarTradesThroughTheTake_thenItTakesProfitAtTheTake() {
    assertExit(LONG.within(bar("101", "112", "100", "111")), ExitReason.TAKE, "110");
  }

  @Test
  void givenAShort_whenTheBarTradesThroughTheStopAndTheTakeSeparately_thenEachFillsAtItsLevel() {
    assertExit(SHORT.within(bar("101", "106", "100", "104")), ExitReason.STOP, "105");
    assertExit(SHORT.within(bar("99", "100", "89", "91")), ExitReason.TAKE, "90");
  }

  // --- both levels inside one bar: the path decides ---

  @Test
  void givenALong_whenARisingBarReachesBothLevels_thenItVisitsTheLowFirstAndTheLongIsStopped() {
    PathBar rising = bar("100", "111", "94", "105");

    assertThat(rising.rising()).isTrue();
    assertExit(LONG.within(rising), ExitReason.STOP, "95");
  }

  @Test
  void givenALong_whenAFallingBarReachesBothLevels_thenItVisitsTheHighFirstAndTheLongTakesProfit() {
    PathBar falling = bar("100", "111", "94", "97");

    assertThat(falling.rising()).isFalse();
    assertExit(LONG.within(falling), ExitReason.TAKE, "110");
  }

  @Test
  void givenAShort_whenARisingBarReachesBothLevels_thenTheLowComesFirstAndTheShortTakesProfit() {
    assertExit(SHORT.within(bar("100", "106", "89", "103")), ExitReason.TAKE, "90");
  }

  @Test
  void givenAShort_whenAFallingBarReachesBothLevels_thenTheHighComesFirstAndTheShortIsStopped() {
    assertExit(SHORT.within(bar("100", "106", "89", "95")), ExitReason.STOP, "105");
  }

  // --- the stop and the liquidation price ---

  @Test
  void
      givenALongWithItsStopBeyondTheLiquidationPrice_whenTheBarFallsThroughBoth_thenLiquidationWins() {
    ExitLevels stopTooFar = levels(1, "88", "110", "90");

    assertExit(stopTooFar.within(bar("99", "100", "85", "86")), ExitReason.LIQUIDATION, "90");
    assertExit(stopTooFar.onJump(new BigDecimal("87")), ExitReason.LIQUIDATION, "90");
  }

  @Test
  void
      givenAShortWithItsStopBeyondTheLiquidationPrice_whenThePriceRisesThroughBoth_thenLiquidationWins() {
    ExitLevels stopTooFar = levels(-1, "112", "90", "110");

    assertExit(
        stopTooFar.onMove(new BigDecimal("100"), new BigDecimal("115")),
        ExitReason.LIQUIDATION,
        "110");
  }

  @Test
  void
      givenALongWithItsStopBeforeTheLiquidationPrice_whenOneMoveFallsThroughBoth_thenTheStopComesFirst() {
    assertExit(LONG.onMove(new BigDecimal("100"), new BigDecimal("80")), ExitReason.STOP, "95");
  }

  @Test
  void
      givenALongWithoutStop_whenTheBarFallsThroughTheLiquidationPrice_thenItIsLiquidatedAtThatPrice() {
    assertExit(
        levels(1, null, null, "90").within(bar("99", "100", "85", "88")),
        ExitReason.LIQUIDATION,
        "90");
  }

  // --- exact touches and no exit ---

  @Test
  void givenALong_whenTheLowTouchesTheStopExactly_thenItIsStoppedAtTheStop() {
    assertExit(LONG.within(bar("99", "100", "95", "96")), ExitReason.STOP, "95");
  }

  @Test
  void givenALong_whenTheHighTouchesTheTakeExactly_thenItTakesProfitAtTheTake() {
    assertExit(LONG.within(bar("101", "110", "100", "109")), ExitReason.TAKE, "110");
  }

  @Test
  void givenAShort_whenThePriceJumpsExactlyOntoTheStop_thenItIsStoppedThere() {
    assertExit(SHORT.onJump(new BigDecimal("105")), ExitReason.STOP, "105");
  }

  @Test
  void givenBothSides_whenTheBarStaysBetweenTheLevels_thenNothingCloses() {
    PathBar quiet = bar("100", "109.99", "95.01", "101");

    assertThat(LONG.within(quiet)).isEmpty();
    assertThat(levels(-1, "110", "95", "115").within(quiet)).isEmpty();
    assertThat(levels(1, null, null, null).within(bar("100", "1000", "1", "50"))).isEmpty();
  }

  @Test
  void givenALong_whenTheMoveGoesTheWinningWay_thenTheStopBelowIsNotConsidered() {
    assertThat(LONG.onMove(new BigDecimal("96"), new BigDecimal("109"))).isEmpty();
    assertThat(LONG.onMove(new BigDecimal("109"), new BigDecimal("96"))).isEmpty();
  }

  // --- moves and jumps ---

  @Test
  void givenALong_whenAMoveStartsAlreadyPastTheStop_thenItFillsWhereTheMoveStarts() {
    assertExit(LONG.onMove(new BigDecimal("94"), new BigDecimal("99")), ExitReason.STOP, "94");
  }

  @Test
  void givenALong_whenTheJumpLandsPastTheStop_thenItFillsAtTheNewPrice() {
    assertExit(LONG.onJump(new BigDecimal("92.5")), ExitReason.STOP, "92.5");
    assertExit(LONG.onJump(new BigDecimal("120")), ExitReason.TAKE, "120");
    assertThat(LONG.onJump(new BigDecimal("100"))).isEmpty();
  }

  @Test
  void givenABadDirection_whenLevelsAreMade_thenTheyAreRefused() {
    Assertions.assertThatThrownBy(() -> levels(0, "95", "110", "90"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
