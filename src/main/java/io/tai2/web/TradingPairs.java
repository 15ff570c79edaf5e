package io.tai2.web;

import io.tai2.market.MarketEngine;
import io.tai2.market.MarketSnapshot;
import java.math.BigDecimal;
import java.util.List;

/**
 * The enabled trading pairs and every OKX USDT swap that could be tracked, with the rules a size in contracts must
 * follow and, for tracked symbols, the last price: what the pair picker and the USDT → contracts helper need.
 */
record TradingPairs(List<String> enabled, List<Available> available) {

  /** One instrument; {@code last} is null unless the symbol is tracked and has a ticker. */
  record Available(
      String instId,
      BigDecimal ctVal,
      String ctValCcy,
      BigDecimal tickSz,
      BigDecimal lotSz,
      BigDecimal minSz,
      BigDecimal maxMktSz,
      BigDecimal maxLeverage,
      String state,
      BigDecimal last) {}

  /** {@code engine} may be null (market engine off in this process): then nothing is available. */
  static TradingPairs of(MarketEngine engine, List<String> enabled) {
    List<Available> available =
        engine == null
            ? List.of()
            : engine.instruments().stream()
                .map(
                    i ->
                        new Available(
                            i.instId(),
                            i.ctVal(),
                            i.ctValCcy(),
                            i.tickSz(),
                            i.lotSz(),
                            i.minSz(),
                            i.maxMktSz(),
                            i.maxLeverage(),
                            i.state(),
                            engine
                                .snapshot(i.instId())
                                .map(MarketSnapshot::ticker)
                                .map(MarketSnapshot.Ticker::last)
                                .orElse(null)))
                .toList();
    return new TradingPairs(enabled, available);
  }
}
