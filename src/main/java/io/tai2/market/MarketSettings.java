package io.tai2.market;

import java.time.Duration;
import java.util.List;

/**
 * How the engine runs: the candle timeframes it keeps per symbol (OKX bar names), the one the signal and risk metrics
 * use, when data counts as stale, how often changed snapshots are written to the state store, whether the live
 * WebSocket feed is on, and the poller's interval ({@code WS_UPDATE_INTERVAL}).
 */
public record MarketSettings(
    List<String> timeframes,
    String primaryTimeframe,
    Duration staleAfter,
    Duration publishEvery,
    boolean liveWebSocket,
    Duration pollEvery) {

  public static final Duration DEFAULT_POLL = Duration.ofSeconds(180);

  public MarketSettings {
    timeframes = List.copyOf(timeframes);
    if (!timeframes.contains(primaryTimeframe)) {
      throw new IllegalArgumentException(
          "the primary timeframe " + primaryTimeframe + " must be one of " + timeframes);
    }
    if (pollEvery.isNegative() || pollEvery.isZero()) {
      throw new IllegalArgumentException("the poll interval must be positive, was " + pollEvery);
    }
  }

  /** Live WebSocket on, polling at the default interval. */
  public MarketSettings(
      List<String> timeframes,
      String primaryTimeframe,
      Duration staleAfter,
      Duration publishEvery) {
    this(timeframes, primaryTimeframe, staleAfter, publishEvery, true, DEFAULT_POLL);
  }

  /** The TA timeframes of upstream (15m, 1H, 4H, 1D; 4H primary), stale after 30 s, published every 250 ms. */
  public static MarketSettings defaults() {
    return new MarketSettings(
        List.of("15m", "1H", "4H", "1D"), "4H", Duration.ofSeconds(30), Duration.ofMillis(250));
  }

  public MarketSettings withPolling(boolean liveWebSocket, Duration pollEvery) {
    return new MarketSettings(
        timeframes, primaryTimeframe, staleAfter, publishEvery, liveWebSocket, pollEvery);
  }
}
