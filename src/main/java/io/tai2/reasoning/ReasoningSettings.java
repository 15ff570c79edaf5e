package io.tai2.reasoning;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The reasoning engine's runtime settings: the model, the LLM timeout, an optional response-schema override, the active
 * prompt version, an optional A/B split, how long decisions are kept and the LLM spend allowed per UTC day (0 = no
 * limit). Persisted as the settings document {@value #DOCUMENT}.
 */
public record ReasoningSettings(
    String model,
    Duration llmTimeout,
    Optional<String> responseSchemaOverride,
    Optional<UUID> activeVersion,
    Optional<AbSplit> abSplit,
    int decisionRetentionDays,
    BigDecimal dailyCostBudgetUsd) {

  public static final String DOCUMENT = "reasoning";
  public static final String DEFAULT_MODEL = "openai/gpt-4o-mini";

  public ReasoningSettings {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank (an OpenRouter id such as " + DEFAULT_MODEL + ")");
    }
    if (llmTimeout.isNegative() || llmTimeout.isZero() || llmTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("LLM timeout must be between 1 s and 10 min, was " + llmTimeout.toSeconds() + " s");
    }
    if (decisionRetentionDays < 1) {
      throw new IllegalArgumentException("decision retention must be at least 1 day, was " + decisionRetentionDays);
    }
    if (dailyCostBudgetUsd == null || dailyCostBudgetUsd.signum() < 0) {
      throw new IllegalArgumentException("daily_cost_budget_usd must not be negative (0 = no limit), was " + dailyCostBudgetUsd);
    }
  }

  /** gpt-4o-mini, 120 s (reasoning models are slow), no override, no split, 90 days of decisions, no spend limit. */
  public static ReasoningSettings defaults() {
    return new ReasoningSettings(DEFAULT_MODEL, Duration.ofSeconds(120), Optional.empty(), Optional.empty(), Optional.empty(), 90, BigDecimal.ZERO);
  }

  public ReasoningSettings withActiveVersion(UUID id) {
    return new ReasoningSettings(model, llmTimeout, responseSchemaOverride, Optional.of(id), abSplit, decisionRetentionDays, dailyCostBudgetUsd);
  }

  public ReasoningSettings withLlmTimeout(Duration timeout) {
    return new ReasoningSettings(model, timeout, responseSchemaOverride, activeVersion, abSplit, decisionRetentionDays, dailyCostBudgetUsd);
  }

  public ReasoningSettings withDailyCostBudget(BigDecimal usd) {
    return new ReasoningSettings(model, llmTimeout, responseSchemaOverride, activeVersion, abSplit, decisionRetentionDays, usd);
  }

  /** Two versions compared: by symbol (each symbol always gets the same arm) or by cycle (alternating). */
  public record AbSplit(UUID versionA, UUID versionB, Mode mode) {
    public enum Mode {
      BY_SYMBOL,
      BY_CYCLE
    }
  }
}
