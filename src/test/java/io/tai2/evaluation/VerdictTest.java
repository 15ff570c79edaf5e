package io.tai2.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plain verdict between two arms: which one wins when the interval says so, and how long to wait when not. */
class VerdictTest {

  /** Twelve trades averaging −1.58 USDT. */
  static final double[] LOSING_ARM = {
    -2.0, 1.5, -3.5, 0.5, -1.0, -4.0, 2.0, -2.5, -0.5, -3.0, 1.0, -1.5
  };

  /** Twelve trades averaging +4.25 USDT. */
  static final double[] WINNING_ARM = {4.0, 6.5, 2.0, 5.5, 3.0, 7.0, 1.5, 4.5, 6.0, 3.5, 5.0, 2.5};

  /** Twenty trades drawn like {@link BootstrapTest#TWENTY_TRADES} (mean 2.2 against 2.265, similar spread). */
  static final double[] LOOKALIKE_TRADES = {
    11.0, -7.5, 4.0, -3.6, 14.2, -6.8, 8.1, 1.7, -9.0, 10.4, -2.9, 6.2, -7.9, 9.3, 0.8, -3.4, 12.6,
    -5.1, 5.0, 6.9
  };

  private final Bootstrap bootstrap = new Bootstrap(42);

  @Test
  void givenBClearlyBetter_whenCompared_thenBBeatsA() {
    Verdict verdict = Verdict.between(LOSING_ARM, WINNING_ARM, bootstrap);

    assertThat(verdict.kind()).isEqualTo(Verdict.Kind.B_BETTER);
    assertThat(verdict.text()).isEqualTo("B beats A (95 % CI of the difference excludes 0)");
    assertThat(verdict.differenceCi95().orElseThrow().lower()).isPositive();
    assertThat(verdict.moreTradesNeeded()).isEmpty();
  }

  @Test
  void givenAClearlyBetter_whenCompared_thenABeatsBWithTheMirroredInterval() {
    Verdict verdict = Verdict.between(WINNING_ARM, LOSING_ARM, bootstrap);

    assertThat(verdict.kind()).isEqualTo(Verdict.Kind.A_BETTER);
    assertThat(verdict.text()).isEqualTo("A beats B (95 % CI of the difference excludes 0)");
    assertThat(verdict.differenceCi95().orElseThrow().upper()).isCloseTo(-3.875, within(1e-9));
  }

  @Test
  void
      givenTwoArmsFromTheSameDistribution_whenCompared_thenUndecidedWithTheTradesTheZApproximationNeeds() {
    Verdict verdict = Verdict.between(BootstrapTest.TWENTY_TRADES, LOOKALIKE_TRADES, bootstrap);

    // by hand: Δ = 2.2 − 2.265 = −0.065; each arm needs 2·(1.96·σ/Δ)² trades, and has 20
    double delta = Samples.mean(LOOKALIKE_TRADES) - Samples.mean(BootstrapTest.TWENTY_TRADES);
    double sigma = Verdict.pooledStandardDeviation(BootstrapTest.TWENTY_TRADES, LOOKALIKE_TRADES);
    long expected = (long) Math.ceil(2 * Math.pow(1.96 * sigma / delta, 2)) - 20;
    assertThat(delta).isCloseTo(-0.065, within(1e-9));
    assertThat(verdict.kind()).isEqualTo(Verdict.Kind.UNDECIDED);
    assertThat(verdict.differenceCi95().orElseThrow().contains(0)).isTrue();
    assertThat(verdict.moreTradesNeeded()).hasValue(expected);
    assertThat(expected).isEqualTo(106_308);
    assertThat(verdict.text())
        .isEqualTo(
            "no significant difference yet — about 106308 more closed trades needed (each arm needs about 106328)");
  }

  @Test
  void givenAModestEdgeOnFewTrades_whenCompared_thenTheShortfallIsCountedFromTheSmallerArm() {
    // A: 6 trades, mean 0, variance 24/5; B: 8 trades, mean 1, variance 32/7. Pooled variance (24 +
    // 32) / 12 = 14/3,
    // Δ = 1 → each arm needs 2·1.96²·14/3 = 35.85 → 36 trades; the smaller arm A has 6, so 30 more
    double[] a = {2, -2, 2, -2, 2, -2};
    double[] b = {3, -1, 3, -1, 3, -1, 3, -1};

    Verdict verdict = Verdict.between(a, b, bootstrap);

    assertThat(Verdict.pooledStandardDeviation(a, b)).isCloseTo(Math.sqrt(14.0 / 3), within(1e-12));
    assertThat(verdict.kind()).isEqualTo(Verdict.Kind.UNDECIDED);
    assertThat(verdict.moreTradesNeeded()).hasValue(30);
    assertThat(verdict.text())
        .isEqualTo(
            "no significant difference yet — about 30 more closed trades needed (each arm needs about 36)");
  }

  @Test
  void givenTooFewClosedTrades_whenCompared_thenItSaysSoPlainly() {
    Verdict verdict = Verdict.between(new double[] {5.0}, new double[0], bootstrap);

    assertThat(verdict.kind()).isEqualTo(Verdict.Kind.UNDECIDED);
    assertThat(verdict.text()).startsWith("not enough closed trades yet (A 1, B 0)");
    assertThat(verdict.differenceCi95()).isEmpty();
    assertThat(verdict.moreTradesNeeded()).isEmpty();
  }

  @Test
  void givenArmsWithTheSameMean_whenCompared_thenNoTradeCountIsEstimated() {
    Verdict verdict =
        Verdict.between(new double[] {1, -1, 3, -3}, new double[] {2, -2, 0, 0}, bootstrap);

    assertThat(verdict.kind()).isEqualTo(Verdict.Kind.UNDECIDED);
    assertThat(verdict.text())
        .startsWith("no significant difference yet — both arms earn the same per trade");
    assertThat(verdict.moreTradesNeeded()).isEmpty();
  }

  @Test
  void givenMoneyAmounts_whenCompared_thenTheVerdictIsTheSameAsOnDoubles() {
    List<BigDecimal> a =
        List.of(
            new BigDecimal("-2.0"),
            new BigDecimal("1.5"),
            new BigDecimal("-3.5"),
            new BigDecimal("0.5"));
    List<BigDecimal> b =
        List.of(
            new BigDecimal("4.0"),
            new BigDecimal("6.5"),
            new BigDecimal("2.0"),
            new BigDecimal("5.5"));

    assertThat(Verdict.between(a, b, bootstrap))
        .isEqualTo(
            Verdict.between(
                new double[] {-2.0, 1.5, -3.5, 0.5}, new double[] {4.0, 6.5, 2.0, 5.5}, bootstrap));
  }
}
