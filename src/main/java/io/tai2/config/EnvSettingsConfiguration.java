package io.tai2.config;

import io.tai2.history.SettingsRepository;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Exposes the validated start-up settings to the other modules. */
@Configuration(proxyBeanMethods = false)
class EnvSettingsConfiguration {

  @Bean
  EnvSettings envSettings(Environment environment) {
    return EnvSettingsParser.parse(environment::getProperty);
  }

  /** The guardrails, saved as the document "guardrails"; the first time the defaults with {@code SNAPSHOT_MAX_AGE_SECONDS}. */
  @Bean
  SettingsDocument<GuardrailSettings> guardrailSettings(
      EnvSettings env, SettingsRepository settings) {
    GuardrailSettings defaults =
        GuardrailSettings.defaults(Duration.ofSeconds(env.snapshotMaxAgeSeconds()));
    return new SettingsDocument<>(
        settings,
        "guardrails",
        defaults,
        SettingsJson::write,
        json -> SettingsJson.guardrails(json, defaults),
        Clock.systemUTC());
  }

  /** Execution settings, saved as the document "execution"; the first time live execution off (paper), cross, market. */
  @Bean
  SettingsDocument<ExecutionSettings> executionSettings(SettingsRepository settings) {
    ExecutionSettings defaults = ExecutionSettings.defaults();
    return new SettingsDocument<>(
        settings,
        "execution",
        defaults,
        SettingsJson::write,
        json -> SettingsJson.execution(json, defaults),
        Clock.systemUTC());
  }

  /** The prompt scheduler's switch and cadence, saved as the document "scheduler"; the first time off, every 5 minutes. */
  @Bean
  SettingsDocument<SchedulerSettings> schedulerSettings(SettingsRepository settings) {
    SchedulerSettings defaults = SchedulerSettings.defaults();
    return new SettingsDocument<>(
        settings,
        "scheduler",
        defaults,
        SettingsJson::write,
        json -> SettingsJson.scheduler(json, defaults),
        Clock.systemUTC());
  }

  /** How the pages show times (the zone), saved as the document "ui"; the first time UTC. */
  @Bean
  SettingsDocument<DisplaySettings> displaySettings(SettingsRepository settings) {
    DisplaySettings defaults = DisplaySettings.defaults();
    return new SettingsDocument<>(
        settings,
        "ui",
        defaults,
        SettingsJson::write,
        json -> SettingsJson.display(json, defaults),
        Clock.systemUTC());
  }

  /** Trading pairs, poller cadence and the live WebSocket switch, saved as "market"; the first time from the environment. */
  @Bean
  SettingsDocument<MarketRuntimeSettings> marketSettings(
      EnvSettings env, SettingsRepository settings) {
    MarketRuntimeSettings defaults = MarketRuntimeSettings.of(env);
    return new SettingsDocument<>(
        settings,
        "market",
        defaults,
        SettingsJson::write,
        json -> SettingsJson.market(json, defaults),
        Clock.systemUTC());
  }

  @Bean
  SecretVault secretVault(EnvSettings env) {
    return new SecretVault(env.secretKey());
  }

  /** The OKX environment and runtime-entered keys (sealed), saved as "okx"; shown and audited without any key. */
  @Bean
  SettingsDocument<OkxRuntimeSettings> okxSettings(EnvSettings env, SettingsRepository settings) {
    OkxRuntimeSettings defaults = OkxRuntimeSettings.of(env);
    return new SettingsDocument<>(
            settings,
            "okx",
            defaults,
            SettingsJson::write,
            json -> SettingsJson.okx(json, defaults),
            Clock.systemUTC())
        .shownAs(SettingsJson::writePublic);
  }
}
