package io.tai2.reasoning;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The market facts a reply is checked against: the symbol the prompt was about, its last price and its tick size.
 */
public record PriceContext(String symbol, BigDecimal lastPrice, BigDecimal tickSize) {

  public PriceContext {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(lastPrice, "lastPrice");
    Objects.requireNonNull(tickSize, "tickSize");
    if (symbol.isBlank()) {
      throw new IllegalArgumentException("symbol must not be blank");
    }
    if (lastPrice.signum() <= 0) {
      throw new IllegalArgumentException(
          "lastPrice " + lastPrice + " for " + symbol + " must be positive");
    }
    if (tickSize.signum() <= 0 || tickSize.compareTo(lastPrice) >= 0) {
      throw new IllegalArgumentException(
          "tickSize " + tickSize + " for " + symbol + " must be positive and below the price");
    }
  }
}
