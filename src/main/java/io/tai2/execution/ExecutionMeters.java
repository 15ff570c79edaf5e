package io.tai2.execution;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Execution's facts for Prometheus: guardrail blocks by rule ({@code tai2_guardrail_rejections_total}), the time from a
 * decision handed to execution until OKX accepted its order ({@code tai2_order_accepted_seconds}) and until it filled
 * ({@code tai2_order_filled_seconds}), and each fill's slippage against the snapshot price the decision saw
 * ({@code tai2_fill_slippage_bps}, adverse positive). Rule names are the guardrails' fixed names; symbols are tracked ones.
 */
public final class ExecutionMeters {

  private final MeterRegistry registry;
  private final Timer accepted;
  private final Timer filled;

  public ExecutionMeters(MeterRegistry registry) {
    this.registry = registry;
    this.accepted =
        latency(
            "tai2.order.accepted",
            "From the decision handed to execution (guardrails included) until OKX accepted the order");
    this.filled =
        latency(
            "tai2.order.filled",
            "From the decision handed to execution until the order's fill was read back from OKX");
  }

  /** Meters kept in memory only, for an executor outside the service (tests, benchmarks). */
  static ExecutionMeters unexported() {
    return new ExecutionMeters(new SimpleMeterRegistry());
  }

  /** A guardrail stopped a decision. */
  void blocked(String rule) {
    Counter.builder("tai2.guardrail.rejections")
        .description("Decisions stopped by a guardrail, by the rule that stopped them")
        .tag("rule", rule)
        .register(registry)
        .increment();
  }

  void accepted(Duration sinceDecision) {
    accepted.record(sinceDecision);
  }

  /** An order filled: its latency since the decision and its slippage against the decision's reference price. */
  void filled(OrderPlan plan, BigDecimal fillPrice, Duration sinceDecision) {
    filled.record(sinceDecision);
    DistributionSummary.builder("tai2.fill.slippage")
        .baseUnit("bps")
        .description(
            "Average fill price against the snapshot price the decision saw, in basis points; adverse is positive")
        .tags("symbol", plan.symbol(), "side", plan.side())
        .publishPercentiles(0.5, 0.9, 0.99)
        .register(registry)
        .record(Slippage.bps(plan.side(), plan.referencePrice(), fillPrice));
  }

  private Timer latency(String name, String description) {
    return Timer.builder(name)
        .description(description)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(2))
        .register(registry);
  }
}
