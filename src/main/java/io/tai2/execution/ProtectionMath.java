package io.tai2.execution;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * Stop-loss and take-profit arithmetic shared by the guardrails (before the order) and the executor (after the fill):
 * quantising to the tick, nudging a level that sits on the wrong side, and rebasing levels from the price the model saw
 * to the fill price (docs/spec/tai2-upstream.md §6.9). Pure; every rounding goes away from the price, so a level never crosses to the
 * wrong side by rounding.
 */
public final class ProtectionMath {

  /** A wrong-side level is moved to this fraction of the price from it (0.1 %), or one tick when that is larger. */
  public static final BigDecimal NUDGE_FRACTION = new BigDecimal("0.001");

  private static final MathContext PRECISION = MathContext.DECIMAL128;

  private ProtectionMath() {}

  /** Stop-loss and take-profit for a position, each optional. */
  public record Protection(Optional<BigDecimal> stopLoss, Optional<BigDecimal> takeProfit) {
    public Protection {
      Objects.requireNonNull(stopLoss, "stopLoss");
      Objects.requireNonNull(takeProfit, "takeProfit");
    }
  }

  /** {@code level} rounded to a multiple of {@code tickSz}, up or down; unchanged when there is no tick. */
  public static BigDecimal quantise(BigDecimal level, BigDecimal tickSz, boolean up) {
    if (tickSz == null || tickSz.signum() <= 0) {
      return level;
    }
    return level.divide(tickSz, 0, up ? RoundingMode.CEILING : RoundingMode.FLOOR).multiply(tickSz);
  }

  /** True when {@code level} is strictly above (or below) {@code reference} and positive. */
  public static boolean onSide(BigDecimal level, BigDecimal reference, boolean above) {
    return level.signum() > 0
        && (above ? level.compareTo(reference) > 0 : level.compareTo(reference) < 0);
  }

  /** How far a wrong-side level is moved from the price: max(tick, 0.1 % of the price). */
  public static BigDecimal nudgeOffset(BigDecimal reference, BigDecimal tickSz) {
    BigDecimal fraction = reference.multiply(NUDGE_FRACTION);
    return tickSz == null || tickSz.signum() <= 0 ? fraction : fraction.max(tickSz);
  }

  /**
   * The level one {@link #nudgeOffset} above (or below) {@code reference}, quantised further away; empty when that is not
   * a positive price (a price of a few ticks has no room below it).
   */
  public static Optional<BigDecimal> nudge(BigDecimal reference, BigDecimal tickSz, boolean above) {
    BigDecimal offset = nudgeOffset(reference, tickSz);
    BigDecimal candidate =
        quantise(above ? reference.add(offset) : reference.subtract(offset), tickSz, above);
    return onSide(candidate, reference, above) ? Optional.of(candidate) : Optional.empty();
  }

  /** The distance of {@code level} from {@code reference} as a fraction of it: |level − reference| ÷ reference. */
  public static BigDecimal ratio(BigDecimal level, BigDecimal reference) {
    return level.subtract(reference).abs().divide(reference, PRECISION);
  }

  /**
   * {@code level}, set relative to {@code reference}, moved to the same relative distance from {@code fill}:
   * fill × (1 ± ratio), quantised away from the fill. A level that rounding or a tiny price leaves on the wrong side is
   * nudged from the fill; empty when even that fails. Example: reference 100, TP 110, SL 99, fill 95 → TP 104.5, SL 94.05.
   *
   * @param above whether the level belongs above the price (a long's take-profit, a short's stop-loss)
   */
  public static Optional<BigDecimal> rebase(
      BigDecimal level, BigDecimal reference, BigDecimal fill, BigDecimal tickSz, boolean above) {
    BigDecimal r = ratio(level, reference);
    BigDecimal moved =
        fill.multiply(above ? BigDecimal.ONE.add(r) : BigDecimal.ONE.subtract(r), PRECISION);
    BigDecimal quantised = quantise(moved, tickSz, above);
    return onSide(quantised, fill, above) ? Optional.of(quantised) : nudge(fill, tickSz, above);
  }

  /** The plan's stop-loss and take-profit rebased to the fill price (see {@link #rebase(BigDecimal, BigDecimal, BigDecimal, BigDecimal, boolean)}). */
  public static Protection rebase(OrderPlan plan, BigDecimal fillPrice, BigDecimal tickSz) {
    boolean buy = plan.side().equals("buy");
    return new Protection(
        plan.stopLoss().flatMap(sl -> rebase(sl, plan.referencePrice(), fillPrice, tickSz, !buy)),
        plan.takeProfit().flatMap(tp -> rebase(tp, plan.referencePrice(), fillPrice, tickSz, buy)));
  }
}
