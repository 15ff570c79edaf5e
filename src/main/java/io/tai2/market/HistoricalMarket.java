package io.tai2.market;

import java.util.List;

/** STUB for compiling the lab until the real one is merged. */
public final class HistoricalMarket {
  public HistoricalMarket(MarketSnapshot.InstrumentSpec instrument, List<String> timeframes, String primaryTimeframe) {}

  public void onMinute(io.tai2.indicators.Bar bar) {}

  public void funding(java.math.BigDecimal rate, java.time.Instant fundingTime, java.time.Instant nextFundingTime) {}

  public MarketSnapshot snapshot(java.time.Instant now) {
    throw new UnsupportedOperationException();
  }

  public java.util.Optional<CandleHistory> history(String timeframe) {
    return java.util.Optional.empty();
  }

  public List<String> timeframes() {
    return List.of();
  }
}
