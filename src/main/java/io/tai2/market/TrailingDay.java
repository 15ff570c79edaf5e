package io.tai2.market;

/**
 * The last 1440 one-minute bars of a replay in a ring, from which the ticker's rolling 24 h open, high, low and volume
 * are read on demand, as OKX's ticker gives them: over the minutes opening in the 24 h before {@code now}. Each block
 * of 60 slots keeps its high, low and volume as it fills (a constant cost per minute), so a read sums 24 blocks and
 * looks at single minutes only where the window cuts a block. Gaps in the history just leave fewer minutes in it.
 */
final class TrailingDay {

  static final int MINUTES = 1_440;
  private static final int BLOCK = 60;
  private static final long DAY = 86_400_000L;

  /** The 24 h figures; volume in contracts. */
  record Stats(double open, double high, double low, double volume) {}

  private final long[] ts = new long[MINUTES];
  private final double[] open = new double[MINUTES];
  private final double[] high = new double[MINUTES];
  private final double[] low = new double[MINUTES];
  private final double[] volume = new double[MINUTES];
  private final double[] blockHigh = new double[MINUTES / BLOCK];
  private final double[] blockLow = new double[MINUTES / BLOCK];
  private final double[] blockVolume = new double[MINUTES / BLOCK];
  private int next;
  private int count;

  void add(long minuteTs, double o, double h, double l, double v) {
    ts[next] = minuteTs;
    open[next] = o;
    high[next] = h;
    low[next] = l;
    volume[next] = v;
    int b = next / BLOCK;
    if (next % BLOCK
        == 0) { // the block starts again: its old minutes are the oldest in the ring, read one by
      // one
      blockHigh[b] = h;
      blockLow[b] = l;
      blockVolume[b] = v;
    } else {
      blockHigh[b] = Math.max(blockHigh[b], h);
      blockLow[b] = Math.min(blockLow[b], l);
      blockVolume[b] += v;
    }
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
    int filling =
        next % BLOCK == 0
            ? -1
            : next / BLOCK; // the block being rewritten holds minutes of two passes
    int slot = next;
    for (int k = 0; k < count; ) { // newest first
      slot = slot == 0 ? MINUTES - 1 : slot - 1;
      int first = slot - (BLOCK - 1);
      if (slot % BLOCK == BLOCK - 1
          && slot / BLOCK != filling
          && k + BLOCK <= count
          && ts[slot] < now
          && ts[first] >= from) {
        int b = slot / BLOCK;
        hi = Math.max(hi, blockHigh[b]);
        lo = Math.min(lo, blockLow[b]);
        vol += blockVolume[b];
        oldest = first;
        slot = first;
        k += BLOCK;
        continue;
      }
      long t = ts[slot];
      if (t < from) {
        break;
      }
      if (t < now) {
        hi = Math.max(hi, high[slot]);
        lo = Math.min(lo, low[slot]);
        vol += volume[slot];
        oldest = slot;
      }
      k++;
    }
    return oldest < 0 ? null : new Stats(open[oldest], hi, lo, vol);
  }
}
