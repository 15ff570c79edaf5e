package io.tai2.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instrument's one-minute price path, indexed by minute (0 is where the replay starts, negative is history). Every
 * minute is a pure function of (seed, instrument, minute index): nothing is stored but a handful of recently generated
 * days and one summary per generated day, so years of history cost kilobytes. Optionally a recorded stretch (a candle
 * file) occupies minutes {@code 0 … recorded-1}; the seeded walk before it is scaled to end exactly at its first open.
 *
 * <p>The walk is built per day of 1,440 minutes: a mean-reverting daily log level (so prices stay within a plausible
 * band over years) and, inside each day, a Brownian bridge between that day's level and the next one's — each day's
 * random numbers come from its own seeded stream, so any day can be produced without producing the ones before it.
 */
final class SimPricePath {

  static final int DAY = 1_440;

  /** How far back the seeded history reaches: six years of minutes (back past the 2023 timestamps of ccxt's fixtures). */
  static final int DEPTH = 6 * 365 * DAY;

  private static final double MINUTE_SIGMA = 0.0015;
  private static final double DAY_SIGMA = MINUTE_SIGMA * Math.sqrt(DAY);

  /** Pull of the daily level back to the start price: keeps two years of walk within roughly ±60 %. */
  private static final double REVERSION = 0.02;

  private static final int CACHED_DAYS = 3;

  /** A minute or a span of minutes in whole ticks and tenths of a contract (exact to aggregate). */
  record Span(long open, long high, long low, long close, long volumeTenths) {
    Span join(Span later) {
      return new Span(
          open,
          Math.max(high, later.high),
          Math.min(low, later.low),
          later.close,
          volumeTenths + later.volumeTenths);
    }
  }

  private final long seed;
  private final double base;
  private final BigDecimal tick;
  private final double tickValue;

  /** Recorded minutes (open, high, low, close in ticks, volume in tenths), or empty. */
  private final long[][] recorded;

