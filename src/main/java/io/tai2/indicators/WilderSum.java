package io.tai2.indicators;

/** TA-Lib's running sum for ADX: the first {@code period − 1} inputs added up, then {@code s = s − s/period + x}. */
final class WilderSum {

  private final int period;
  private long seen;
  private double sum;

  WilderSum(int period) {
    this.period = period;
  }

  /** The sum after {@code x}; NaN until the {@code period}-th input. */
  double next(double x, boolean commit) {
    long n = seen + 1;
    double newSum = n < period ? sum + x : sum - sum / period + x;
    if (commit) {
      seen = n;
      sum = newSum;
    }
    return n < period ? Double.NaN : newSum;
  }
}
