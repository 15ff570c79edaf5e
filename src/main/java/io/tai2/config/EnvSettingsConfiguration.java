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

  /** The guardrails: the defaults with {@code SNAPSHOT_MAX_AGE_SECONDS} until runtime settings make them editable. */
  @Bean
  GuardrailSettings guardrailSettings(EnvSettings env) {
    return GuardrailSettings.defaults(java.time.Duration.ofSeconds(env.snapshotMaxAgeSeconds()));
  }

  /** Execution settings: live execution off (paper), cross margin, market orders. */
  @Bean
  ExecutionSettings executionSettings() {
    return ExecutionSettings.defaults();
  }
}
