package io.tai2.fills;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The margin model for USDT-margined swaps, the simulator's and the backtest's (docs/spec/okx-openrouter-protocols.md §12.4), with {@code q} = position size in coin
 * ({@code |pos| × ctVal × ctMult}) and {@code dir} = +1 long, −1 short. Pure functions, pinned by the worked BTC example.
 */
public final class PositionMath {
  public static final MathContext MC = MathContext.DECIMAL64;
  public static final BigDecimal TAKER_RATE = new BigDecimal("0.0005");
  public static final BigDecimal MAKER_RATE = new BigDecimal("0.0002");
  public static final BigDecimal MMR_RATE = new BigDecimal("0.004");

  private PositionMath() {}

  /** Fee of a fill, negative (charged): {@code −q × px × rate}. */
  public static BigDecimal fee(BigDecimal coin, BigDecimal px, BigDecimal rate) {
    return coin.multiply(px).multiply(rate).negate();
  }

  /** Initial margin: {@code q × px / lever}. */
  public static BigDecimal initialMargin(BigDecimal coin, BigDecimal px, BigDecimal lever) {
    return coin.multiply(px).divide(lever, MC);
  }

  public static BigDecimal upl(int dir, BigDecimal coin, BigDecimal avgPx, BigDecimal markPx) {
    return coin.multiply(markPx.subtract(avgPx)).multiply(BigDecimal.valueOf(dir));
  }

  public static BigDecimal uplRatio(
      BigDecimal upl, BigDecimal coin, BigDecimal avgPx, BigDecimal lever) {
    return upl.divide(coin.multiply(avgPx).divide(lever, MC), MC);
  }

  /** Maintenance margin: {@code q × mark × mmrRate}. */
  public static BigDecimal maintenance(BigDecimal coin, BigDecimal markPx) {
    return coin.multiply(markPx).multiply(MMR_RATE);
  }

  /** Isolated margin ratio: {@code (margin + upl) / (mmr + q × mark × taker)}. */
  public static BigDecimal marginRatio(
      BigDecimal margin, BigDecimal upl, BigDecimal coin, BigDecimal markPx) {
    return margin
        .add(upl)
        .divide(maintenance(coin, markPx).add(coin.multiply(markPx).multiply(TAKER_RATE)), MC);
  }

  /** Liquidation price where the margin ratio reaches 1 (isolated; cross uses the backing equity as margin). */
  public static BigDecimal liquidationPrice(
      int dir, BigDecimal coin, BigDecimal avgPx, BigDecimal margin) {
    BigDecimal notional = coin.multiply(avgPx);
    if (dir > 0) {
      return notional
          .subtract(margin)
          .divide(coin.multiply(BigDecimal.ONE.subtract(MMR_RATE).subtract(TAKER_RATE)), MC);
    }
    return notional
        .add(margin)
        .divide(coin.multiply(BigDecimal.ONE.add(MMR_RATE).add(TAKER_RATE)), MC);
  }

  /**
   * The funding paid or received at one funding time, as a cash amount: {@code −dir × q × px × rate}; a long pays
   * (negative) when the rate is positive, a short receives.
   */
  public static BigDecimal funding(int dir, BigDecimal coin, BigDecimal px, BigDecimal rate) {
    return coin.multiply(px).multiply(rate).multiply(BigDecimal.valueOf(-dir));
  }

  /** A market order's fill moved against it by {@code bps} basis points: up for a buy ({@code dir} +1), down for a sell. */
  public static BigDecimal slipped(BigDecimal px, int dir, BigDecimal bps) {
    return px.multiply(
        BigDecimal.ONE.add(
            bps.multiply(BigDecimal.valueOf(dir)).divide(BigDecimal.valueOf(10_000), MC)),
        MC);
  }
}
