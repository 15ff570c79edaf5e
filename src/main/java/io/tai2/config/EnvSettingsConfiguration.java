package io.tai2.config;

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
  SettingsDocument<GuardrailSettings> guardrailSettings(EnvSettings env, io.tai2.history.SettingsRepository settings) {
    GuardrailSettings defaults = GuardrailSettings.defaults(java.time.Duration.ofSeconds(env.snapshotMaxAgeSeconds()));
    return new SettingsDocument<>(settings, "guardrails", defaults, SettingsJson::write, json -> SettingsJson.guardrails(json, defaults),
        java.time.Clock.systemUTC());
  }

  /** Execution settings, saved as the document "execution"; the first time live execution off (paper), cross, market. */
  @Bean
  SettingsDocument<ExecutionSettings> executionSettings(io.tai2.history.SettingsRepository settings) {
    ExecutionSettings defaults = ExecutionSettings.defaults();
    return new SettingsDocument<>(settings, "execution", defaults, SettingsJson::write, json -> SettingsJson.execution(json, defaults),
        java.time.Clock.systemUTC());
  }

  /** The prompt scheduler's switch and cadence, saved as the document "scheduler"; the first time off, every 5 minutes. */
  @Bean
  SettingsDocument<SchedulerSettings> schedulerSettings(io.tai2.history.SettingsRepository settings) {
    SchedulerSettings defaults = SchedulerSettings.defaults();
    return new SettingsDocument<>(settings, "scheduler", defaults, SettingsJson::write, json -> SettingsJson.scheduler(json, defaults),
        java.time.Clock.systemUTC());
  }

  /** How the pages show times (the zone), saved as the document "ui"; the first time UTC. */
  @Bean
  SettingsDocument<DisplaySettings> displaySettings(io.tai2.history.SettingsRepository settings) {
    DisplaySettings defaults = DisplaySettings.defaults();
    return new SettingsDocument<>(settings, "ui", defaults, SettingsJson::write, json -> SettingsJson.display(json, defaults),
        java.time.Clock.systemUTC());
  }

  /** Trading pairs, poller cadence and the live WebSocket switch, saved as "market"; the first time from the environment. */
  @Bean
  SettingsDocument<MarketRuntimeSettings> marketSettings(EnvSettings env, io.tai2.history.SettingsRepository settings) {
    MarketRuntimeSettings defaults = MarketRuntimeSettings.of(env);
    return new SettingsDocument<>(settings, "market", defaults, SettingsJson::write, json -> SettingsJson.market(json, defaults),
        java.time.Clock.systemUTC());
  }

  @Bean
  SecretVault secretVault(EnvSettings env) {
    return new SecretVault(env.secretKey());
  }

  /** The OKX environment and runtime-entered keys (sealed), saved as "okx"; shown and audited without any key. */
  @Bean
  SettingsDocument<OkxRuntimeSettings> okxSettings(EnvSettings env, io.tai2.history.SettingsRepository settings) {
    OkxRuntimeSettings defaults = OkxRuntimeSettings.of(env);
    return new SettingsDocument<>(settings, "okx", defaults, SettingsJson::write, json -> SettingsJson.okx(json, defaults),
        java.time.Clock.systemUTC()).shownAs(SettingsJson::writePublic);
  }
}
