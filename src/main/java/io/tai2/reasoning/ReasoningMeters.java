package io.tai2.reasoning;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reasoning's facts for Prometheus: decisions by outcome and symbol ({@code tai2_decisions_total}), and per model the LLM's
 * latency ({@code tai2_llm_latency_seconds}), tokens ({@code tai2_llm_tokens_total}) and cost
 * ({@code tai2_llm_cost_usd_total}), and how much of the day's budget is spent ({@code tai2_llm_budget_spent_ratio}). Tags come from fixed sets or tracked symbols; models are the operator's choice, and
 * beyond {@value #MAX_MODELS} distinct ones the rest share the tag {@code other}, so no series grows without bound.
 */
public final class ReasoningMeters {

  static final int MAX_MODELS = 20;
  static final String OTHER_MODEL = "other";

  private final MeterRegistry registry;
  private final Set<String> models = ConcurrentHashMap.newKeySet();

  public ReasoningMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Meters kept in memory only, for a client or engine outside the service (tests, benchmarks). */
  static ReasoningMeters unexported() {
    return new ReasoningMeters(new SimpleMeterRegistry());
  }

  /**
   * The outcome tag of a recorded decision: the action for a valid reply (BUY, SELL, HOLD, CLOSE), REJECTED for a reply
   * that failed validation, ERROR when no reply came (the decision log's {@code LLM_ERROR}).
   */
  static String outcome(String status, Decision.Action action) {
    return switch (status) {
      case "ACCEPTED" -> action.name();
      case "REJECTED" -> "REJECTED";
      default -> "ERROR";
    };
  }

  /** One cycle recorded in the decision log. */
  void decided(String symbol, String status, Decision.Action action) {
    Counter.builder("tai2.decisions")
        .description(
            "Prompt cycles recorded in the decision log, by outcome (BUY, SELL, HOLD, CLOSE, REJECTED, ERROR)")
        .tags("symbol", symbol, "outcome", outcome(status, action))
        .register(registry)
        .increment();
  }

  /** A completion answered: its latency over every attempt, and the tokens and cost the endpoint reported. */
  void llmReplied(String model, LlmReply reply) {
    String tag = modelTag(model);
    latency(tag, "ok").record(reply.latency());
    reply.usage().promptTokens().ifPresent(n -> tokens(tag, "prompt").increment(n));
    reply.usage().completionTokens().ifPresent(n -> tokens(tag, "completion").increment(n));
    reply
        .usage()
        .costUsd()
        .ifPresent(
            cost ->
                Counter.builder("tai2.llm.cost")
                    .baseUnit("usd")
                    .description("LLM cost as the endpoint reported it, in USD")
                    .tag("model", tag)
                    .register(registry)
                    .increment(cost.doubleValue()));
  }

  /** A completion failed for good (after its retries); {@code elapsed} is the time spent on it. */
  void llmFailed(String model, Duration elapsed) {
    latency(modelTag(model), "error").record(elapsed);
  }

  /**
   * How much of the day's LLM budget ({@code reasoning.daily_cost_budget_usd}) is spent since 00:00 UTC, as a fraction
   * ({@code tai2_llm_budget_spent_ratio}: 1 = spent, cycles stop until midnight UTC); NaN while no budget is set. Read at
   * scrape time from the decision log, as the budget check reads it.
   */
  void budget(Supplier<BigDecimal> budgetUsd, Supplier<BigDecimal> spentTodayUsd) {
    Gauge.builder(
            "tai2.llm.budget.spent",
            () -> {
              BigDecimal budget = budgetUsd.get();
              return budget.signum() <= 0
                  ? Double.NaN
                  : spentTodayUsd.get().doubleValue() / budget.doubleValue();
            })
        .baseUnit("ratio")
        .description(
            "Share of the day's LLM budget spent since 00:00 UTC (1 = spent: cycles stop until midnight UTC); NaN without a budget")
        .strongReference(true)
        .register(registry);
  }

  /** The model as a tag: itself while fewer than {@value #MAX_MODELS} distinct models were seen, else {@code other}. */
  String modelTag(String model) {
    String name = model == null || model.isBlank() ? "unknown" : model.strip();
    if (models.contains(name) || (models.size() < MAX_MODELS && models.add(name))) {
      return name;
    }
    return OTHER_MODEL;
  }

  private Timer latency(String model, String result) {
    return Timer.builder("tai2.llm.latency")
        .description(
            "One chat completion from the first attempt to the reply (or the final failure), retries included")
        .tags("model", model, "result", result)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(50))
        .maximumExpectedValue(Duration.ofMinutes(10))
        .register(registry);
  }

  private Counter tokens(String model, String kind) {
    return Counter.builder("tai2.llm.tokens")
        .description("LLM tokens as the endpoint reported them, by kind (prompt, completion)")
        .tags("model", model, "kind", kind)
        .register(registry);
  }
}
