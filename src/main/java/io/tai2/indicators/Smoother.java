package io.tai2.indicators;

/**
 * The smoothing behind EMA, RSI, ATR and ADX in TA-Lib: skip {@code skip} inputs, seed with the mean of the next
 * {@code period}, then {@code value += k × (x − value)} — with {@code k = 2/(n+1)} an EMA, with {@code k = 1/n} Wilder's
 * average. {@link #next} with {@code commit false} answers what the value would be without remembering the input.
 */
final class Smoother {

  private final int skip;
  private final int period;
  private final double k;
  private long seen;
  private double sum;
  private double value = Double.NaN;

  Smoother(int skip, int period, double k) {
    this.skip = skip;
    this.period = period;
    this.k = k;
  }

  static Smoother ema(int period) {
    return new Smoother(0, period, 2.0 / (period + 1));
  }

  static Smoother wilder(int period) {
    return new Smoother(0, period, 1.0 / period);
  }

  double next(double x, boolean commit) {
    long n = seen + 1;
    double newSum = sum;
    double result;
    if (n <= skip) {
      result = Double.NaN;
    } else if (n < skip + period) {
      newSum += x;
      result = Double.NaN;
    } else if (n == skip + period) {
      newSum += x;
      result = newSum / period;
    } else {
      result = value + k * (x - value);
    }
    if (commit) {
      seen = n;
      sum = newSum;
      value = result;
    }
    return result;
  }
}
