package io.tai2.lab;

import io.tai2.history.CandleRepository;
import io.tai2.okx.OkxMarketData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the candle store current while the service runs: for each tracked symbol, the closed one-minute bars since the
 * newest one stored, from OKX's {@code market/history-candles} (through {@link HistoryFetcher}, which keeps only
 * confirmed bars and never the one still forming). So a live round trip's excursions can be read from the store, and a
 * backtest reaches up to the present without a {@code tai2 history fetch}. Only the newest stretch is filled: at most
 * {@link #WINDOW} back (on the first run, or after a long stop); an older gap is left for {@code tai2 history fetch}.
 */
public final class CandleRecorder {

  private static final Logger log = LoggerFactory.getLogger(CandleRecorder.class);

  /** How far back one run reaches at most: 24 h is 15 requests of 100 bars per symbol. */
  public static final Duration WINDOW = Duration.ofHours(24);

  /** What one run stored for one symbol. */
  public record Recorded(String symbol, long bars, long requests) {}

  private final Supplier<OkxMarketData> market;
  private final CandleRepository store;
  private final Supplier<List<String>> symbols;
  private final Clock clock;

  /** {@code market} is asked for on every run: the REST client is rebuilt when the OKX environment or base URL changes. */
  public CandleRecorder(
      Supplier<OkxMarketData> market,
      CandleRepository store,
      Supplier<List<String>> symbols,
      Clock clock) {
    this.market = market;
    this.store = store;
    this.symbols = symbols;
    this.clock = clock;
  }

  /**
   * One run over every tracked symbol; a symbol that fails (OKX down, rate limit, database) is logged and skipped, so the
   * others are still recorded and the next run tries it again from its newest stored bar. Never throws.
   */
  public List<Recorded> record() {
    List<Recorded> out = new ArrayList<>();
    List<String> tracked;
    try {
      tracked = symbols.get();
    } catch (RuntimeException e) {
      log.warn("event=candles_record_failed error=\"{}\"", e.toString());
      return out;
    }
    for (String symbol : tracked) {
      try {
        out.add(record(symbol));
      } catch (RuntimeException e) {
        log.warn("event=candles_record_failed symbol={} error=\"{}\"", symbol, e.toString());
      }
    }
    return out;
  }

  private Recorded record(String symbol) {
    Instant now = clock.instant();
    Instant earliest = now.minus(WINDOW).truncatedTo(ChronoUnit.MINUTES);
    Instant from =
        store
            .newest(symbol)
            .map(newest -> newest.plus(Duration.ofMinutes(1)))
            .filter(next -> next.isAfter(earliest))
            .orElse(earliest);
    HistoryFetcher.Summary s =
        new HistoryFetcher(market.get(), store, clock, p -> {}).fetch(symbol, from, now);
    log.info(
        "event=candles_recorded symbol={} bars={} requests={} from={}",
        symbol,
        s.bars(),
        s.requests(),
        from);
    return new Recorded(symbol, s.bars(), s.requests());
  }
}