  private final Map<Integer, Span> daySummaries = new ConcurrentHashMap<>();
  private final Map<Integer, long[][]> recentDays =
      Collections.synchronizedMap(
          new LinkedHashMap<>(8, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, long[][]> eldest) {
              return size() > CACHED_DAYS;
            }
          });
  private double[] forwardLevels = {0};
  private double[] backwardLevels = {0};

  private SimPricePath(long seed, double base, BigDecimal tick, long[][] recorded) {
    this.seed = seed;
    this.base = base;
    this.tick = tick;
    this.tickValue = tick.doubleValue();
    this.recorded = recorded;
  }

  /** The seeded walk of {@code instId} starting at {@code start}. */
  static SimPricePath seeded(long seed, String instId, BigDecimal start, BigDecimal tick) {
    return new SimPricePath(
        mix(seed * 0x9E3779B97F4A7C15L + instId.hashCode()),
        start.doubleValue(),
        tick,
        new long[5][0]);
  }

  /** The same walk with {@code minutes} (oldest first) recorded from minute 0 on; the walk before joins their first open. */
  SimPricePath withRecorded(List<SimMarket.Bar> minutes) {
    long[][] rec = new long[5][minutes.size()];
    for (int i = 0; i < minutes.size(); i++) {
      SimMarket.Bar b = minutes.get(i);
      rec[0][i] = ticks(b.open());
      rec[1][i] = ticks(b.high());
      rec[2][i] = ticks(b.low());
      rec[3][i] = ticks(b.close());
      rec[4][i] = b.volume().movePointRight(1).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
    return new SimPricePath(seed, minutes.getFirst().open().doubleValue(), tick, rec);
  }

  /** How many minutes are recorded (0 for a pure walk). */
  int recordedLength() {
    return recorded[0].length;
  }

  BigDecimal tick() {
    return tick;
  }

  /** The minute at {@code index} as prices. */
  SimMarket.Bar bar(int index) {
    Span s = minute(index);
    return new SimMarket.Bar(
        price(s.open()),
        price(s.high()),
        price(s.low()),
        price(s.close()),
        BigDecimal.valueOf(s.volumeTenths(), 1));
  }

  BigDecimal price(long ticks) {
    return tick.multiply(BigDecimal.valueOf(ticks));
  }

  /** The minute at {@code index} in ticks. */
  Span minute(int index) {
    long[][] day = day(Math.floorDiv(index, DAY));
    int k = Math.floorMod(index, DAY);
    return new Span(day[0][k], day[1][k], day[2][k], day[3][k], day[4][k]);
  }

  /** Minutes {@code from … to-1} summed up; null when the range is empty. */
  Span aggregate(int from, int to) {
    Span result = null;
    int index = from;
    while (index < to) {
      int d = Math.floorDiv(index, DAY);
      int dayStart = d * DAY;
      int end = Math.min(to, dayStart + DAY);
      Span part;
      if (index == dayStart && end == dayStart + DAY) {
        part = daySummaries.computeIfAbsent(d, x -> summarise(day(x), 0, DAY));
      } else {
        part = summarise(day(d), index - dayStart, end - dayStart);
      }
      result = result == null ? part : result.join(part);
      index = end;
    }
    return result;
  }

  private static Span summarise(long[][] day, int from, int to) {
    long high = Long.MIN_VALUE;
    long low = Long.MAX_VALUE;
    long volume = 0;
    for (int k = from; k < to; k++) {
      high = Math.max(high, day[1][k]);
      low = Math.min(low, day[2][k]);
      volume += day[4][k];
    }
    return new Span(day[0][from], high, low, day[3][to - 1], volume);
  }

  private long[][] day(int d) {
    long[][] cached = recentDays.get(d);
    if (cached != null) {
      return cached;
    }
    long[][] fresh = generate(d);
    recentDays.put(d, fresh);
    return fresh;
  }

  /** Day {@code d}: the seeded bridge from its level to the next day's, with recorded minutes laid over it. */
  private long[][] generate(int d) {
    long[][] out = new long[5][DAY];
    SplittableRandom random = new SplittableRandom(mix(seed ^ (d * 0xBF58476D1CE4E5B9L)));
    double from = level(d);
    double to = level(d + 1);
    double[] walk = new double[DAY + 1];
    for (int k = 1; k <= DAY; k++) {
      walk[k] = walk[k - 1] + random.nextGaussian() * MINUTE_SIGMA;
    }
    double drift = walk[DAY] - (to - from);
    long previous = ticks(base * Math.exp(from));
    for (int k = 0; k < DAY; k++) {
      double close = base * Math.exp(from + walk[k + 1] - drift * (k + 1) / DAY);
      long closeTicks = k == DAY - 1 ? ticks(base * Math.exp(to)) : ticks(close);
      double top =
          Math.max(previous, closeTicks)
              * tickValue
              * (1 + Math.abs(random.nextGaussian()) * 0.0005);
      double bottom =
          Math.min(previous, closeTicks)
              * tickValue
              * (1 - Math.abs(random.nextGaussian()) * 0.0005);
      out[0][k] = previous;
      out[1][k] = Math.max(Math.max(previous, closeTicks), ticks(top));
      out[2][k] = Math.max(1, Math.min(Math.min(previous, closeTicks), ticks(bottom)));
      out[3][k] = closeTicks;
      out[4][k] = Math.round((50 + random.nextDouble() * 450) * 10);
      previous = closeTicks;
    }
    int recordedFrom = Math.max(0, d * DAY);
    int recordedTo = Math.min(recordedLength(), d * DAY + DAY);
    for (int i = recordedFrom; i < recordedTo; i++) {
      for (int c = 0; c < 5; c++) {
        out[c][i - d * DAY] = recorded[c][i];
      }
    }
    return out;
  }

  /** The log level (relative to the start price) at the start of day {@code d}; mean-reverting, seeded per day. */
  private synchronized double level(int d) {
    if (d >= 0) {
      forwardLevels = extend(forwardLevels, d, 1);
      return forwardLevels[d];
    }
    backwardLevels = extend(backwardLevels, -d, -1);
    return backwardLevels[-d];
  }

  private double[] extend(double[] levels, int upTo, int direction) {
    if (upTo < levels.length) {
      return levels;
    }
    double[] grown = Arrays.copyOf(levels, Math.max(upTo + 1, levels.length * 2));
    for (int n = levels.length; n < grown.length; n++) {
      long dayKey = mix(seed ^ 0xD1B54A32D192ED03L ^ ((long) direction * n));
      grown[n] =
          grown[n - 1] * (1 - REVERSION) + new SplittableRandom(dayKey).nextGaussian() * DAY_SIGMA;
    }
    return grown;
  }

  private long ticks(double price) {
    return Math.max(1, Math.round(price / tickValue));
  }

  private long ticks(BigDecimal price) {
    return price.divide(tick, 0, RoundingMode.HALF_UP).longValueExact();
  }

  /** Stafford's 64-bit mix: neighbouring seeds give unrelated streams. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
