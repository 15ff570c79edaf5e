package io.tai2.market;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the engine does and how fast: events applied, receipt-to-publish latency, incremental indicator updates and
 * snapshot builds. Timings keep the newest {@value #KEPT} samples each, so the percentiles describe recent behaviour.
 */
public final class MarketMetrics {

  static final int KEPT = 1 << 16;

  private final LongAdder events = new LongAdder();
  private final Samples publishLatency = new Samples();
  private final Samples indicatorUpdate = new Samples();
  private final Samples snapshotBuild = new Samples();

  /** Percentiles in microseconds over the samples kept; NaN without samples. */
  public record Timing(long count, double p50Micros, double p99Micros, double maxMicros) {}

  /** WebSocket events applied to the symbols' state since start. */
  public long events() {
    return events.sum();
  }

  /** From the message coming off the socket to the snapshot holding it written to the state store. */
  public Timing publishLatency() {
    return publishLatency.timing();
  }

  /** One candle event through a timeframe's indicators (preview of the open candle, or append of a closed one). */
  public Timing indicatorUpdate() {
    return indicatorUpdate.timing();
  }

  /** One symbol's snapshot built and serialized to JSON. */
  public Timing snapshotBuild() {
    return snapshotBuild.timing();
  }

  /** Forgets the timings (e.g. after a warm-up); the event count keeps running. */
  public void resetTimings() {
    publishLatency.clear();
    indicatorUpdate.clear();
    snapshotBuild.clear();
  }

  void event() {
    events.increment();
  }

  void publishLatency(long nanos) {
    publishLatency.add(nanos);
  }

  void indicatorUpdate(long nanos) {
    indicatorUpdate.add(nanos);
  }

  void snapshotBuild(long nanos) {
    snapshotBuild.add(nanos);
  }

  /** A ring of the newest nanosecond samples. */
  private static final class Samples {
    private final long[] ring = new long[KEPT];
    private long count;

    synchronized void add(long nanos) {
      ring[(int) (count++ % KEPT)] = nanos;
    }

    synchronized void clear() {
      count = 0;
    }

    Timing timing() {
      long[] sorted;
      long total;
      synchronized (this) {
        total = count;
        sorted = Arrays.copyOf(ring, (int) Math.min(count, KEPT));
      }
      if (sorted.length == 0) {
        return new Timing(0, Double.NaN, Double.NaN, Double.NaN);
      }
      Arrays.sort(sorted);
      return new Timing(total, at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1] / 1e3);
    }

    private static double at(long[] sorted, double q) {
      return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e3;
    }
  }
}
