package io.tai2.execution;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tai2.history.OrderRecord;
import io.tai2.history.OrderRepository;
import io.tai2.history.OrderStatus;
import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import io.tai2.market.AccountSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The risk facts an alert needs, for Prometheus: whether each risk lock is engaged ({@code tai2_risk_lock_engaged{lock}},
 * 1 or 0, {@code lock} = {@code daily_loss} or {@code kill_switch}) and how many orders were sent without a known outcome
 * ({@code tai2_orders_outcome_unknown}: status SENT or UNKNOWN, which only a lookup by client order id may resolve, never a
 * resend). Both are read from the database at scrape time, so they show what the guardrails and the reconciler see, also
 * right after a restart; a failing read shows NaN for that scrape. {@code tai2_positions_unprotected} counts the open
 * positions the account feed shows without a stop-loss.
 */
final class RiskMeters {

  static final List<String> LOCKS = List.of(RiskLock.DAILY_LOSS, RiskLock.KILL_SWITCH);

  RiskMeters(
      MeterRegistry registry,
      RiskLockRepository locks,
      OrderRepository orders,
      Supplier<Optional<AccountSnapshot>> account) {
    Gauge.builder(
            "tai2.positions.unprotected",
            () -> account.get().map(a -> (double) a.unprotectedPositions()).orElse(Double.NaN))
        .description(
            "Open positions without a stop-loss on OKX (attached, or a protection order on the closing side); NaN before the account is read")
        .strongReference(true)
        .register(registry);
    for (String lock : LOCKS) {
      Gauge.builder(
              "tai2.risk.lock.engaged",
              () -> locks.find(lock).filter(RiskLock::locked).isPresent() ? 1 : 0)
          .description("1 while the risk lock blocks new orders (daily_loss, kill_switch), else 0")
          .tag("lock", lock)
          .strongReference(true)
          .register(registry);
    }
    Gauge.builder(
            "tai2.orders.outcome.unknown",
            () -> orders.unresolved().stream().filter(RiskMeters::outcomeUnknown).count())
        .description(
            "Orders sent whose outcome OKX has not confirmed yet (status SENT or UNKNOWN); the reconciler resolves them by client order id")
        .strongReference(true)
        .register(registry);
  }

  private static boolean outcomeUnknown(OrderRecord order) {
    return order.status() == OrderStatus.SENT || order.status() == OrderStatus.UNKNOWN;
  }
}
