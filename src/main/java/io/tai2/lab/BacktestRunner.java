package io.tai2.lab;

/**
 * Runs one backtest to its report: loads the candles (and funding) of the request's symbols from the candle store,
 * applies the settings, and replays them in virtual time. Throws {@link IllegalArgumentException} with a message an
 * operator can act on for a request that cannot run (no candles, unknown decider, cost over budget …).
 */
public interface BacktestRunner {
  BacktestReport run(BacktestRequest request, BacktestProgress progress);
}
