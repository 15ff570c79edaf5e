package io.tai2.sim;

import io.tai2.fills.PathBar;
import io.tai2.okx.Instrument;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulator's market: an instrument catalogue with real OKX trading rules and a one-minute price path per
 * instrument. Bar {@code cursor} is the bar now forming; its open time is the current wall-clock minute, so data looks
 * fresh to a client. {@link #advance(int)} moves the path forward.
 */
public final class SimMarket {

  /** A one-minute bar of the price path. */
  public record Bar(
      BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {

    /** The bar as the fill model's intra-bar path (the order the simulator walks it in and the backtest reads it in). */
    PathBar path(Instant openTime) {
      return new PathBar(openTime, open, high, low, close);
    }
  }

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
  private final Map<String, SimPricePath> paths;

  /** The last minute index the replay may reach (the end of the shortest recorded file, or of the seeded run). */
  private final int last;

  private final AtomicInteger cursor;

  /** Where the forming bar's price is on its intra-bar path: 0 open, 1 and 2 the extremes, 3 close. */
  private final AtomicInteger phase = new AtomicInteger(3);

  private final Map<String, BigDecimal> priceOverrides = new ConcurrentHashMap<>();
  private final List<Runnable> priceListeners = new CopyOnWriteArrayList<>();

  /** Whether the latest price change was a {@link #step} along the forming bar's path (a continuous move), not a jump. */
  private volatile boolean alongPath;

  /** The instruments whose pinned price the latest step released: they jumped back onto the path. */
  private volatile Set<String> released = Set.of();

  SimMarket(
      Clock clock,
      Map<String, Instrument> instruments,
      Map<String, SimPricePath> paths,
      int last,
      int cursor) {
    this.clock = clock;
    this.instruments = instruments;
    this.paths = paths;
    this.last = last;
    this.cursor = new AtomicInteger(cursor);
  }

  /**
   * A market over the standard catalogue with a seeded random walk per instrument: {@code bars} one-minute bars from
   * index 0 on, positioned so {@code history} of them are already in the past, and {@link SimPricePath#DEPTH} more
   * minutes of seeded history before them (generated on demand, never stored).
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
      String id = String.format(Locale.ROOT, "SYN%04d-USDT-SWAP", n);
      BigDecimal start = BigDecimal.valueOf(1 + (n * 37 % 99));
      BigDecimal tick =
          BigDecimal.ONE.scaleByPowerOfTen(start.precision() - 4); // four significant digits
      instruments.put(
          id,
          new Instrument(
              id,
              "SWAP",
              "USDT",
              BigDecimal.ONE,
              BigDecimal.ONE,
              id.substring(0, 7),
              tick,
              BigDecimal.ONE,
              BigDecimal.ONE,
              new BigDecimal("100000"),
              new BigDecimal("1000000"),
              new BigDecimal("50"),
              "live"));
      starts.put(id, start);
    }
    Map<String, SimPricePath> paths = new LinkedHashMap<>();
    instruments.forEach(
        (id, instrument) ->
            paths.put(id, SimPricePath.seeded(seed, id, starts.get(id), instrument.tickSz())));
    return new SimMarket(
        clock,
        Collections.unmodifiableMap(instruments),
        paths,
        bars - 1,
        Math.min(history, bars - 1));
  }

  /**
   * Replays candles from a file as one instrument's path from minute 0 on; the seeded walk before it becomes its deeper
   * history, joined at the file's first open. Bars longer than a minute are split into one-minute steps along the
   * deterministic intra-bar path open → low → high → close when the bar closes up, open → high → low → close otherwise
   * (docs/spec/okx-openrouter-protocols.md §12.3). The replay cannot run past the file's end.
   */
  public SimMarket withCandles(String instId, List<CandleFile.Row> rows) {
    Instrument instrument =
        instrument(instId)
            .orElseThrow(() -> new IllegalArgumentException("unknown instrument " + instId));
    int minutes = (int) Math.max(1, CandleFile.barLength(rows).toMinutes());
    List<Bar> path = new ArrayList<>(rows.size() * minutes);
    for (CandleFile.Row row : rows) {
      path.addAll(split(row, minutes, instrument.tickSz()));
    }
    Map<String, SimPricePath> newPaths = new LinkedHashMap<>(paths);
    newPaths.put(instId, paths.get(instId).withRecorded(path));
    int newLast = Math.min(last, path.size() - 1);
    return new SimMarket(clock, instruments, newPaths, newLast, Math.min(cursor.get(), newLast));
  }

  private static List<Bar> split(CandleFile.Row row, int minutes, BigDecimal tick) {
    BigDecimal volume = row.volume().divide(BigDecimal.valueOf(minutes), 1, RoundingMode.HALF_UP);
    if (minutes == 1) {
      return List.of(new Bar(row.open(), row.high(), row.low(), row.close(), volume));
    }
    PathBar bar = new PathBar(row.ts(), row.open(), row.high(), row.low(), row.close());
    BigDecimal first = bar.point(1);
    BigDecimal second = bar.point(2);
    // The two extremes land exactly on minute closes, so the minutes aggregate back to the file's
    // high and low.
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
    alongPath = false;
    phase.set(3);
    cursor.updateAndGet(c -> Math.min(c + bars, last));
    priceListeners.forEach(Runnable::run);
  }

  /** The last traded price: a price set through {@link #setPrice}, else the close of the forming bar. */
  public BigDecimal last(String instId) {
    BigDecimal override = priceOverrides.get(instId);
    if (override != null) {
      return override;
    }
    return formingPath(instId).point(phase.get());
  }

  /** The forming bar as an intra-bar path. */
  private PathBar formingPath(String instId) {
    return paths.get(instId).bar(cursor.get()).path(currentBarOpen());
  }

  /**
   * Where the latest price change moved {@code instId} from, when it was a continuous move: a step along the forming
   * bar's path from its previous point. Empty after a jump (a new bar's open, an {@link #advance}, a pinned price or its
   * release), which the fill model treats differently (a level passed in a jump fills at the new price).
   */
  Optional<BigDecimal> steppedFrom(String instId) {
    int reached = phase.get();
    if (!alongPath
        || reached == 0
        || released.contains(instId)
        || priceOverrides.containsKey(instId)) {
      return Optional.empty();
    }
    return Optional.of(formingPath(instId).point(reached - 1));
  }

  /**
   * One step along the price path (the clock of {@code sim --speed}): within a bar open → low → high → close when it
   * closes up, open → high → low → close otherwise; after the close, the next bar opens. Releases pinned prices.
   */
  public void step() {
    released = Set.copyOf(priceOverrides.keySet());
    priceOverrides.clear();
    if (phase.get() >= 3) {
      cursor.updateAndGet(c -> Math.min(c + 1, last));
      phase.set(0);
      alongPath = false;
    } else {
      phase.incrementAndGet();
      alongPath = true;
    }
    priceListeners.forEach(Runnable::run);
  }

  /** Pins an instrument's price (tests and the control API); {@link #advance(int)} releases all pins. */
  public void setPrice(String instId, BigDecimal price) {
    priceOverrides.put(instId, price);
    alongPath = false;
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
    return clock.instant().truncatedTo(ChronoUnit.MINUTES);
  }

  /** One-minute bars up to and including the forming one, oldest first, with their open times. */
  public List<Map.Entry<Instant, Bar>> history(String instId, int maxBars) {
    SimPricePath path = paths.get(instId);
    int end = cursor.get();
    int start = (int) Math.max(FIRST, (long) end - maxBars + 1);
    Instant open = currentBarOpen();
    List<Map.Entry<Instant, Bar>> result = new ArrayList<>(end - start + 1);
    for (int i = start; i < end; i++) {
      result.add(Map.entry(open.minus(MINUTE.multipliedBy(end - i)), path.bar(i)));
    }
    result.add(Map.entry(open, forming(instId)));
    return result;
  }

  /** The earliest minute index of the seeded history. */
  static final int FIRST = -SimPricePath.DEPTH;

  /** Open time (epoch millis) of the oldest one-minute bar there is. */
  public long firstBarOpen() {
    return currentBarOpen().toEpochMilli() - ((long) cursor.get() - FIRST) * MINUTE.toMillis();
  }

  /**
   * The one-minute bars opened in {@code [from, to)} (epoch millis, whole minutes) summed up into one bar, the forming
   * bar as far as it has come; empty when no bar there has opened yet or the range lies before the history.
   */
  public Optional<Bar> span(String instId, long from, long to) {
    SimPricePath path = paths.get(instId);
    int now = cursor.get();
    long nowOpen = currentBarOpen().toEpochMilli();
    long a = Math.max(FIRST, now - Math.floorDiv(nowOpen - from, MINUTE.toMillis()));
    long b = Math.min(now + 1L, now - Math.floorDiv(nowOpen - to, MINUTE.toMillis()));
    if (a >= b) {
      return Optional.empty();
    }
    SimPricePath.Span closed = path.aggregate((int) a, (int) Math.min(b, now));
    Bar done =
        closed == null
            ? null
            : new Bar(
                path.price(closed.open()),
                path.price(closed.high()),
                path.price(closed.low()),
                path.price(closed.close()),
                BigDecimal.valueOf(closed.volumeTenths(), 1));
    if (b <= now) {
      return Optional.of(done);
    }
    Bar open = forming(instId);
    if (done == null) {
      return Optional.of(open);
    }
    return Optional.of(
        new Bar(
            done.open(),
            done.high().max(open.high()),
            done.low().min(open.low()),
            open.close(),
            done.volume().add(open.volume())));
  }

  /**
   * The forming bar as far as the price has come: the path's bar while it holds still at its close; along {@link #step}
   * only the waypoints reached so far; with a pinned price, that price as close (and as high or low if it goes beyond).
   */
  private Bar forming(String instId) {
    Bar bar = paths.get(instId).bar(cursor.get());
    BigDecimal override = priceOverrides.get(instId);
    int reached = phase.get();
    if (override == null && reached >= 3) {
      return bar;
    }
    PathBar path = bar.path(currentBarOpen());
    List<BigDecimal> visited = new ArrayList<>(path.path().subList(0, reached + 1));
    if (override != null) {
      visited.add(override);
    }
    BigDecimal high = visited.stream().reduce(BigDecimal::max).orElseThrow();
    BigDecimal low = visited.stream().reduce(BigDecimal::min).orElseThrow();
    return new Bar(bar.open(), high, low, visited.getLast(), bar.volume());
  }
}
