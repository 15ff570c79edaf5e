package io.tai2.execution;

import io.tai2.reasoning.Decision;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The rules about an entry's stop-loss and take-profit, judged against the price the model saw (the executor rebases
 * them to the fill with {@link ProtectionMath}), and the price-drift gate between that price and now.
 */
final class ProtectionRules {

  private static final BigDecimal BPS = new BigDecimal("10000");

  private ProtectionRules() {}

  /**
   * Every entry needs a stop-loss when {@code require_protection} is on (the default). A stop on the wrong side is
   * nudged to max(tick, 0.1 %) beyond the price (docs/spec/tai2-upstream.md §6.9); one that cannot be nudged blocks the entry.
   */
  static Optional<GuardrailVerdict> stopLoss(GuardrailInput in, Draft d, Trail t) {
    Optional<BigDecimal> requested = entry(in).flatMap(StopsAndTargets::stopLoss);
    String action = d.buy ? "BUY" : "SELL";
    if (requested.isEmpty()) {
      if (in.guardrails().requireProtection()) {
        return Optional.of(
            t.block(
                "stop_loss_required",
                "none",
                "a "
                    + action
                    + " without a stop-loss: every entry needs one"
                    + " (require_protection); re-prompt, or HOLD"));
      }
      t.skipped("stop_loss_required", "no stop-loss, and require_protection is off");
      return Optional.empty();
    }
    BigDecimal ref = in.prices().reference();
    BigDecimal tick = in.instrument().tickSz();
    boolean above = !d.buy;
    BigDecimal sl = requested.get();
    BigDecimal quantised = ProtectionMath.quantise(sl, tick, above);
    if (ProtectionMath.onSide(quantised, ref, above)) {
      d.stopLoss = quantised;
      if (quantised.compareTo(sl) != 0) {
        t.adjusted(
            "stop_loss",
            Amounts.plain(sl),
            Amounts.plain(quantised),
            "rounded to the tick " + Amounts.plain(tick) + ", away from the price");
      } else {
        t.passed(
            "stop_loss",
            Amounts.plain(sl),
            "stop-loss " + where(above) + " the price " + Amounts.plain(ref));
      }
      return Optional.empty();
    }
    Optional<BigDecimal> nudged = ProtectionMath.nudge(ref, tick, above);
    if (nudged.isEmpty()) {
      return Optional.of(
          t.block(
              "stop_loss",
              Amounts.plain(sl),
              "the stop-loss "
                  + Amounts.plain(sl)
                  + " of a "
                  + action
                  + " must be "
                  + where(above)
                  + " the price "
                  + Amounts.plain(ref)
                  + " and cannot be nudged there (tick "
                  + Amounts.plain(tick)
                  + "): re-prompt with a valid stop-loss"));
    }
    d.stopLoss = nudged.get();
    t.adjusted(
        "stop_loss",
        Amounts.plain(sl),
        Amounts.plain(nudged.get()),
        "the stop-loss "
            + Amounts.plain(sl)
            + " of a "
            + action
            + " is not "
            + where(above)
            + " the price "
            + Amounts.plain(ref)
            + ": nudged to "
            + Amounts.plain(nudged.get())
            + " (max(tick, 0.1 %) "
            + where(above)
            + " it)");
    return Optional.empty();
  }

  /** A take-profit is optional, so one on the wrong side is dropped rather than blocking the entry (docs/spec/tai2-upstream.md §6.2 step 19). */
  static Optional<GuardrailVerdict> takeProfit(GuardrailInput in, Draft d, Trail t) {
    Optional<BigDecimal> requested = entry(in).flatMap(StopsAndTargets::takeProfit);
    if (requested.isEmpty()) {
      t.skipped("take_profit", "no take-profit");
      return Optional.empty();
    }
    BigDecimal ref = in.prices().reference();
    BigDecimal tick = in.instrument().tickSz();
    boolean above = d.buy;
    BigDecimal tp = requested.get();
    BigDecimal quantised = ProtectionMath.quantise(tp, tick, above);
    if (!ProtectionMath.onSide(quantised, ref, above)) {
      t.adjusted(
          "take_profit",
          Amounts.plain(tp),
          "none",
          "the take-profit "
              + Amounts.plain(tp)
              + " of a "
              + (d.buy ? "BUY" : "SELL")
              + " is not "
              + where(above)
              + " the price "
              + Amounts.plain(ref)
              + ": dropped; the entry keeps its stop-loss");
      return Optional.empty();
    }
    d.takeProfit = quantised;
    if (quantised.compareTo(tp) != 0) {
      t.adjusted(
          "take_profit",
          Amounts.plain(tp),
          Amounts.plain(quantised),
          "rounded to the tick " + Amounts.plain(tick) + ", away from the price");
    } else {
      t.passed(
          "take_profit",
          Amounts.plain(tp),
          "take-profit " + where(above) + " the price " + Amounts.plain(ref));
    }
    return Optional.empty();
  }

