package io.tai2.market;

import io.tai2.okx.Candle;
import io.tai2.okx.OkxMarketData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The candle history each tracked timeframe starts from: {@value #WANTED} bars from {@code market/candles}, topped up
 * from {@code market/history-candles} when the recent endpoint has fewer (a young listing, a simulator), so EMA 200 is
 * defined from the start. Loads started together form one warm-up, logged once when its last load ends.
 */
final class CandleWarmUp {

  private static final Logger log = LoggerFactory.getLogger(CandleWarmUp.class);

  /** Bars loaded per timeframe: enough for EMA 200 plus a margin for its warm-up. */
  static final int WANTED = OkxMarketData.MAX_CANDLES;

  private final Supplier<OkxMarketData> rest;
  private int pending;
  private long startedNanos;
  private final Set<String> symbols = new HashSet<>();

  /** Per timeframe, the fewest bars any symbol got. */
  private final Map<String, Integer> fewest = new TreeMap<>();

  private long total;

  CandleWarmUp(Supplier<OkxMarketData> rest) {
    this.rest = rest;
  }

  /** Registers a load about to start (before it is submitted, so the warm-up cannot end early). */
  synchronized void begin(String symbol) {
    if (pending == 0) {
      startedNanos = System.nanoTime();
      symbols.clear();
      fewest.clear();
      total = 0;
    }
    pending++;
    symbols.add(symbol);
  }

  /** The newest {@value #WANTED} bars of {@code timeframe} (fewer if OKX has fewer), newest first. */
  List<Candle> load(String instId, String timeframe) {
    List<Candle> newestFirst = new ArrayList<>(rest.get().candles(instId, timeframe, WANTED));
    while (!newestFirst.isEmpty() && newestFirst.size() < WANTED) {
      List<Candle> older =
          rest.get()
              .historyCandles(
                  instId,
                  timeframe,
                  newestFirst.getLast().ts().toEpochMilli(),
                  WANTED - newestFirst.size());
      if (older.isEmpty()) {
        break;
      }
      newestFirst.addAll(older);
    }
    return newestFirst;
  }

  /** Records a finished load ({@code count} bars; 0 when it failed); the last one of a warm-up logs the totals. */
  synchronized void done(String timeframe, int count) {
    fewest.merge(timeframe, count, Math::min);
    total += count;
    if (--pending == 0) {
      log.info(
          "event=market_warmup_done symbols={} timeframes={} fewest_candles={} candles={} elapsed_ms={}",
          symbols.size(),
          fewest.size(),
          fewest,
          total,
          (System.nanoTime() - startedNanos) / 1_000_000);
    }
  }
}
