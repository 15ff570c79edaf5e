package io.tai2.state;

/**
 * One published change: a symbol's snapshot, or the multi-symbol view when {@code symbol} is {@link #MARKET_VIEW}.
 */
public record StateUpdate(String symbol, String json) {

  /** The symbol value used for updates of the multi-symbol view. */
  public static final String MARKET_VIEW = "*";

  public boolean isMarketView() {
    return MARKET_VIEW.equals(symbol);
  }
}
