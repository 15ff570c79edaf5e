package io.tai2.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MarketMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MarketMetrics metrics = new MarketMetrics(registry);

  @Test
  void givenPublishLatencies_whenRead_thenTheBenchAndTheRegistrySeeTheSameTimer() {
    for (int i = 1; i <= 100; i++) {
      metrics.publishLatency(TimeUnit.MILLISECONDS.toNanos(i));
    }

    MarketMetrics.Timing t = metrics.publishLatency();

    assertThat(t.count()).isEqualTo(100);
    // Micrometer's percentiles are approximate (bucketed): within a few per cent of the exact 50 ms
    // and 99 ms
    assertThat(t.p50Micros()).isCloseTo(50_000, within(3_000.0));
    assertThat(t.p99Micros()).isCloseTo(99_000, within(5_000.0));
    assertThat(t.maxMicros()).isEqualTo(100_000);
    Timer exported = registry.get("tai2.market.publish.latency").timer();
    assertThat(exported.count()).isEqualTo(100);
    assertThat(exported.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(5050);
  }

  @Test
  void givenAWarmUp_whenTheTimingsAreReset_thenOnlyLaterSamplesCountAndTheMetersStayRegistered() {
    metrics.indicatorUpdate(TimeUnit.SECONDS.toNanos(1));
    metrics.snapshotBuild(TimeUnit.SECONDS.toNanos(1));
    metrics.event();

    metrics.resetTimings();
    metrics.indicatorUpdate(TimeUnit.MICROSECONDS.toNanos(20));

    assertThat(metrics.indicatorUpdate().count()).isEqualTo(1);
    assertThat(metrics.indicatorUpdate().maxMicros()).isCloseTo(20, within(0.5));
    assertThat(metrics.snapshotBuild().count()).isZero();
    assertThat(metrics.snapshotBuild().p99Micros()).isNaN();
    assertThat(metrics.events()).as("the event count keeps running").isEqualTo(1);
    assertThat(registry.get("tai2.market.indicator.update").timer().count()).isEqualTo(1);
    assertThat(registry.find("tai2.market.snapshot.build").timers()).hasSize(1);
  }
}
