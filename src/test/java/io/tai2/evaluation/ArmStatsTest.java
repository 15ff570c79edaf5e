package io.tai2.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-arm leaderboard numbers and the drawdown of a running PnL, on hand-made trades. */
class ArmStatsTest {

  static List<BigDecimal> usdt(String... amounts) {
    return Arrays.stream(amounts).map(BigDecimal::new).toList();
  }

  @Test
  void givenFourTrades_whenSummarised_thenWinRateExpectancyAndPnlPerLlmUsdAreTheHandComputedOnes() {
    ArmStats arm = new ArmStats(usdt("10", "-5", "0", "15"), new BigDecimal("4"));

    assertThat(arm.closedTrades()).isEqualTo(4);
    assertThat(arm.wins()).as("a trade closed at zero is not a win").isEqualTo(2);
    assertThat(arm.winRate().getAsDouble()).isEqualTo(0.5);
    assertThat(arm.totalPnl()).isEqualByComparingTo("20");
    assertThat(arm.expectancy().orElseThrow()).isEqualByComparingTo("5");
    assertThat(arm.pnlPerLlmUsd().orElseThrow()).isEqualByComparingTo("5");
    assertThat(arm.maxDrawdown()).isEqualByComparingTo("5");
  }

  @Test
  void givenNoLlmCost_whenPnlPerLlmUsdIsAsked_thenThereIsNone() {
    assertThat(new ArmStats(usdt("10"), BigDecimal.ZERO).pnlPerLlmUsd()).isEmpty();
  }

  @Test
  void givenNoClosedTrade_whenSummarised_thenRatesAreEmptyAndSumsZero() {
    ArmStats arm = new ArmStats(List.of(), new BigDecimal("0.30"));

    assertThat(arm.winRate()).isEmpty();
    assertThat(arm.expectancy()).isEmpty();
    assertThat(arm.expectancyCi95(new Bootstrap(42))).isEmpty();
    assertThat(arm.totalPnl()).isEqualByComparingTo("0");
    assertThat(arm.maxDrawdown()).isEqualByComparingTo("0");
  }

  @Test
  void
      givenTheFixedSampleAsMoney_whenTheExpectancyIntervalIsAsked_thenItIsTheBootstrapsPinnedOne() {
    List<BigDecimal> pnls =
        Arrays.stream(BootstrapTest.TWENTY_TRADES).mapToObj(BigDecimal::valueOf).toList();
    ArmStats arm = new ArmStats(pnls, BigDecimal.ONE);

    ConfidenceInterval ci = arm.expectancyCi95(new Bootstrap(42)).orElseThrow();

    assertThat(ci.lower()).isCloseTo(-1.020000, within(1e-6));
    assertThat(ci.upper()).isCloseTo(5.605125, within(1e-6));
    assertThat(arm.expectancy().orElseThrow()).isEqualByComparingTo("2.265");
  }

  @Test
  void givenARunningPnlThatRisesAndFalls_whenTheLargestDrawdownIsMeasured_thenItIsPeakToTrough() {
    // running 10, 5, −5, 15, −15: falls of 15 (from 10) and 30 (from 15)
    assertThat(Drawdown.largest(usdt("10", "-5", "-10", "20", "-30"))).isEqualByComparingTo("30");
  }

  @Test
  void givenAnOpeningLoss_whenTheLargestDrawdownIsMeasured_thenTheStartCountsAsAPeak() {
    assertThat(Drawdown.largest(usdt("-5", "-2", "3"))).isEqualByComparingTo("7");
    assertThat(Drawdown.largest(usdt("1", "2", "3"))).isEqualByComparingTo("0");
  }

  @Test
  void
      givenAStartingEquity_whenTheLargestDrawdownInPercentIsMeasured_thenItIsRelativeToThePeakItFellFrom() {
    // equity 110, 105, 95, 115, 85: 15/110 = 13.6 %, 30/115 = 26.09 %
    assertThat(Drawdown.largestPercent(new BigDecimal("100"), usdt("10", "-5", "-10", "20", "-30")))
        .isCloseTo(100.0 * 30 / 115, within(1e-9));
  }

  @Test
  void givenTwoArms_whenOneIsComparedAgainstTheOther_thenTheChallengerIsArmB() {
    ArmStats champion =
        new ArmStats(usdt("-2.0", "1.5", "-3.5", "0.5", "-1.0", "-4.0"), BigDecimal.ONE);
    ArmStats challenger =
        new ArmStats(usdt("4.0", "6.5", "2.0", "5.5", "3.0", "7.0"), BigDecimal.ONE);

    assertThat(champion.against(challenger, new Bootstrap(42)).kind())
        .isEqualTo(Verdict.Kind.B_BETTER);
  }
}
