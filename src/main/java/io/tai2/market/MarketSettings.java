package io.tai2.market;

import java.time.Duration;
import java.util.List;

/**
 * How the engine runs: the candle timeframes it keeps per symbol (OKX bar names), the one the signal and risk metrics
 * use, when data counts as stale, and how often changed snapshots are written to the state store.
 */
public record MarketSettings(List<String> timeframes, String primaryTimeframe, Duration staleAfter, Duration publishEvery) {

  public MarketSettings {
    timeframes = List.copyOf(timeframes);
    if (!timeframes.contains(primaryTimeframe)) {
      throw new IllegalArgumentException("the primary timeframe " + primaryTimeframe + " must be one of " + timeframes);
    }
  }

  /** The TA timeframes of upstream (15m, 1H, 4H, 1D; 4H primary), stale after 30 s, published every 250 ms. */
  public static MarketSettings defaults() {
    return new MarketSettings(List.of("15m", "1H", "4H", "1D"), "4H", Duration.ofSeconds(30), Duration.ofMillis(250));
  }
}
