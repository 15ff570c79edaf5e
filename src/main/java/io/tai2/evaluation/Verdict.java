package io.tai2.evaluation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The plain answer to "is arm B better than arm A?" from the two arms' closed-trade PnL: the bootstrap 95 % interval of
 * mean(B) − mean(A), which way it points, the sentence a trader reads, and (while undecided) roughly how many more
 * closed trades each arm needs before the observed difference would count.
 *
 * @param differenceCi95 the interval of mean(B) − mean(A) per trade; empty with fewer than two trades in an arm
 * @param moreTradesNeeded more closed trades the arm with fewer trades needs (see {@link #between(double[], double[],
 *     Bootstrap)}); empty when decided or not estimable
 */
public record Verdict(
    Kind kind,
    Optional<ConfidenceInterval> differenceCi95,
    String text,
    OptionalLong moreTradesNeeded) {

  /** Which arm the evidence favours. */
  public enum Kind {
    A_BETTER,
    B_BETTER,
    UNDECIDED
  }

  /** The two-sided 95 % quantile of the standard normal distribution. */
  static final double Z_95 = 1.96;

  /**
   * Compares arm B against arm A. B beats A when the whole 95 % interval of mean(B) − mean(A) is above zero, A beats B
   * when it is below; otherwise the difference may still be luck.
   *
   * <p>The "N more trades" estimate: with the pooled standard deviation σ of the two arms and the observed difference
   * Δ, a two-sample z-test on n trades per arm is significant at 95 % once |Δ| / (σ·√(2/n)) ≥ 1.96, i.e. once
   * n ≥ 2·(1.96·σ/Δ)². Each arm needs that many, so the arm with fewer trades is the one still short; N is that shortfall.
   * It assumes the observed Δ and σ are the true ones, which is why the text says "about". The z-approximation and the
   * bootstrap can disagree near the edge; when the formula says "already enough" but the interval still holds zero, N
   * is at least 1 rather than a confusing 0.
   */
  public static Verdict between(double[] armA, double[] armB, Bootstrap bootstrap) {
    if (armA.length < 2 || armB.length < 2) {
      return undecided(
          Optional.empty(),
          "not enough closed trades yet (A "
              + armA.length
              + ", B "
              + armB.length
              + "); each arm needs at least 2",
          OptionalLong.empty());
    }
    ConfidenceInterval ci = bootstrap.differenceInterval(armA, armB).orElseThrow();
    if (ci.lower() > 0) {
      return new Verdict(
          Kind.B_BETTER,
          Optional.of(ci),
          "B beats A (95 % CI of the difference excludes 0)",
          OptionalLong.empty());
    }
    if (ci.upper() < 0) {
      return new Verdict(
          Kind.A_BETTER,
          Optional.of(ci),
          "A beats B (95 % CI of the difference excludes 0)",
          OptionalLong.empty());
    }
    double difference = Samples.mean(armB) - Samples.mean(armA);
    if (difference == 0) {
      return undecided(
          Optional.of(ci),
          "no significant difference yet — both arms earn the same per trade so far, so no number of trades can be estimated",
          OptionalLong.empty());
    }
    double pooledSd = pooledStandardDeviation(armA, armB);
    double perArm = 2 * Math.pow(Z_95 * pooledSd / Math.abs(difference), 2);
    int smallerArm = Math.min(armA.length, armB.length);
    long eachArmNeeds = Math.max((long) Math.ceil(perArm), smallerArm + 1L);
    long shortfall = eachArmNeeds - smallerArm;
    return undecided(
        Optional.of(ci),
        "no significant difference yet — about "
            + shortfall
            + " more closed trades needed (each arm needs about "
            + eachArmNeeds
            + ")",
        OptionalLong.of(shortfall));
  }

  /** {@link #between(double[], double[], Bootstrap)} on money amounts as they come from the trade log. */
  public static Verdict between(List<BigDecimal> armA, List<BigDecimal> armB, Bootstrap bootstrap) {
    return between(Samples.toDoubles(armA), Samples.toDoubles(armB), bootstrap);
  }

  /** The common σ of both arms, each arm's variance weighted by its degrees of freedom. */
  static double pooledStandardDeviation(double[] a, double[] b) {
    double pooled =
        ((a.length - 1) * Samples.variance(a) + (b.length - 1) * Samples.variance(b))
            / (a.length + b.length - 2);
    return Math.sqrt(pooled);
  }

  private static Verdict undecided(
      Optional<ConfidenceInterval> ci, String text, OptionalLong more) {
    return new Verdict(Kind.UNDECIDED, ci, text, more);
  }
}
