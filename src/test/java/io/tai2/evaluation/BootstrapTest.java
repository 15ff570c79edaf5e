package io.tai2.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The bootstrap pinned on a fixed sample (issue 19: "the bootstrap is pinned on a fixed sample (known CI)"): twenty
 * closed-trade PnLs in USDT, seed 42, 10,000 resamples. The pinned bounds are what this implementation produces; the
 * sanity checks say why they are believable (they hold the mean and sit next to the textbook normal interval).
 */
class BootstrapTest {

  /** Twenty closed trades, mean 2.265 USDT, sample standard deviation ≈ 7.75 USDT. */
  static final double[] TWENTY_TRADES = {
    12.5, -8.0, 3.2, -4.1, 15.0, -6.3, 7.7, 2.1, -9.4, 11.0, -3.3, 5.6, -7.2, 9.9, 1.4, -2.8, 13.1,
    -5.5, 4.4, 6.0
  };

  private final Bootstrap bootstrap = new Bootstrap(42);

  @Test
  void givenTwentyTradesAndSeed42_whenTheMeanIntervalIsComputed_thenItIsThePinnedOne() {
    ConfidenceInterval ci = bootstrap.meanInterval(TWENTY_TRADES).orElseThrow();

    assertThat(ci.lower()).isCloseTo(-1.020000, within(1e-6));
    assertThat(ci.upper()).isCloseTo(5.605125, within(1e-6));
  }

  @Test
  void
      givenTwentyTrades_whenTheMeanIntervalIsComputed_thenItHoldsTheMeanAndIsWithinTenPercentOfTheNormalInterval() {
    double mean = Samples.mean(TWENTY_TRADES);
    double halfWidth = 1.96 * Math.sqrt(Samples.variance(TWENTY_TRADES) / TWENTY_TRADES.length);
    double normalLower = mean - halfWidth;
    double normalUpper = mean + halfWidth;

    ConfidenceInterval ci = bootstrap.meanInterval(TWENTY_TRADES).orElseThrow();

    assertThat(mean).isCloseTo(2.265, within(1e-9));
    assertThat(ci.contains(mean)).isTrue();
    double tolerance = 0.10 * (normalUpper - normalLower);
    assertThat(ci.lower()).isCloseTo(normalLower, within(tolerance));
    assertThat(ci.upper()).isCloseTo(normalUpper, within(tolerance));
  }

  @Test
  void givenTheSameSeed_whenComputedTwiceWithOtherWorkBetween_thenTheIntervalIsIdentical() {
    ConfidenceInterval first = bootstrap.meanInterval(TWENTY_TRADES).orElseThrow();
    bootstrap.differenceInterval(TWENTY_TRADES, new double[] {1, 2, 3});

    assertThat(bootstrap.meanInterval(TWENTY_TRADES)).contains(first);
    assertThat(new Bootstrap(42).meanInterval(TWENTY_TRADES)).contains(first);
  }

  @Test
  void givenAnotherSeed_whenTheMeanIntervalIsComputed_thenItDiffersOnlyByResamplingNoise() {
    ConfidenceInterval seed42 = bootstrap.meanInterval(TWENTY_TRADES).orElseThrow();
    ConfidenceInterval seed7 = new Bootstrap(7).meanInterval(TWENTY_TRADES).orElseThrow();

    assertThat(seed7).isNotEqualTo(seed42);
    assertThat(seed7.lower()).isCloseTo(seed42.lower(), within(0.2));
    assertThat(seed7.upper()).isCloseTo(seed42.upper(), within(0.2));
  }

  @Test
  void givenNoTradeOrOneTrade_whenIntervalsAreAsked_thenThereIsNone() {
    assertThat(bootstrap.meanInterval(new double[0])).isEmpty();
    assertThat(bootstrap.meanInterval(new double[] {5.0})).isEmpty();
    assertThat(bootstrap.differenceInterval(new double[] {5.0}, TWENTY_TRADES)).isEmpty();
    assertThat(bootstrap.differenceInterval(TWENTY_TRADES, new double[0])).isEmpty();
  }

  @Test
  void
      givenTwoClearlyDifferentArms_whenTheDifferenceIntervalIsComputed_thenItIsPinnedAndExcludesZero() {
    ConfidenceInterval ci =
        bootstrap.differenceInterval(VerdictTest.LOSING_ARM, VerdictTest.WINNING_ARM).orElseThrow();

    assertThat(ci.lower()).isCloseTo(3.875, within(1e-9));
    assertThat(ci.upper()).isCloseTo(6.791667, within(1e-6));
    assertThat(ci.excludesZero()).isTrue();
    assertThat(
            ci.contains(
                Samples.mean(VerdictTest.WINNING_ARM) - Samples.mean(VerdictTest.LOSING_ARM)))
        .isTrue();
  }

  @Test
  void givenAllTradesEqual_whenTheMeanIntervalIsComputed_thenItIsThatValue() {
    assertThat(bootstrap.meanInterval(new double[] {3, 3, 3}))
        .contains(new ConfidenceInterval(3, 3));
  }

  @Test
  void givenFewerThan2000Resamples_whenABootstrapIsMade_thenItIsRefused() {
    assertThatThrownBy(() -> new Bootstrap(42, 1_999))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2000");
    assertThat(new Bootstrap(42, 2_000).resamples()).isEqualTo(2_000);
    assertThat(new Bootstrap(42).resamples()).isEqualTo(10_000);
  }

  @Test
  void givenSortedValues_whenAPercentileIsRead_thenItInterpolatesBetweenNeighbouringRanks() {
    double[] sorted = {1, 2, 3, 4, 5};

    assertThat(Bootstrap.percentile(sorted, 0.0)).isEqualTo(1);
    assertThat(Bootstrap.percentile(sorted, 0.5)).isEqualTo(3);
    assertThat(Bootstrap.percentile(sorted, 0.975)).isCloseTo(4.9, within(1e-12));
    assertThat(Bootstrap.percentile(sorted, 1.0)).isEqualTo(5);
  }
}
