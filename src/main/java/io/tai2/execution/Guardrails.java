package io.tai2.execution;

import io.tai2.reasoning.Decision;
import java.util.List;
import java.util.Optional;

/**
 * The guardrails: one decision in, one {@link GuardrailVerdict} out, as a pure function. Rules run in this fixed order;
 * the first that stops the decision ends the evaluation, and every rule that ran is in the verdict's checks.
 *
 * <ol>
 *   <li>{@code live_execution}: recorded only; paper mode still gets a plan (the executor decides not to send it)
 *   <li>{@code execution_settings}: trade mode cross/isolated, market orders
 *   <li>{@code snapshot_age}: the price the model saw is within {@code snapshot_max_age}
 *   <li>{@code risk_lock}: the daily-loss lock stops everything, CLOSE included
 *   <li>HOLD → nothing to do
 *   <li>{@code instrument}: ctVal, lotSz, tickSz, minSz and prices present
 *   <li>{@code position}: at most one open position on the symbol
 *   <li>CLOSE → min hold ({@code cooldown}), then a reduce-only plan for the whole position, or nothing to do when flat
 *   <li>{@code alignment}: no flip ever; no adding while require_position_alignment is on
 *   <li>{@code margin_mode}: adding stays in the open position's margin mode
 *   <li>{@code wait_for_tp_sl}: no entry on a position that has both SL and TP
 *   <li>{@code cooldown}: min hold / cooldown since the last fill
 *   <li>{@code trade_rate}: accepted orders in the trade window (entries only; 0 = unlimited)
 *   <li>{@code stop_loss_required}, {@code stop_loss}: mandatory stop, quantised away from the price, nudged if on the
 *       wrong side, blocked if it cannot be
 *   <li>{@code take_profit}: quantised away from the price; dropped if on the wrong side
 *   <li>{@code fee_aware_take_profit}: the take-profit must earn more than the round-trip taker fees
 *   <li>{@code price_drift}: current vs reference price within the bps (and × ATR) limit
 *   <li>{@code leverage_target}: confidence-scaled target leverage within [min, min(max, instrument max)]
 *   <li>{@code equity}, {@code size_budget}, {@code size_hint}: budget in contracts ({@link Sizing})
 *   <li>{@code available_margin}, {@code position_cap}, {@code margin_needed}, {@code position_tier},
 *       {@code max_order_size}: limits that only shrink the size ({@link SizeLimits})
 *   <li>{@code lot_size} / {@code minimum_size}: round down to the lot; below the minimum is a block with the numbers
 *   <li>{@code leverage}: the leverage to set for what is left
 *   <li>{@code isolated_seed}: in isolated margin with auto-seed on, the USDT to move from funding before the order
 * </ol>
 */
public final class Guardrails {

  /** One rule: reads the input and what earlier rules settled; returns a verdict to stop, or empty to go on. */
  @FunctionalInterface
  interface Rule {
    Optional<GuardrailVerdict> apply(GuardrailInput in, Draft draft, Trail trail);
  }

  static final List<Rule> ORDER =
      List.of(
          StateRules::liveExecution,
          StateRules::executionSettings,
          StateRules::snapshotAge,
          StateRules::riskLock,
          StateRules::hold,
          StateRules::instrument,
          StateRules::positions,
          CloseRule::close,
          StateRules::alignment,
          StateRules::marginMode,
          StateRules::waitForTpSl,
          StateRules::cooldown,
          StateRules::tradeRate,
          ProtectionRules::stopLoss,
          ProtectionRules::takeProfit,
          ProtectionRules::feeAwareTakeProfit,
          ProtectionRules::priceDrift,
          Sizing::leverageTarget,
          Sizing::budget,
          SizeLimits::availableMargin,
          SizeLimits::positionCap,
          SizeLimits::marginNeeded,
          SizeLimits::positionTiers,
          SizeLimits::maxOrderSize,
          SizeLimits::lotAndMinimum,
          SizeLimits::leverage,
          SizeLimits::isolatedSeed);

  private Guardrails() {}

  /** Judges {@code in.decision()}; never throws for any decision, account or setting it is given. */
  public static GuardrailVerdict evaluate(GuardrailInput in) {
    Trail trail = new Trail();
    Draft draft = new Draft();
    for (Rule rule : ORDER) {
      Optional<GuardrailVerdict> stop = rule.apply(in, draft, trail);
      if (stop.isPresent()) {
        return stop.get();
      }
    }
    return trail.approved(entryPlan(in, draft));
  }

  private static OrderPlan entryPlan(GuardrailInput in, Draft d) {
    String posSide =
        in.account().positionMode() == GuardrailInput.PositionMode.NET
            ? "net"
            : d.buy ? "long" : "short";
    return new OrderPlan(
        in.decisionId(),
        in.symbol(),
        d.buy ? "buy" : "sell",
        posSide,
        in.execution().tradeMode(),
        "market",
        d.contracts,
        false,
        d.stopLoss(),
        d.takeProfit(),
        d.leverage,
        in.prices().reference(),
        in.prices().snapshotAt(),
        rationale(in.decision()),
        Optional.ofNullable(d.seedUsdt));
  }

  private static String rationale(Decision decision) {
    return decision.assessment().rationale();
  }
}
