package io.tai2.reasoning;

import io.tai2.config.SettingsDocument;
import io.tai2.config.StrictJson;
import io.tai2.history.SettingsRepository;
import java.time.Clock;
import java.util.UUID;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.ObjectNode;

/** Holds the current {@link ReasoningSettings}; a change is persisted with an audit entry, then swapped in atomically. */
public final class ReasoningSettingsStore {

  private final SettingsDocument<ReasoningSettings> document;

  public ReasoningSettingsStore(SettingsRepository repository, Clock clock) {
    this.document =
        new SettingsDocument<>(
            repository,
            ReasoningSettings.DOCUMENT,
            ReasoningSettings.defaults(),
            ReasoningSettingsStore::write,
            ReasoningSettingsStore::read,
            clock);
  }

  /** The saved document itself, for changes saved together with other settings. */
  public SettingsDocument<ReasoningSettings> document() {
    return document;
  }

  public ReasoningSettings current() {
    return document.current();
  }

  /** Applies {@code change}, saves the result (validated by the record) with an audit entry and makes it current. */
  public ReasoningSettings update(UnaryOperator<ReasoningSettings> change, String actor) {
    return document.update(change, actor);
  }

  /** The saved document of these settings. */
  public static String write(ReasoningSettings s) {
    ObjectNode doc = ContextJson.object();
    doc.put("model", s.model());
    doc.put("llm_timeout_seconds", s.llmTimeout().toSeconds());
    doc.put("response_schema_override", s.responseSchemaOverride().orElse(null));
    doc.put("active_version", s.activeVersion().map(UUID::toString).orElse(null));
    s.abSplit()
        .ifPresent(
            ab -> {
              ObjectNode split = doc.putObject("ab_split");
              split.put("version_a", ab.versionA().toString());
              split.put("version_b", ab.versionB().toString());
              split.put("mode", ab.mode().name());
            });
    doc.put("decision_retention_days", s.decisionRetentionDays());
    doc.put("daily_cost_budget_usd", s.dailyCostBudgetUsd());
    var shadows = doc.putArray("shadows");
    s.shadows()
        .forEach(
            sh ->
                shadows
                    .addObject()
                    .put("model", sh.model())
                    .put("prompt_version_id", sh.promptVersionId().toString()));
    doc.put("challenger_version", s.challengerVersion().map(UUID::toString).orElse(null));
    doc.put("timeframe", s.timeframe());
    return ContextJson.write(doc);
  }

  /** The settings in a saved document, read through the same typed record as a change; a field left out takes its default. */
  public static ReasoningSettings read(String json) {
    return new ReasoningPatch.Change(
            StrictJson.stored(json, ReasoningPatch.class), false, false, false)
        .applyTo(ReasoningSettings.defaults());
  }
}
