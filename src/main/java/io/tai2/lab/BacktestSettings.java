package io.tai2.lab;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.FieldError;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.InvalidFieldsException;
import io.tai2.config.SettingsPatches;
import io.tai2.config.SettingsRules;
import io.tai2.config.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The settings a backtest's guardrails apply: the saved (or default) guardrail and execution groups with a partial
 * settings document over them, read as strictly as {@code PUT /api/settings} reads it and checked by the same rules.
 * Other groups have no meaning in a backtest and are refused by name.
 */
public record BacktestSettings(GuardrailSettings guardrails, ExecutionSettings execution) {

  public static final List<String> GROUPS = List.of("guardrails", "execution");

  /**
   * @throws InvalidFieldsException naming each field that is unknown or out of range
   */
  public static BacktestSettings apply(
      Optional<String> document, GuardrailSettings guardrails, ExecutionSettings execution) {
    if (document.isEmpty() || document.get().isBlank()) {
      return new BacktestSettings(guardrails, execution);
    }
    JsonNode patch = StrictJson.parse(document.get());
    List<FieldError> errors = new ArrayList<>();
    if (!patch.isObject()) {
      throw new InvalidFieldsException(
          "settings", "must be a JSON object such as {\"guardrails\":{\"max_leverage\":3}}");
    }
    for (String name : patch.propertyNames()) {
      if (!GROUPS.contains(name)) {
        errors.add(
            new FieldError(
                "settings." + name, "not a group a backtest uses; the groups are " + GROUPS));
      }
    }
    GuardrailSettings g = guardrails;
    ExecutionSettings e = execution;
    try {
      if (patch.has("guardrails")) {
        SettingsPatches.Guardrails gp =
            StrictJson.bind(
                patch.get("guardrails"), SettingsPatches.Guardrails.class, "guardrails");
        List<FieldError> found = SettingsRules.guardrails(gp, guardrails, symbol -> true);
        errors.addAll(found);
        g = found.isEmpty() ? gp.applyTo(guardrails) : guardrails;
      }
      if (patch.has("execution")) {
        SettingsPatches.Execution ep =
            StrictJson.bind(patch.get("execution"), SettingsPatches.Execution.class, "execution");
        List<FieldError> found = SettingsRules.execution(ep, execution, symbol -> true);
        errors.addAll(found);
        e = found.isEmpty() ? ep.applyTo(execution) : execution;
      }
    } catch (InvalidFieldsException x) {
      errors.addAll(x.errors());
    } catch (IllegalArgumentException x) {
      errors.add(new FieldError("settings", String.valueOf(x.getMessage())));
    }
    if (!errors.isEmpty()) {
      throw new InvalidFieldsException(errors);
    }
    return new BacktestSettings(g, e);
  }
}
