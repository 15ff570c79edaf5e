package io.tai2.sim;

import io.tai2.okx.Instrument;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulator's market: an instrument catalogue with real OKX trading rules and a one-minute price path per
 * instrument. Bar {@code cursor} is the bar now forming; its open time is the current wall-clock minute, so data looks
 * fresh to a client. {@link #advance(int)} moves the path forward.
 */
public final class SimMarket {

  /** A one-minute bar of the price path. */
  public record Bar(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {}

  private static final Duration MINUTE = Duration.ofMinutes(1);
  /** The funding rate every instrument pays per 8 h period. */
  static final BigDecimal FUNDING_RATE = new BigDecimal("0.0001");
  /** Funding settles every 8 h, at 00:00, 08:00 and 16:00 UTC. */
  static final Duration FUNDING_PERIOD = Duration.ofHours(8);

  /** The first funding time strictly after {@code millis}. */
  static long nextFundingTime(long millis) {
    long period = FUNDING_PERIOD.toMillis();
    return Math.floorDiv(millis, period) * period + period;
  }

  private final Clock clock;
  private final Map<String, Instrument> instruments;
  private final Map<String, List<Bar>> paths;
  private final AtomicInteger cursor;
  /** Where the forming bar's price is on its intra-bar path: 0 open, 1 and 2 the extremes, 3 close. */
  private final AtomicInteger phase = new AtomicInteger(3);
  private final Map<String, BigDecimal> priceOverrides = new java.util.concurrent.ConcurrentHashMap<>();
  private final List<Runnable> priceListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  SimMarket(Clock clock, Map<String, Instrument> instruments, Map<String, List<Bar>> paths, int cursor) {
    this.clock = clock;
    this.instruments = instruments;
    this.paths = paths;
    this.cursor = new AtomicInteger(cursor);
  }

  /**
   * A market over the standard catalogue with a seeded random walk of {@code bars} one-minute bars per instrument,
   * positioned so {@code history} bars are already in the past.
   */
  public static SimMarket randomWalk(Clock clock, long seed, int bars, int history) {
    return randomWalk(clock, seed, bars, history, 0);
  }

  /**
   * The standard catalogue plus {@code synthetic} made-up swaps ({@code SYN0001-USDT-SWAP} …, 1 contract = 1 coin, tick
   * four significant digits, prices between 1 and 100) for load tests that need hundreds of symbols.
   */
  public static SimMarket randomWalk(Clock clock, long seed, int bars, int history, int synthetic) {
    Map<String, Instrument> instruments = new LinkedHashMap<>(SimCatalog.INSTRUMENTS);
    Map<String, BigDecimal> starts = new LinkedHashMap<>(SimCatalog.START_PRICES);
    for (int n = 1; n <= synthetic; n++) {
      String id = String.format(java.util.Locale.ROOT, "SYN%04d-USDT-SWAP", n);
      BigDecimal start = BigDecimal.valueOf(1 + (n * 37 % 99));
      BigDecimal tick = BigDecimal.ONE.scaleByPowerOfTen(start.precision() - 4); // four significant digits
      instruments.put(id, new Instrument(
          id, "SWAP", "USDT", BigDecimal.ONE, BigDecimal.ONE, id.substring(0, 7), tick, BigDecimal.ONE,
          BigDecimal.ONE, new BigDecimal("100000"), new BigDecimal("1000000"), new BigDecimal("50"), "live"));
      starts.put(id, start);
    }
    Map<String, List<Bar>> paths = new LinkedHashMap<>();
    SplittableRandom random = new SplittableRandom(seed);
    instruments.forEach((id, instrument) -> paths.put(id, walk(random.split(), starts.get(id), instrument.tickSz(), bars)));
    return new SimMarket(clock, java.util.Collections.unmodifiableMap(instruments), paths, history);
  }

  /**
   * Replaces the random walk of one instrument with candles from a file. Bars longer than a minute are split into
   * one-minute steps along the deterministic intra-bar path open → low → high → close when the bar closes up, open →
   * high → low → close otherwise (protocols §12.3). The path starts {@code history} minutes in the past.
   */
  public SimMarket withCandles(String instId, List<CandleFile.Row> rows) {
    Instrument instrument = instrument(instId).orElseThrow(() -> new IllegalArgumentException("unknown instrument " + instId));
    int minutes = (int) Math.max(1, CandleFile.barLength(rows).toMinutes());
    List<Bar> path = new ArrayList<>(rows.size() * minutes);
    for (CandleFile.Row row : rows) {
      path.addAll(split(row, minutes, instrument.tickSz()));
    }
    Map<String, List<Bar>> newPaths = new LinkedHashMap<>(paths);
    newPaths.put(instId, path);
    int shortest = newPaths.values().stream().mapToInt(List::size).min().orElse(1);
    return new SimMarket(clock, instruments, newPaths, Math.min(cursor.get(), shortest - 1));
  }

  private static List<Bar> split(CandleFile.Row row, int minutes, BigDecimal tick) {
    BigDecimal volume = row.volume().divide(BigDecimal.valueOf(minutes), 1, RoundingMode.HALF_UP);
    if (minutes == 1) {
      return List.of(new Bar(row.open(), row.high(), row.low(), row.close(), volume));
    }
    boolean up = row.close().compareTo(row.open()) >= 0;
    BigDecimal first = up ? row.low() : row.high();
    BigDecimal second = up ? row.high() : row.low();
    // The two extremes land exactly on minute closes, so the minutes aggregate back to the file's high and low.
    int k1 = Math.max(1, (int) Math.round(minutes / 3.0));
    int k2 = Math.min(minutes - 1, Math.max(k1 + 1, (int) Math.round(2 * minutes / 3.0)));
    List<Bar> bars = new ArrayList<>(minutes);
    BigDecimal previous = row.open();
    for (int m = 1; m <= minutes; m++) {
      BigDecimal close;
      if (m <= k1) {
        close = between(row.open(), first, (double) m / k1, tick);
      } else if (m <= k2) {
        close = between(first, second, (double) (m - k1) / (k2 - k1), tick);
      } else {
        close = between(second, row.close(), (double) (m - k2) / (minutes - k2), tick);
      }
      bars.add(new Bar(previous, previous.max(close), previous.min(close), close, volume));
      previous = close;
    }
    return bars;
  }

  private static BigDecimal between(BigDecimal from, BigDecimal to, double t, BigDecimal tick) {
    if (t >= 1) {
      return to;
    }
    return round(from.doubleValue() + (to.doubleValue() - from.doubleValue()) * t, tick);
  }

  private static List<Bar> walk(SplittableRandom random, BigDecimal start, BigDecimal tick, int bars) {
    List<Bar> path = new ArrayList<>(bars);
    double price = start.doubleValue();
    for (int i = 0; i < bars; i++) {
      double open = price;
      double close = open * Math.exp(random.nextGaussian() * 0.0015);
      double high = Math.max(open, close) * (1 + Math.abs(random.nextGaussian()) * 0.0005);
      double low = Math.min(open, close) * (1 - Math.abs(random.nextGaussian()) * 0.0005);
      double volume = 50 + random.nextDouble() * 450;
      path.add(new Bar(round(open, tick), round(high, tick), round(low, tick), round(close, tick), BigDecimal.valueOf(Math.round(volume * 10) / 10.0)));
      price = close;
    }
    return path;
  }

  private static BigDecimal round(double price, BigDecimal tick) {
    return BigDecimal.valueOf(price).divide(tick, 0, RoundingMode.HALF_UP).multiply(tick);
  }

  public Map<String, Instrument> instruments() {
    return instruments;
  }

  public Optional<Instrument> instrument(String instId) {
    return Optional.ofNullable(instruments.get(instId));
  }

  /** Moves every price path forward by {@code bars} minutes (stops at the end of the path). */
  public void advance(int bars) {
    priceOverrides.clear();
    phase.set(3);
    cursor.updateAndGet(c -> Math.min(c + bars, paths.values().iterator().next().size() - 1));
    priceListeners.forEach(Runnable::run);
  }

  /** The last traded price: a price set through {@link #setPrice}, else the close of the forming bar. */
  public BigDecimal last(String instId) {
    BigDecimal override = priceOverrides.get(instId);
    if (override != null) {
      return override;
    }
    Bar bar = paths.get(instId).get(cursor.get());
    boolean up = bar.close().compareTo(bar.open()) >= 0;
    return switch (phase.get()) {
      case 0 -> bar.open();
      case 1 -> up ? bar.low() : bar.high();
      case 2 -> up ? bar.high() : bar.low();
      default -> bar.close();
    };
  }

  /**
   * One step along the price path (the clock of {@code sim --speed}): within a bar open → low → high → close when it
   * closes up, open → high → low → close otherwise; after the close, the next bar opens. Releases pinned prices.
   */
  public void step() {
    priceOverrides.clear();
    if (phase.get() >= 3) {
      cursor.updateAndGet(c -> Math.min(c + 1, paths.values().iterator().next().size() - 1));
      phase.set(0);
    } else {
      phase.incrementAndGet();
    }
    priceListeners.forEach(Runnable::run);
  }

  /** Pins an instrument's price (tests and the control API); {@link #advance(int)} releases all pins. */
  public void setPrice(String instId, BigDecimal price) {
    priceOverrides.put(instId, price);
    priceListeners.forEach(Runnable::run);
  }

  /** Called after every price change (for TP/SL triggers). */
  void onPriceChange(Runnable listener) {
    priceListeners.add(listener);
  }

  /** Best bid: the last price rounded down to the tick; the best ask is one tick above. */
  public BigDecimal bestBid(String instId) {
    BigDecimal tick = instruments.get(instId).tickSz();
    return last(instId).divide(tick, 0, RoundingMode.FLOOR).multiply(tick);
  }

  public BigDecimal bestAsk(String instId) {
    return bestBid(instId).add(instruments.get(instId).tickSz());
  }

  /** Index of the bar now forming on the price path (moves with {@link #advance} and {@link #step}). */
  public int barIndex() {
    return cursor.get();
  }

  /** The simulator's time: the timestamp of data generated now (tickers, books, mark prices). */
  public Instant now() {
    return clock.instant();
  }

  /** Open time of the bar now forming. */
  public Instant currentBarOpen() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
  }

  /** One-minute bars up to and including the forming one, oldest first, with their open times. */
  public List<Map.Entry<Instant, Bar>> history(String instId, int maxBars) {
    List<Bar> path = paths.get(instId);
    int end = cursor.get();
    int start = Math.max(0, end - maxBars + 1);
    Instant open = currentBarOpen();
    List<Map.Entry<Instant, Bar>> result = new ArrayList<>(end - start + 1);
    for (int i = start; i < end; i++) {
      result.add(Map.entry(open.minus(MINUTE.multipliedBy(end - i)), path.get(i)));
    }
    result.add(Map.entry(open, forming(instId)));
    return result;
  }

  /**
   * The forming bar as far as the price has come: the path's bar while it holds still at its close; along {@link #step}
   * only the waypoints reached so far; with a pinned price, that price as close (and as high or low if it goes beyond).
   */
  private Bar forming(String instId) {
    Bar bar = paths.get(instId).get(cursor.get());
    BigDecimal override = priceOverrides.get(instId);
    int reached = phase.get();
    if (override == null && reached >= 3) {
      return bar;
    }
    boolean up = bar.close().compareTo(bar.open()) >= 0;
    List<BigDecimal> visited = new ArrayList<>(List.of(bar.open()));
    if (reached >= 1) {
      visited.add(up ? bar.low() : bar.high());
    }
    if (reached >= 2) {
      visited.add(up ? bar.high() : bar.low());
    }
    if (reached >= 3) {
      visited.add(bar.close());
    }
    if (override != null) {
      visited.add(override);
    }
    BigDecimal high = visited.stream().reduce(BigDecimal::max).orElseThrow();
    BigDecimal low = visited.stream().reduce(BigDecimal::min).orElseThrow();
    return new Bar(bar.open(), high, low, visited.getLast(), bar.volume());
  }
}
