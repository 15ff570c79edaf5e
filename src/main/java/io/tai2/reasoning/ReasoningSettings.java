package io.tai2.reasoning;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The reasoning engine's runtime settings: the model, the LLM timeout, an optional response-schema override, the active
 * prompt version, an optional A/B split, how long decisions are kept, the LLM spend allowed per UTC day (0 = no
 * limit), the shadow models asked beside every live cycle (never trading) and the version marked as challenger to the
 * champion (the active version), and the timeframe a cycle analyses when none is asked for (the scheduler's, the
 * shadows', the prompt preview's). Persisted as the settings document {@value #DOCUMENT}.
 */
public record ReasoningSettings(
    String model,
    Duration llmTimeout,
    Optional<String> responseSchemaOverride,
    Optional<UUID> activeVersion,
    Optional<AbSplit> abSplit,
    int decisionRetentionDays,
    BigDecimal dailyCostBudgetUsd,
    List<Shadow> shadows,
    Optional<UUID> challengerVersion,
    String timeframe) {

  /** At most this many shadows: each one is another LLM call per live cycle. */
  public static final int MAX_SHADOWS = 3;

  public static final String DOCUMENT = "reasoning";
  public static final String DEFAULT_MODEL = "openai/gpt-4o-mini";
  public static final String DEFAULT_TIMEFRAME = "4H";

  /** The shape of an OKX bar name (15m, 4H, 1D, 1Dutc); whether the market engine computes it is checked by the change. */
  private static final Pattern BAR = Pattern.compile("[1-9][0-9]{0,2}[mHDWM](utc)?");

  public ReasoningSettings {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException(
          "model must not be blank (an OpenRouter id such as " + DEFAULT_MODEL + ")");
    }
    if (llmTimeout.isNegative()
        || llmTimeout.isZero()
        || llmTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException(
          "LLM timeout must be between 1 s and 10 min, was " + llmTimeout.toSeconds() + " s");
    }
    if (decisionRetentionDays < 1) {
      throw new IllegalArgumentException(
          "decision retention must be at least 1 day, was " + decisionRetentionDays);
    }
    if (dailyCostBudgetUsd == null || dailyCostBudgetUsd.signum() < 0) {
      throw new IllegalArgumentException(
          "daily_cost_budget_usd must not be negative (0 = no limit), was " + dailyCostBudgetUsd);
    }
    shadows = List.copyOf(shadows);
    if (shadows.size() > MAX_SHADOWS) {
      throw new IllegalArgumentException(
          "at most " + MAX_SHADOWS + " shadows, was " + shadows.size());
    }
    if (new HashSet<>(shadows).size() != shadows.size()) {
      throw new IllegalArgumentException(
          "the same shadow (model and prompt version) is listed twice");
    }
    if (timeframe == null || !BAR.matcher(timeframe).matches()) {
      throw new IllegalArgumentException(
          "timeframe must be an OKX bar name such as 15m, 1H, 4H or 1D, was " + timeframe);
    }
  }

  /** gpt-4o-mini, 120 s (reasoning models are slow), no override, no split, 90 days of decisions, no spend limit, 4H. */
  public static ReasoningSettings defaults() {
    return new ReasoningSettings(
        DEFAULT_MODEL,
        Duration.ofSeconds(120),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        90,
        BigDecimal.ZERO,
        List.of(),
        Optional.empty(),
        DEFAULT_TIMEFRAME);
  }

  public ReasoningSettings withActiveVersion(UUID id) {
    return new ReasoningSettings(
        model,
        llmTimeout,
        responseSchemaOverride,
        Optional.of(id),
        abSplit,
        decisionRetentionDays,
        dailyCostBudgetUsd,
        shadows,
        challengerVersion,
        timeframe);
  }

  public ReasoningSettings withLlmTimeout(Duration timeout) {
    return new ReasoningSettings(
        model,
        timeout,
        responseSchemaOverride,
        activeVersion,
        abSplit,
        decisionRetentionDays,
        dailyCostBudgetUsd,
        shadows,
        challengerVersion,
        timeframe);
  }

  public ReasoningSettings withDailyCostBudget(BigDecimal usd) {
    return new ReasoningSettings(
        model,
        llmTimeout,
        responseSchemaOverride,
        activeVersion,
        abSplit,
        decisionRetentionDays,
        usd,
        shadows,
        challengerVersion,
        timeframe);
  }

  public ReasoningSettings withAbSplit(Optional<AbSplit> split) {
    return new ReasoningSettings(
        model,
        llmTimeout,
        responseSchemaOverride,
        activeVersion,
        split,
        decisionRetentionDays,
        dailyCostBudgetUsd,
        shadows,
        challengerVersion,
        timeframe);
  }

  public ReasoningSettings withShadows(List<Shadow> list) {
    return new ReasoningSettings(
        model,
        llmTimeout,
        responseSchemaOverride,
        activeVersion,
        abSplit,
        decisionRetentionDays,
        dailyCostBudgetUsd,
        list,
        challengerVersion,
        timeframe);
  }

  public ReasoningSettings withChallenger(Optional<UUID> version) {
    return new ReasoningSettings(
        model,
        llmTimeout,
        responseSchemaOverride,
        activeVersion,
        abSplit,
        decisionRetentionDays,
        dailyCostBudgetUsd,
        shadows,
        version,
        timeframe);
  }

  public ReasoningSettings withTimeframe(String bar) {
    return new ReasoningSettings(
        model,
        llmTimeout,
        responseSchemaOverride,
        activeVersion,
        abSplit,
        decisionRetentionDays,
        dailyCostBudgetUsd,
        shadows,
        challengerVersion,
        bar);
  }

  /** The model and prompt version a shadow asks each live cycle; its decisions fill a paper account of its own. */
  public record Shadow(String model, UUID promptVersionId) {
    public Shadow {
      ModelId.require("shadows.model", model);
      Objects.requireNonNull(promptVersionId, "promptVersionId");
    }

    /** The shadow's name on pages and its paper account's key: {@code model @ version id}. */
    public String key() {
      return model + " @ " + promptVersionId;
    }
  }

  /** Two versions compared: by symbol (each symbol always gets the same arm) or by cycle (alternating). */
  public record AbSplit(UUID versionA, UUID versionB, Mode mode) {
    public enum Mode {
      BY_SYMBOL,
      BY_CYCLE
    }
  }
}
