package io.tai2.reasoning;

import io.tai2.config.FieldError;
import io.tai2.config.SettingsRules;
import io.tai2.config.StrictJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A change to the {@link ReasoningSettings} as the operator sends it (a field left out keeps its value). Only
 * {@code response_schema_override}, {@code ab_split} and {@code challenger_version} may be {@code null}, which removes
 * them; {@code shadows} is replaced as a whole ({@code []} removes every shadow); the active version cannot be unset;
 * {@code timeframe} must be one the market engine computes. {@link #check} is the one place these fields are validated.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReasoningPatch(
    String model,
    Long llmTimeoutSeconds,
    String responseSchemaOverride,
    UUID activeVersion,
    Split abSplit,
    Integer decisionRetentionDays,
    BigDecimal dailyCostBudgetUsd,
    List<ShadowEntry> shadows,
    UUID challengerVersion,
    String timeframe) {

  private static final Set<String> MODES = Set.of("by_symbol", "by_cycle", "BY_SYMBOL", "BY_CYCLE");

  /** An A/B split as sent: both versions and the mode are required. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Split(UUID versionA, UUID versionB, String mode) {}

  /** A shadow as sent: a model id and the prompt version it runs. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ShadowEntry(String model, UUID promptVersionId) {}

  /** The patch of a {@code reasoning} section, and which removable fields it sets to {@code null}. */
  public record Change(
      ReasoningPatch patch,
      boolean removesSchemaOverride,
      boolean removesAbSplit,
      boolean removesChallenger) {

    public static Change of(JsonNode section) {
      ReasoningPatch patch =
          StrictJson.bind(
              section,
              ReasoningPatch.class,
              ReasoningSettings.DOCUMENT,
              Set.of("response_schema_override", "ab_split", "challenger_version"));
      return new Change(
          patch,
          section.has("response_schema_override") && patch.responseSchemaOverride() == null,
          section.has("ab_split") && patch.abSplit() == null,
          section.has("challenger_version") && patch.challengerVersion() == null);
    }

    /**
     * Every refused field, under {@code reasoning.}. {@code listedModels} is the LLM endpoint's model list when it could
     * be fetched; a new model must be in it then, and is taken on trust otherwise. {@code computedTimeframes} are the
     * timeframes the market engine keeps candles and indicators for: the only ones a cycle can analyse.
     */
    public List<FieldError> check(
        ReasoningSettings current,
        Predicate<UUID> versionExists,
        Supplier<Optional<Set<String>>> listedModels,
        List<String> computedTimeframes) {
      SettingsRules.Errors e = new SettingsRules.Errors(ReasoningSettings.DOCUMENT + ".");
      ReasoningPatch p = patch;
      if (p.model() != null) {
        String model = p.model().strip();
        if (!ModelId.valid(model)) {
          e.add("model", ModelId.rule());
        } else if (!model.equals(current.model())) {
          listedModels
              .get()
              .filter(listed -> !listed.contains(model))
              .ifPresent(
                  listed ->
                      e.add(
                          "model",
                          "the LLM endpoint does not list the model "
                              + model
                              + " (see GET /llm/models)"));
        }
      }
      e.within("llm_timeout_seconds", p.llmTimeoutSeconds());
      if (p.responseSchemaOverride() != null
          && !p.responseSchemaOverride().isBlank()
          && ResponseSchema.check(p.responseSchemaOverride())
              instanceof SchemaCheck.Unusable(String reason)) {
        e.add("response_schema_override", reason);
      }
      if (p.activeVersion() != null && !versionExists.test(p.activeVersion())) {
        e.add("active_version", "prompt version " + p.activeVersion() + " does not exist");
      }
      Split ab = p.abSplit();
      if (ab != null) {
        if (ab.versionA() == null || ab.versionB() == null) {
          e.add(
              "ab_split." + (ab.versionA() == null ? "version_a" : "version_b"),
              "an A/B split needs version_a and version_b");
        } else if (ab.versionA().equals(ab.versionB())) {
          e.add(
              "ab_split.version_b",
              "must differ from version_a: an A/B split compares two versions");
        } else {
          for (String arm : List.of("version_a", "version_b")) {
            UUID id = arm.equals("version_a") ? ab.versionA() : ab.versionB();
            if (!versionExists.test(id)) {
              e.add("ab_split." + arm, "prompt version " + id + " does not exist");
            }
          }
        }
        if (ab.mode() != null && !MODES.contains(ab.mode())) {
          e.add("ab_split.mode", "must be by_symbol or by_cycle");
        }
      }
      checkShadows(p.shadows(), versionExists, listedModels, e);
      if (p.challengerVersion() != null && !versionExists.test(p.challengerVersion())) {
        e.add("challenger_version", "prompt version " + p.challengerVersion() + " does not exist");
      }
      if (p.timeframe() != null && !computedTimeframes.contains(p.timeframe())) {
        e.add(
            "timeframe",
            "must be one of the timeframes the market engine computes: "
                + String.join(", ", computedTimeframes)
                + " (OKX bar names; case matters)");
      }
      e.within("decision_retention_days", p.decisionRetentionDays());
      e.within("daily_cost_budget_usd", p.dailyCostBudgetUsd());
      return e.errors();
    }

    private static void checkShadows(
        List<ShadowEntry> shadows,
        Predicate<UUID> versionExists,
        Supplier<Optional<Set<String>>> listedModels,
        SettingsRules.Errors e) {
      if (shadows == null) {
        return;
      }
      if (shadows.size() > ReasoningSettings.MAX_SHADOWS) {
        e.add(
            "shadows",
            "at most "
                + ReasoningSettings.MAX_SHADOWS
                + " shadows (each is another LLM call per live cycle), was "
                + shadows.size());
        return;
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < shadows.size(); i++) {
        ShadowEntry s = shadows.get(i);
        String at = "shadows." + i + ".";
        if (s == null) {
          e.add("shadows." + i, "must be an object {\"model\": …, \"prompt_version_id\": …}");
          continue;
        }
        if (!ModelId.valid(s.model() == null ? null : s.model().strip())) {
          e.add(at + "model", ModelId.rule());
        } else {
          listedModels
              .get()
              .filter(listed -> !listed.contains(s.model().strip()))
              .ifPresent(
                  listed ->
                      e.add(
                          at + "model",
                          "the LLM endpoint does not list the model "
                              + s.model().strip()
                              + " (see GET /llm/models)"));
        }
        if (s.promptVersionId() == null) {
          e.add(at + "prompt_version_id", "a shadow needs the prompt version it runs");
        } else if (!versionExists.test(s.promptVersionId())) {
          e.add(
              at + "prompt_version_id",
              "prompt version " + s.promptVersionId() + " does not exist");
        }
        if (s.model() != null
            && s.promptVersionId() != null
            && !seen.add(s.model().strip() + " @ " + s.promptVersionId())) {
          e.add("shadows." + i, "the same model and prompt version are listed twice");
        }
      }
    }

    /** The settings after this change; call only once {@link #check} found nothing. */
    public ReasoningSettings applyTo(ReasoningSettings c) {
      ReasoningPatch p = patch;
      Optional<String> override =
          removesSchemaOverride
              ? Optional.empty()
              : p.responseSchemaOverride() != null
                  ? Optional.of(p.responseSchemaOverride()).filter(x -> !x.isBlank())
                  : c.responseSchemaOverride();
      Optional<ReasoningSettings.AbSplit> split =
          removesAbSplit
              ? Optional.empty()
              : p.abSplit() != null
                  ? Optional.of(
                      new ReasoningSettings.AbSplit(
                          p.abSplit().versionA(), p.abSplit().versionB(), mode(p.abSplit().mode())))
                  : c.abSplit();
      return new ReasoningSettings(
          p.model() != null ? p.model().strip() : c.model(),
          p.llmTimeoutSeconds() != null
              ? Duration.ofSeconds(p.llmTimeoutSeconds())
              : c.llmTimeout(),
          override,
          p.activeVersion() != null ? Optional.of(p.activeVersion()) : c.activeVersion(),
          split,
          p.decisionRetentionDays() != null ? p.decisionRetentionDays() : c.decisionRetentionDays(),
          p.dailyCostBudgetUsd() != null ? p.dailyCostBudgetUsd() : c.dailyCostBudgetUsd(),
          p.shadows() != null
              ? p.shadows().stream()
                  .map(s -> new ReasoningSettings.Shadow(s.model().strip(), s.promptVersionId()))
                  .toList()
              : c.shadows(),
          removesChallenger
              ? Optional.empty()
              : p.challengerVersion() != null
                  ? Optional.of(p.challengerVersion())
                  : c.challengerVersion(),
          p.timeframe() != null ? p.timeframe() : c.timeframe());
    }

    private static ReasoningSettings.AbSplit.Mode mode(String text) {
      return text == null
          ? ReasoningSettings.AbSplit.Mode.BY_SYMBOL
          : ReasoningSettings.AbSplit.Mode.valueOf(text.toUpperCase(Locale.ROOT));
    }
  }
}
