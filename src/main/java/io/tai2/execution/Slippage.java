package io.tai2.execution;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * How far a fill landed from the price the decision saw, in basis points, signed from the trader's side: positive is
 * adverse (a buy filled above the reference, a sell below it), negative is price improvement.
 */
final class Slippage {

  private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

  private Slippage() {}

  /**
   * @param side {@code buy} or {@code sell}, the order's side (a close of a long is a sell)
   * @param reference the snapshot price the decision saw (the plan's reference price), positive
   * @param fill OKX's average fill price
   */
  static double bps(String side, BigDecimal reference, BigDecimal fill) {
    if (reference.signum() <= 0) {
      throw new IllegalArgumentException("the reference price must be positive, was " + reference);
    }
    BigDecimal moved =
        switch (side) {
          case "buy" -> fill.subtract(reference);
          case "sell" -> reference.subtract(fill);
          default -> throw new IllegalArgumentException("side must be buy or sell, was " + side);
        };
    return moved.multiply(BPS).divide(reference, MathContext.DECIMAL64).doubleValue();
  }
}
