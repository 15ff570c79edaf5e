package io.tai2.lab;

import io.tai2.market.MarketSnapshot;
import io.tai2.okx.Instrument;
import io.tai2.sim.SimCatalog;
import java.math.BigDecimal;

/**
 * The trading rules a backtest sizes orders with: OKX's own (as captured in the simulator's catalogue) for the
 * standard swaps, as long as the candles' prices fit them; otherwise rules made from the prices — one contract is one
 * coin, the tick a ten-thousandth of the lowest price — and the report says so. Test files with made-up prices (the
 * freqtrade UNITTEST/BTC file trades at 0.0016) would otherwise round every stop to zero.
 */
final class BacktestInstruments {

  /** A tick must be at most this share of the lowest price for the real rules to be used. */
  private static final double MAX_TICK_SHARE = 1e-3;

  private BacktestInstruments() {}

  record Rules(MarketSnapshot.InstrumentSpec spec, BigDecimal contractSize, String source) {}

  static Rules of(String symbol, double lowestPrice) {
    Instrument listed = SimCatalog.instrument(symbol).orElse(null);
    if (listed != null && listed.tickSz().doubleValue() <= lowestPrice * MAX_TICK_SHARE) {
      return new Rules(
          new MarketSnapshot.InstrumentSpec(
              symbol,
              listed.ctVal(),
              listed.ctValCcy(),
              listed.tickSz(),
              listed.lotSz(),
              listed.minSz(),
              listed.maxMktSz(),
              listed.maxLeverage()),
          listed.contractSize(),
          "okx");
    }
    BigDecimal tick =
        BigDecimal.ONE.scaleByPowerOfTen(
            (int) Math.floor(Math.log10(Math.max(lowestPrice, 1e-12))) - 4);
    String coin = symbol.contains("-") ? symbol.substring(0, symbol.indexOf('-')) : symbol;
    String why =
        listed == null
            ? symbol + " is not in the catalogue of OKX rules"
            : "the prices (lowest "
                + lowestPrice
                + ") do not fit OKX's tick "
                + listed.tickSz().toPlainString();
    return new Rules(
        new MarketSnapshot.InstrumentSpec(
            symbol,
            BigDecimal.ONE,
            coin,
            tick.stripTrailingZeros(),
            BigDecimal.ONE,
            BigDecimal.ONE,
            new BigDecimal("1000000000000"),
            new BigDecimal("100")),
        BigDecimal.ONE,
        "derived: "
            + why
            + "; 1 contract = 1 "
            + coin
            + ", tick "
            + tick.stripTrailingZeros().toPlainString());
  }
}
