package io.tai2.bench;

import io.tai2.indicators.Bar;
import io.tai2.indicators.IndicatorValues;
import io.tai2.indicators.Indicators;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The hot path of the market engine's indicators: a tick changes the open candle and every series is re-evaluated for it
 * ({@code preview}); a candle closes ({@code append}). Target: under 50 µs per symbol and update.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IndicatorsBenchmark {

  private Indicators indicators;
  private Bar open;
  private long ts;
  private double price;

  @Setup
  public void warm() {
    indicators = new Indicators();
    price = 100;
    for (int i = 0; i < 2_000; i++) {
      indicators.append(bar());
    }
    open = bar();
  }

  private Bar bar() {
    ts += 60_000;
    price *= 1 + Math.sin(ts / 7_000_000.0) * 0.001;
    return new Bar(
        ts,
        price,
        price * 1.001,
        price * 0.999,
        price * (1 + Math.cos(ts / 3_000_000.0) * 0.0005),
        1_000 + ts % 977);
  }

  /** A tick: the open candle's close moved; all 20 series for it. */
  @Benchmark
  public IndicatorValues previewOpenCandle() {
    open =
        new Bar(
            open.ts(),
            open.open(),
            open.high(),
            open.low(),
            open.close() * 1.0000001,
            open.volume() + 1);
    return indicators.preview(open);
  }

  /** A candle closes and the next one opens. */
  @Benchmark
  public IndicatorValues appendClosedCandle() {
    return indicators.append(bar());
  }
}
