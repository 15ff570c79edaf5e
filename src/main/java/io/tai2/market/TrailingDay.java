package io.tai2.market;

/**
 * The last 1440 one-minute bars of a replay in a ring (a constant cost per minute), from which the ticker's rolling 24 h
 * open, high, low and volume are read on demand, as OKX's ticker gives them: over the minutes opening in the 24 h
 * before {@code now}. Gaps in the history just leave fewer minutes in the window.
 */
final class TrailingDay {

  static final int MINUTES = 1_440;
  private static final long DAY = 86_400_000L;

  /** The 24 h figures; volume in contracts. */
  record Stats(double open, double high, double low, double volume) {}

  private final long[] ts = new long[MINUTES];
  private final double[] open = new double[MINUTES];
  private final double[] high = new double[MINUTES];
  private final double[] low = new double[MINUTES];
  private final double[] volume = new double[MINUTES];
  private int next;
  private int count;

  void add(long minuteTs, double o, double h, double l, double v) {
    ts[next] = minuteTs;
    open[next] = o;
    high[next] = h;
    low[next] = l;
    volume[next] = v;
    next = next + 1 == MINUTES ? 0 : next + 1;
    count = Math.min(count + 1, MINUTES);
  }

  /** The figures over the minutes opening in {@code [now − 24 h, now)}, or null when there is none. */
  Stats at(long now) {
    long from = now - DAY;
    double hi = Double.NEGATIVE_INFINITY;
    double lo = Double.POSITIVE_INFINITY;
    double vol = 0;
    int oldest = -1;
    int i = next;
    for (int k = 0; k < count; k++) { // newest first, walking the ring backwards without a division per step
      i = i == 0 ? MINUTES - 1 : i - 1;
      long t = ts[i];
      if (t < from) {
        break;
      }
      if (t < now) {
        hi = Math.max(hi, high[i]);
        lo = Math.min(lo, low[i]);
        vol += volume[i];
        oldest = i;
      }
    }
    return oldest < 0 ? null : new Stats(open[oldest], hi, lo, vol);
  }
}
