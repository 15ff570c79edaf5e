package io.tai2.lab;

import io.tai2.history.CandleRepository;
import io.tai2.history.MinuteBar;
import io.tai2.okx.OkxBarSize;
import java.time.Instant;
import java.util.List;

/**
 * Bars of any OKX timeframe from the candle store, aligned as OKX aligns them ({@link OkxBarSize}: up to 4H on the UTC
 * epoch, 6H and longer at Hong Kong time unless {@code …utc}); the simulator follows the same rule, so they agree.
 */
public final class BarAlignment {
  private BarAlignment() {}

  /**
   * The {@code bar} bars (e.g. {@code 5m}, {@code 4H}, {@code 1Dutc}) built from the minute bars opening in
   * [{@code from}, {@code to}), oldest first.
   *
   * @throws IllegalArgumentException for a bar size OKX does not have
   */
  public static List<MinuteBar> bars(
      CandleRepository store, String instId, String bar, Instant from, Instant to) {
    OkxBarSize size =
        OkxBarSize.of(bar)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown bar size " + bar + " (one of " + OkxBarSize.names() + ")"));
    return store.aggregated(instId, from, to, size::openOf);
  }
}
