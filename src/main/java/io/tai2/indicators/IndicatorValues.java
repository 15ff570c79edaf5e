package io.tai2.indicators;

import java.util.Arrays;

/** Every series' value at one candle; {@code NaN} where a series is not defined yet. */
public final class IndicatorValues {

  private final long ts;
  private final double[] values;

  IndicatorValues(long ts, double[] values) {
    this.ts = ts;
    this.values = values;
  }

  /** Open time of the candle these values belong to. */
  public long ts() {
    return ts;
  }

  public double get(Series series) {
    return values[series.ordinal()];
  }

  public boolean isDefined(Series series) {
    return !Double.isNaN(get(series));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IndicatorValues v && v.ts == ts && Arrays.equals(v.values, values);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(ts) * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("IndicatorValues[ts=").append(ts);
    for (Series s : Series.values()) {
      text.append(", ").append(s.key()).append('=').append(get(s));
    }
    return text.append(']').toString();
  }
}
