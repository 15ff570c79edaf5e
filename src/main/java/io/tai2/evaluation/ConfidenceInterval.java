package io.tai2.evaluation;

/** A two-sided confidence interval of a statistic, lower ≤ upper (both in the statistic's unit, e.g. USDT per trade). */
public record ConfidenceInterval(double lower, double upper) {

  public ConfidenceInterval {
    if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
      throw new IllegalArgumentException(
          "a confidence interval needs lower <= upper, got [" + lower + ", " + upper + "]");
    }
  }

  /** True when the value lies inside the interval, bounds included. */
  public boolean contains(double value) {
    return lower <= value && value <= upper;
  }

  /** True when the whole interval is on one side of zero: the difference it bounds is significant at its level. */
  public boolean excludesZero() {
    return lower > 0 || upper < 0;
  }
}
