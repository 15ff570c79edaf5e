package io.tai2.evaluation;

import java.math.BigDecimal;
import java.util.List;

/** Mean and spread of a PnL sample, and the conversion of money amounts into the doubles the statistics run on. */
final class Samples {

  private Samples() {}

  static double mean(double[] sample) {
    double sum = 0;
    for (double value : sample) {
      sum += value;
    }
    return sum / sample.length;
  }

  /** The unbiased (n − 1) sample variance; needs at least two values. */
  static double variance(double[] sample) {
    double mean = mean(sample);
    double squares = 0;
    for (double value : sample) {
      squares += (value - mean) * (value - mean);
    }
    return squares / (sample.length - 1);
  }

  /**
   * Statistics run on doubles: an interval of expectancy is an estimate whose width dwarfs any rounding, while the sums
   * shown as money stay in {@link BigDecimal} where they are computed ({@link ArmStats}).
   */
  static double[] toDoubles(List<BigDecimal> amounts) {
    double[] out = new double[amounts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = amounts.get(i).doubleValue();
    }
    return out;
  }
}
