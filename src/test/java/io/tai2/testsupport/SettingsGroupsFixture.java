package io.tai2.testsupport;

import io.tai2.config.DisplaySettings;
import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.MarketRuntimeSettings;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.SchedulerSettings;
import io.tai2.config.SettingsDocument;
import io.tai2.config.SettingsGroup;
import io.tai2.config.SettingsJson;
import io.tai2.history.SettingsRepository;
import io.tai2.reasoning.ReasoningSettingsStore;
import io.tai2.settings.RuntimeSettingsService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The built-in settings groups as documents over {@code repo}, each at its defaults (demo OKX, the given trading pairs,
 * a 900 s snapshot age), for tests that build a {@link RuntimeSettingsService} over a real database.
 */
public final class SettingsGroupsFixture {

  private SettingsGroupsFixture() {}

  public static RuntimeSettingsService.Groups defaults(
      SettingsRepository repo, Clock clock, List<String> pairs, List<SettingsGroup> extra) {
    MarketRuntimeSettings m = new MarketRuntimeSettings(pairs, Duration.ofSeconds(5), true, 24);
    GuardrailSettings g = GuardrailSettings.defaults(Duration.ofSeconds(900));
    ExecutionSettings e = ExecutionSettings.defaults();
    SchedulerSettings s = SchedulerSettings.defaults();
    OkxRuntimeSettings o = new OkxRuntimeSettings(true, Optional.empty());
    DisplaySettings d = DisplaySettings.defaults();
    return new RuntimeSettingsService.Groups(
        new SettingsDocument<>(
            repo, "market", m, SettingsJson::write, json -> SettingsJson.market(json, m), clock),
        new SettingsDocument<>(
            repo,
            "guardrails",
            g,
            SettingsJson::write,
            json -> SettingsJson.guardrails(json, g),
            clock),
        new SettingsDocument<>(
            repo,
            "execution",
            e,
            SettingsJson::write,
            json -> SettingsJson.execution(json, e),
            clock),
        new ReasoningSettingsStore(repo, clock),
        new SettingsDocument<>(
            repo,
            "scheduler",
            s,
            SettingsJson::write,
            json -> SettingsJson.scheduler(json, s),
            clock),
        new SettingsDocument<>(
                repo, "okx", o, SettingsJson::write, json -> SettingsJson.okx(json, o), clock)
            .shownAs(SettingsJson::writePublic),
        new SettingsDocument<>(
            repo, "ui", d, SettingsJson::write, json -> SettingsJson.display(json, d), clock),
        extra);
  }
}
