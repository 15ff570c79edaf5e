package io.tai2.notify;

import io.tai2.market.MarketEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Tells the operator once when a tracked symbol's ticker gets older than {@code stale_data_seconds} (a symbol that never
 * got one counts from when the watch first saw it), and again only after it was fresh in between. While the live
 * WebSocket is off the ticker comes from the poller, so its interval is added to the limit: a ticker one poll old is not
 * news. Checked every few seconds on the notifier's watch thread.
 */
final class StaleDataWatch {

  /** The tracked symbols and how old each one's newest ticker is now (empty before one arrived). */
  interface TickerAges {
    List<String> symbols();

    Optional<Duration> tickerAge(String symbol);

    /** How old a ticker may get between two updates by design: the poll interval while the live WebSocket is off, else zero. */
    Duration expectedGap();

    /** The market engine's, or none where it does not run in this process. */
    static Optional<TickerAges> of(Optional<MarketEngine> market) {
      return market.map(
          m ->
              new TickerAges() {
                @Override
                public List<String> symbols() {
                  return m.symbols();
                }

                @Override
                public Optional<Duration> tickerAge(String symbol) {
                  return m.dataAge(symbol, "ticker");
                }

                @Override
                public Duration expectedGap() {
                  return m.liveWebSocket() ? Duration.ZERO : m.pollInterval();
                }
              });
    }
  }

  private final Supplier<Optional<TickerAges>> market;
  private final Supplier<NotifySettings> settings;
  private final Notifier notifier;
  private final TradingNotifications words;
  private final Clock clock;
  private final Set<String> stale = new HashSet<>();
  private final Map<String, Instant> firstSeen = new HashMap<>();

  StaleDataWatch(
      Supplier<Optional<TickerAges>> market,
      Supplier<NotifySettings> settings,
      Notifier notifier,
      TradingNotifications words,
      Clock clock) {
    this.market = market;
    this.settings = settings;
    this.notifier = notifier;
    this.words = words;
    this.clock = clock;
  }

  synchronized void check() {
    Optional<TickerAges> engine = market.get();
    if (engine.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    Duration limit =
        Duration.ofSeconds(settings.get().staleDataSeconds()).plus(engine.get().expectedGap());
    Set<String> tracked = new HashSet<>(engine.get().symbols());
    firstSeen.keySet().retainAll(tracked);
    stale.retainAll(tracked);
    for (String symbol : tracked) {
      Instant seen = firstSeen.computeIfAbsent(symbol, s -> now);
      Optional<Duration> age = engine.get().tickerAge(symbol);
      Duration old = age.orElse(Duration.between(seen, now));
      if (old.compareTo(limit) <= 0) {
        stale.remove(symbol);
      } else if (stale.add(symbol)) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("source", "ticker");
        fields.put("age_seconds", Long.toString(old.toSeconds()));
        fields.put("limit_seconds", Long.toString(limit.toSeconds()));
        notifier.publish(
            words.note(
                NotificationKind.STALE_DATA,
                symbol,
                "Market data stale: "
                    + symbol
                    + " ticker is "
                    + (age.isPresent()
                        ? old.toSeconds() + " s old"
                        : "missing after " + old.toSeconds() + " s")
                    + " (limit "
                    + limit.toSeconds()
                    + " s). Cycles on it are refused as stale; check the connection lights on LIVE and the OKX log lines.",
                fields,
                now));
      }
    }
  }
}
