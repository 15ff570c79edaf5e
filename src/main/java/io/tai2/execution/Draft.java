package io.tai2.execution;

import io.tai2.market.AccountSnapshot;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The order as the rules shape it during one evaluation: each rule reads what earlier rules settled and fills in its
 * own part. Lives only inside {@link Guardrails#evaluate}; never shared.
 */
final class Draft {

  /** The open position on the decision's symbol; tai2 allows at most one. */
  record OpenPosition(AccountSnapshot.Position position, boolean isLong) {
    BigDecimal contracts() {
      return position.contracts();
    }

    String side() {
      return isLong ? "long" : "short";
    }
  }

  private OpenPosition position;

  /** Entry side: true for a BUY. */
  boolean buy;

  BigDecimal stopLoss;
  BigDecimal takeProfit;

  /** Lowest leverage the operator allows (≥ 0). */
  BigDecimal minLeverage;

  /** The leverage of the cap formula: min(guardrail max, instrument max). */
  BigDecimal maxLeverage;

  /** Confidence-scaled leverage (docs/spec/tai2-upstream.md §6.4): minLeverage at or below the gate, up to maxLeverage at confidence 1. */
  BigDecimal targetLeverage;

  /** Price the size is worked out at: the higher of the reference and the current price, so fewer contracts. */
  BigDecimal sizingPrice;

  /** Size in contracts, before lot rounding until {@link SizeLimits#lotAndMinimum} has run. */
  BigDecimal contracts;

  /** What set {@link #contracts} last, for the operator: "the position cap 1,000 USDT (…)". */
  String limitedBy;

  /** Margin this order may use: available margin less what a leverage change takes from the open position. */
  BigDecimal marginForOrder;

  BigDecimal leverage;

  /** USDT to move from the funding account before an isolated entry; null when nothing moves. */
  BigDecimal seedUsdt;

  Optional<OpenPosition> position() {
    return Optional.ofNullable(position);
  }

  void position(OpenPosition open) {
    this.position = open;
  }

  Optional<BigDecimal> stopLoss() {
    return Optional.ofNullable(stopLoss);
  }

  Optional<BigDecimal> takeProfit() {
    return Optional.ofNullable(takeProfit);
  }
}
