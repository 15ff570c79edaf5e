package io.tai2.sim;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The simulator's margin model for USDT-margined swaps (protocols §12.4), with {@code q} = position size in coin
 * ({@code |pos| × ctVal × ctMult}) and {@code dir} = +1 long, −1 short. Pure functions, pinned by the worked BTC example.
 */
final class PositionMath {
  static final MathContext MC = MathContext.DECIMAL64;
  static final BigDecimal TAKER_RATE = new BigDecimal("0.0005");
  static final BigDecimal MAKER_RATE = new BigDecimal("0.0002");
  static final BigDecimal MMR_RATE = new BigDecimal("0.004");

  private PositionMath() {}

  /** Fee of a fill, negative (charged): {@code −q × px × rate}. */
  static BigDecimal fee(BigDecimal coin, BigDecimal px, BigDecimal rate) {
    return coin.multiply(px).multiply(rate).negate();
  }

  /** Initial margin: {@code q × px / lever}. */
  static BigDecimal initialMargin(BigDecimal coin, BigDecimal px, BigDecimal lever) {
    return coin.multiply(px).divide(lever, MC);
  }

  static BigDecimal upl(int dir, BigDecimal coin, BigDecimal avgPx, BigDecimal markPx) {
    return coin.multiply(markPx.subtract(avgPx)).multiply(BigDecimal.valueOf(dir));
  }

  static BigDecimal uplRatio(BigDecimal upl, BigDecimal coin, BigDecimal avgPx, BigDecimal lever) {
    return upl.divide(coin.multiply(avgPx).divide(lever, MC), MC);
  }

  /** Maintenance margin: {@code q × mark × mmrRate}. */
  static BigDecimal maintenance(BigDecimal coin, BigDecimal markPx) {
    return coin.multiply(markPx).multiply(MMR_RATE);
  }

  /** Isolated margin ratio: {@code (margin + upl) / (mmr + q × mark × taker)}. */
  static BigDecimal marginRatio(BigDecimal margin, BigDecimal upl, BigDecimal coin, BigDecimal markPx) {
    return margin.add(upl).divide(maintenance(coin, markPx).add(coin.multiply(markPx).multiply(TAKER_RATE)), MC);
  }

  /** Liquidation price where the margin ratio reaches 1 (isolated; cross uses the backing equity as margin). */
  static BigDecimal liquidationPrice(int dir, BigDecimal coin, BigDecimal avgPx, BigDecimal margin) {
    BigDecimal notional = coin.multiply(avgPx);
    if (dir > 0) {
      return notional.subtract(margin).divide(coin.multiply(BigDecimal.ONE.subtract(MMR_RATE).subtract(TAKER_RATE)), MC);
    }
    return notional.add(margin).divide(coin.multiply(BigDecimal.ONE.add(MMR_RATE).add(TAKER_RATE)), MC);
  }
}
