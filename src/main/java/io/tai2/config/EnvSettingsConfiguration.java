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
}