  /**
   * A take-profit that, when hit, earns less than the taker fees of entry and exit turns a winning call into a loss: the
   * entry is blocked (not the take-profit dropped), because its stated target is not worth trading.
   * Gain = |TP − P| ÷ P; fees = fee × (1 + TP ÷ P) (entry at P, exit at TP), both per unit of entry notional.
   */
  static Optional<GuardrailVerdict> feeAwareTakeProfit(GuardrailInput in, Draft d, Trail t) {
    if (!in.guardrails().feeAwareTakeProfit()) {
      t.skipped("fee_aware_take_profit", "fee-aware take-profit is off");
      return Optional.empty();
    }
    if (d.takeProfit().isEmpty() || in.takerFeeRate().isEmpty()) {
      t.skipped(
          "fee_aware_take_profit",
          d.takeProfit().isEmpty() ? "no take-profit" : "taker fee rate unknown");
      return Optional.empty();
    }
    BigDecimal ref = in.prices().reference();
    BigDecimal tp = d.takeProfit;
    BigDecimal fee = in.takerFeeRate().get().abs();
    BigDecimal gain = ProtectionMath.ratio(tp, ref);
    BigDecimal fees = fee.multiply(BigDecimal.ONE.add(tp.divide(ref, MathContext.DECIMAL128)));
    String value = "gain " + pct(gain) + " vs fees " + pct(fees);
    if (gain.compareTo(fees) <= 0) {
      return Optional.of(
          t.block(
              "fee_aware_take_profit",
              value,
              "the take-profit "
                  + Amounts.plain(tp)
                  + " is "
                  + pct(gain)
                  + " from the price "
                  + Amounts.plain(ref)
                  + "; the round-trip taker fees ("
                  + Amounts.pct(fee)
                  + " on entry and exit) take "
                  + pct(fees)
                  + ": a hit would lose money; widen the take-profit or HOLD"));
    }
    t.passed("fee_aware_take_profit", value, "the take-profit covers the round-trip taker fees");
    return Optional.empty();
  }

  /** The price may not have moved more than the limits (bps, and × ATR when known) since the snapshot the model saw. */
  static Optional<GuardrailVerdict> priceDrift(GuardrailInput in, Draft d, Trail t) {
    int bpsLimit = in.guardrails().maxPriceDriftBps();
    BigDecimal atrLimit = in.guardrails().maxPriceDriftAtr();
    BigDecimal ref = in.prices().reference();
    BigDecimal now = in.prices().current();
    BigDecimal drift = now.subtract(ref).abs();
    BigDecimal bps = drift.multiply(BPS).divide(ref, 2, RoundingMode.HALF_UP);
    String value =
        Amounts.plain(ref) + " → " + Amounts.plain(now) + " (" + Amounts.plain(bps) + " bps)";
    Optional<BigDecimal> atr = in.prices().atr().filter(a -> a.signum() > 0);
    boolean atrGate = atrLimit.signum() > 0 && atr.isPresent();
    if (bpsLimit <= 0 && !atrGate) {
      t.skipped(
          "price_drift", "no drift limit set" + (atrLimit.signum() > 0 ? " (ATR unknown)" : ""));
      return Optional.empty();
    }
    // compared unrounded: drift × 10000 > limit × price
    if (bpsLimit > 0
        && drift.multiply(BPS).compareTo(ref.multiply(BigDecimal.valueOf(bpsLimit))) > 0) {
      return Optional.of(
          t.block(
              "price_drift",
              value,
              "price moved "
                  + Amounts.plain(bps)
                  + " bps since the snapshot ("
                  + Amounts.plain(ref)
                  + " → "
                  + Amounts.plain(now)
                  + ", limit "
                  + bpsLimit
                  + " bps): re-prompt"));
    }
    if (atrGate && drift.compareTo(atrLimit.multiply(atr.get())) > 0) {
      BigDecimal multiple = drift.divide(atr.get(), 2, RoundingMode.HALF_UP);
      return Optional.of(
          t.block(
              "price_drift",
              value,
              "price moved "
                  + Amounts.plain(multiple)
                  + " × ATR since the snapshot ("
                  + Amounts.plain(ref)
                  + " → "
                  + Amounts.plain(now)
                  + ", ATR "
                  + Amounts.plain(atr.get())
                  + ", limit "
                  + Amounts.plain(atrLimit)
                  + " × ATR): re-prompt"));
    }
    t.passed(
        "price_drift",
        value,
        "within "
            + (bpsLimit > 0 ? bpsLimit + " bps" : "")
            + (bpsLimit > 0 && atrGate ? " and " : "")
            + (atrGate ? Amounts.plain(atrLimit) + " × ATR" : ""));
    return Optional.empty();
  }

  /** The stop-loss and take-profit of an entry decision. */
  record StopsAndTargets(Optional<BigDecimal> stopLoss, Optional<BigDecimal> takeProfit) {}

  private static Optional<StopsAndTargets> entry(GuardrailInput in) {
    return switch (in.decision()) {
      case Decision.Buy b -> Optional.of(new StopsAndTargets(b.stopLoss(), b.takeProfit()));
      case Decision.Sell s -> Optional.of(new StopsAndTargets(s.stopLoss(), s.takeProfit()));
      default -> Optional.empty();
    };
  }

  private static String where(boolean above) {
    return above ? "above" : "below";
  }

  private static String pct(BigDecimal fraction) {
    return Amounts.pct(fraction.setScale(6, RoundingMode.HALF_UP));
  }
}
