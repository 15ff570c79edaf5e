package io.tai2.market;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the engine does and how fast: events applied, receipt-to-publish latency, incremental indicator updates and
 * snapshot builds. The timings are Micrometer timers in the application's registry, so the same figures reach
 * {@code /actuator/prometheus} ({@code tai2_market_publish_latency_seconds{quantile}} …) and {@code tai2 bench}.
 * Percentiles are computed over a sliding window ({@link #WINDOW}), so they describe recent behaviour, as an operator
 * reading a dashboard expects; {@link #resetTimings()} starts fresh timers after a benchmark's warm-up.
 */
public final class MarketMetrics {

  /** How far back the percentiles look (Micrometer rotates three buffers over it). */
  static final Duration WINDOW = Duration.ofMinutes(2);

  private final LongAdder events = new LongAdder();
  private final MeterRegistry registry;
  private volatile Timer publishLatency;
  private volatile Timer indicatorUpdate;
  private volatile Timer snapshotBuild;

  /** Percentiles in microseconds over the window; NaN without samples. */
  public record Timing(long count, double p50Micros, double p99Micros, double maxMicros) {}

  MarketMetrics(MeterRegistry registry) {
    this.registry = registry;
    register();
  }

  private void register() {
    publishLatency =
        timer(
            "tai2.market.publish.latency",
            "From a WebSocket message off the socket to the snapshot holding it written to the state store");
    indicatorUpdate =
        timer(
            "tai2.market.indicator.update",
            "One candle event through a timeframe's indicators (open-candle preview or closed-candle append)");
    snapshotBuild =
        timer("tai2.market.snapshot.build", "One symbol's snapshot built and serialized to JSON");
  }

  private Timer timer(String name, String description) {
    return Timer.builder(name)
        .description(description)
        .publishPercentiles(0.5, 0.9, 0.99)
        .distributionStatisticExpiry(WINDOW)
        .register(registry);
  }

  /** WebSocket events applied to the symbols' state since start. */
  public long events() {
    return events.sum();
  }

  /** From the message coming off the socket to the snapshot holding it written to the state store. */
  public Timing publishLatency() {
    return timing(publishLatency);
  }

  /** One candle event through a timeframe's indicators (preview of the open candle, or append of a closed one). */
  public Timing indicatorUpdate() {
    return timing(indicatorUpdate);
  }

  /** One symbol's snapshot built and serialized to JSON. */
  public Timing snapshotBuild() {
    return timing(snapshotBuild);
  }

  /**
   * Forgets the timings (e.g. after a benchmark's warm-up) by registering fresh timers; the event count keeps running.
   * Prometheus sees a counter reset, which its rate functions handle.
   */
  public synchronized void resetTimings() {
    registry.remove(publishLatency);
    registry.remove(indicatorUpdate);
    registry.remove(snapshotBuild);
    register();
  }

  void event() {
    events.increment();
  }

  void publishLatency(long nanos) {
    publishLatency.record(nanos, TimeUnit.NANOSECONDS);
  }

  void indicatorUpdate(long nanos) {
    indicatorUpdate.record(nanos, TimeUnit.NANOSECONDS);
  }

  void snapshotBuild(long nanos) {
    snapshotBuild.record(nanos, TimeUnit.NANOSECONDS);
  }

  private static Timing timing(Timer timer) {
    HistogramSnapshot snapshot = timer.takeSnapshot();
    if (snapshot.count() == 0) {
      return new Timing(0, Double.NaN, Double.NaN, Double.NaN);
    }
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    for (ValueAtPercentile v : snapshot.percentileValues()) {
      if (v.percentile() == 0.5) {
        p50 = v.value(TimeUnit.MICROSECONDS);
      } else if (v.percentile() == 0.99) {
        p99 = v.value(TimeUnit.MICROSECONDS);
      }
    }
    return new Timing(snapshot.count(), p50, p99, snapshot.max(TimeUnit.MICROSECONDS));
  }
}
