package io.tai2.lab;

import io.tai2.history.CandleRepository;
import io.tai2.history.FundingRateRecord;
import io.tai2.history.MinuteBar;
import io.tai2.sim.CandleFile;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.IntFunction;

/** Where a backtest's candles come from: a candle file (either layout the simulator reads) or the candle store. */
public final class BacktestFiles {

  private BacktestFiles() {}

  /**
   * One symbol's one-minute bars from {@code file}.
   *
   * @throws IllegalArgumentException when the file cannot be read, is empty, or its bars are not one minute apart
   */
  public static SymbolHistory file(String symbol, Path file) {
    List<CandleFile.Row> rows;
    try {
      rows = CandleFile.read(file);
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(
          "cannot read the candle file "
              + file
              + " ("
              + e.getCause().getClass().getSimpleName()
              + ")");
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no candles");
    }
    Duration length = CandleFile.barLength(rows);
    if (rows.size() > 1 && !length.equals(Duration.ofMinutes(1))) {
      throw new IllegalArgumentException(
          file
              + ": bars are "
              + length.toMinutes()
              + " minutes apart; a backtest replays one-minute bars");
    }
    return history(
        symbol,
        rows.size(),
        i -> {
          CandleFile.Row r = rows.get(i);
          return new MinuteBar(r.ts(), r.open(), r.high(), r.low(), r.close(), r.volume());
        },
        new TreeMap<>());
  }

  /** One symbol's bars and funding from the candle store, {@code from} (inclusive) to {@code to} (exclusive). */
  public static SymbolHistory store(
      CandleRepository store, String symbol, Instant from, Instant to) {
    List<MinuteBar> bars = store.range(symbol, from, to);
    if (bars.isEmpty()) {
      throw new IllegalArgumentException(
          "the candle store has no one-minute bars of "
              + symbol
              + " between "
              + from
              + " and "
              + to
              + "; fetch them first: tai2 history fetch --symbols "
              + symbol
              + " --from "
              + from
              + " --to "
              + to);
    }
    NavigableMap<Long, BigDecimal> funding = new TreeMap<>();
    for (FundingRateRecord f : store.funding(symbol, from.minus(Duration.ofHours(8)), to)) {
      funding.put(f.fundingTime().toEpochMilli(), f.rate());
    }
    return history(symbol, bars.size(), bars::get, funding);
  }

  /** A file's symbol with funding rates added (the CLI's {@code --funding history} reads them from the store). */
  public static SymbolHistory withFunding(SymbolHistory h, NavigableMap<Long, BigDecimal> funding) {
    return new SymbolHistory(
        h.symbol(),
        h.instrument(),
        h.contractSize(),
        h.ts(),
        h.open(),
        h.high(),
        h.low(),
        h.close(),
        h.volume(),
        funding,
        h.instrumentSource());
  }

  private static SymbolHistory history(
      String symbol, int n, IntFunction<MinuteBar> bar, NavigableMap<Long, BigDecimal> funding) {
    SymbolHistory.Bars bars = new SymbolHistory.Bars(n);
    for (int i = 0; i < n; i++) {
      MinuteBar b = bar.apply(i);
      bars.add(
          b.ts().toEpochMilli(),
          b.open().doubleValue(),
          b.high().doubleValue(),
          b.low().doubleValue(),
          b.close().doubleValue(),
          b.volume().doubleValue());
    }
    if (!(bars.lowest() > 0)) {
      throw new IllegalArgumentException(
          symbol + ": a bar has a low of " + bars.lowest() + "; prices must be positive");
    }
    BacktestInstruments.Rules rules = BacktestInstruments.of(symbol, bars.lowest());
    return bars.of(symbol, rules.spec(), rules.contractSize(), funding, rules.source());
  }
}
