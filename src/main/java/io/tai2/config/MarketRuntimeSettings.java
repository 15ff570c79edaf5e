package io.tai2.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the market engine tracks and how, changeable while it runs: the trading pairs (OKX USDT-margined swaps, in the
 * operator's order), the poller's cadence ({@code WS_UPDATE_INTERVAL}) and the live WebSocket switch. The first time,
 * the pairs and the cadence come from the environment. The fee window is how far back the LIVE card adds up the fees
 * (OKX's fill list reaches back 3 days).
 */
public record MarketRuntimeSettings(
    List<String> tradingPairs, Duration pollInterval, boolean liveWebSocket, int feeWindowHours) {

  private static final Pattern SWAP = Pattern.compile("[A-Z0-9]{1,20}-[A-Z0-9]{1,10}-SWAP");
  public static final int MAX_PAIRS = 500;

  public MarketRuntimeSettings {
    List<String> pairs =
        new ArrayList<>(
            new LinkedHashSet<>(
                tradingPairs.stream().map(p -> p.strip().toUpperCase(Locale.ROOT)).toList()));
    for (String pair : pairs) {
      if (!isSwapId(pair)) {
        throw new IllegalArgumentException(
            "trading_pairs: " + pair + " is not an OKX swap instrument id such as BTC-USDT-SWAP");
      }
    }
    if (pairs.size() > MAX_PAIRS) {
      throw new IllegalArgumentException(
          "trading_pairs: at most " + MAX_PAIRS + " pairs, was " + pairs.size());
    }
    tradingPairs = List.copyOf(pairs);
    if (pollInterval.compareTo(Duration.ofSeconds(1)) < 0
        || pollInterval.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException(
          "ws_update_interval_seconds must be between 1 and 3600, was " + pollInterval.toSeconds());
    }
    if (feeWindowHours < 1 || feeWindowHours > 72) {
      throw new IllegalArgumentException(
          "fee_window_hours must be between 1 and 72 (OKX lists fills of the last 3 days), was "
              + feeWindowHours);
    }
  }

  /** Whether {@code id} is shaped like an OKX swap instrument id (BTC-USDT-SWAP); whether OKX lists it is checked elsewhere. */
  public static boolean isSwapId(String id) {
    return SWAP.matcher(id).matches();
  }

  /** The environment's pairs and cadence, live WebSocket on, fees over 24 h (upstream's default). */
  public static MarketRuntimeSettings of(EnvSettings env) {
    return new MarketRuntimeSettings(
        env.tradingPairs(), Duration.ofSeconds(env.wsUpdateIntervalSeconds()), true, 24);
  }
}
