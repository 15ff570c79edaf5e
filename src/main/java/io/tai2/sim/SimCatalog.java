package io.tai2.sim;

import io.tai2.okx.Instrument;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The instruments the simulator lists, with real OKX SWAP trading rules (docs/spec/okx-openrouter-protocols.md §3.1, from recorded OKX
 * responses). SOL's values are not from a recorded response: ctVal 1 SOL, tick 0.01, lot/min 0.01.
 */
public final class SimCatalog {
  private SimCatalog() {}

  static final Map<String, Instrument> INSTRUMENTS = new LinkedHashMap<>();
  static final Map<String, BigDecimal> START_PRICES = new LinkedHashMap<>();

  static {
    add("BTC-USDT-SWAP", "0.01", "BTC", "0.1", "0.1", "0.1", "12000", "100000000", "100", "90000");
    add("ETH-USDT-SWAP", "0.1", "ETH", "0.01", "0.1", "0.1", "20000", "100000000", "100", "3000");
    add("SOL-USDT-SWAP", "1", "SOL", "0.01", "0.01", "0.01", "20000", "100000000", "50", "150");
    add("XRP-USDT-SWAP", "100", "XRP", "0.0001", "0.1", "0.1", "15000", "100000000", "50", "2.1");
    add(
        "DOGE-USDT-SWAP",
        "1000",
        "DOGE",
        "0.00001",
        "0.1",
        "0.1",
        "12000",
        "100000000",
        "50",
        "0.18");
    add("LTC-USDT-SWAP", "1", "LTC", "0.01", "0.1", "0.1", "10000", "100000000", "50", "85");
  }

  /** The trading rules of a standard swap, as OKX lists them (captured), if the catalogue has it. */
  public static Optional<Instrument> instrument(String instId) {
    return Optional.ofNullable(INSTRUMENTS.get(instId));
  }

  private static void add(
      String id,
      String ctVal,
      String ccy,
      String tick,
      String lot,
      String min,
      String maxMkt,
      String maxLmt,
      String lever,
      String price) {
    INSTRUMENTS.put(
        id,
        new Instrument(
            id,
            "SWAP",
            "USDT",
            new BigDecimal(ctVal),
            BigDecimal.ONE,
            ccy,
            new BigDecimal(tick),
            new BigDecimal(lot),
            new BigDecimal(min),
            new BigDecimal(maxMkt),
            new BigDecimal(maxLmt),
            new BigDecimal(lever),
            "live"));
    START_PRICES.put(id, new BigDecimal(price));
  }
}
