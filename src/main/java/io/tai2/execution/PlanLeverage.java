package io.tai2.execution;

import io.tai2.okx.OkxApiException;
import io.tai2.okx.OkxOutcomeUnknownException;
import io.tai2.okx.OkxTrading;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * An entry's leverage on OKX: set before the order leaves (unless a policy trusts what OKX confirmed recently, which the
 * service's default does not), and set back when OKX reports the filled entry at another one (docs/OPERATIONS.md
 * "Leverage").
 */
final class PlanLeverage {

  private final Duration trust;
  private final ExecutionAlerts alerts;

  PlanLeverage(Duration trust, ExecutionAlerts alerts) {
    this.trust = trust;
    this.alerts = alerts;
  }

  /** OKX confirmed the plan's leverage within the trust and reported nothing else since: setting it would change nothing. */
  boolean confirmed(OkxTrading trading, OrderPlan plan) {
    return !trust.isZero()
        && trading.leverageConfirmed(
            plan.symbol(), plan.leverage(), plan.tradeMode(), plan.posSide(), trust);
  }

  /** Sets the plan's leverage; the problem when OKX refused it or did not answer. */
  static Optional<String> set(OkxTrading trading, OrderPlan plan) {
    try {
      trading.setLeverage(plan.symbol(), plan.leverage(), plan.tradeMode(), plan.posSide());
      return Optional.empty();
    } catch (OkxApiException e) {
      return Optional.of(WriteFailures.reason(e));
    } catch (OkxOutcomeUnknownException e) {
      return Optional.of("no answer from OKX");
    }
  }

  /**
   * An entry this execution sent that OKX reports filled at another leverage than the plan's: someone changed it on OKX
   * (outside tai2) after OKX last confirmed it, and OKX told nobody. That report has already made {@link OkxTrading}
   * forget the confirmation; the leverage is set back to the plan's, which the guardrails approved, and the operator is
   * told.
   */
  void asPlanned(OkxTrading trading, OrderPlan plan, OrderResolver.Resolution resolution) {
    if (plan.reduceOnly() || !(resolution instanceof OrderResolver.Resolution.Filled filled)) {
      return;
    }
    Optional<BigDecimal> placedAt =
        filled.leverage().filter(l -> l.compareTo(plan.leverage()) != 0);
    if (placedAt.isEmpty()) {
      return;
    }
    Optional<String> problem = set(trading, plan);
    String what =
        OrderWords.plan(plan)
            + " filled at "
            + OrderWords.num(placedAt.get())
            + "x, not the planned "
            + OrderWords.num(plan.leverage())
            + "x ("
            + plan.tradeMode()
            + "): the leverage was changed on OKX outside tai2";
    alerts.warning(
        plan.symbol(),
        problem.isEmpty()
            ? what + "; set back to " + OrderWords.num(plan.leverage()) + "x"
            : what
                + ", and it could not be set back ("
                + problem.get()
                + "): check the position's leverage on OKX");
  }
}
