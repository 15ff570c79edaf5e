package io.tai2.reasoning;

import io.micrometer.core.instrument.MeterRegistry;
import io.tai2.config.EnvSettings;
import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.SettingsDocument;
import io.tai2.history.DecisionRepository;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.history.PromptVersionRepository;
import io.tai2.history.RiskLockRepository;
import io.tai2.history.SettingsRepository;
import io.tai2.market.MarketEngine;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The reasoning engine's beans. Settings, prompt versions and the LLM endpoint always exist; the engine and the chat
 * need the market engine, so they follow {@code tai2.market.enabled}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ReasoningConfiguration {

  @Bean
  ReasoningSettingsStore reasoningSettings(SettingsRepository settings) {
    return new ReasoningSettingsStore(settings, Clock.systemUTC());
  }

  @Bean
  PromptVersions promptVersions(
      PromptVersionRepository repository, ReasoningSettingsStore settings) {
    PromptVersions versions = new PromptVersions(repository, settings, Clock.systemUTC());
    versions.seedDefault();
    return versions;
  }

  @Bean
  ReasoningMeters reasoningMeters(
      MeterRegistry registry, ReasoningSettingsStore settings, DecisionRepository decisions) {
    ReasoningMeters meters = new ReasoningMeters(registry);
    meters.budget(
        () -> settings.current().dailyCostBudgetUsd(),
        () -> decisions.costSince(Clock.systemUTC().instant().truncatedTo(ChronoUnit.DAYS)));
    return meters;
  }

  @Bean
  LlmAccess llmAccess(EnvSettings env, ReasoningMeters meters) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return new LlmAccess(
        LlmClientConfig.of(env.openrouterBaseUrl(), env.openrouterApiKey()),
        http,
        Clock.systemUTC(),
        meters);
  }

  @Bean
  DecisionRetention decisionRetention(
      DecisionRepository decisions, ReasoningSettingsStore settings) {
    return new DecisionRetention(decisions, settings, Clock.systemUTC());
  }

  @Bean
  @ConditionalOnProperty(name = "tai2.market.enabled", havingValue = "true", matchIfMissing = true)
  ReasoningEngine reasoningEngine(
      MarketEngine market,
      PromptVersions versions,
      ReasoningSettingsStore settings,
      SettingsDocument<GuardrailSettings> guardrails,
      SettingsDocument<ExecutionSettings> execution,
      ExecutionFeedbackRepository feedback,
      RiskLockRepository locks,
      DecisionRepository decisions,
      LlmAccess llm,
      ReasoningMeters meters,
      ObjectProvider<PromptAccount> account) {
    // the dry run's account view comes from the paper module, which depends on this one: looked up
    // on every prompt
    PromptAccount exchange = PromptAccount.exchange(market);
    return new ReasoningEngine(
        market,
        versions,
        settings,
        guardrails::current,
        execution::current,
        feedback,
        locks,
        decisions,
        llm,
        Clock.systemUTC(),
        meters,
        PromptAccount.lazy(() -> account.getIfAvailable(() -> exchange)));
  }

  @Bean
  @ConditionalOnProperty(name = "tai2.market.enabled", havingValue = "true", matchIfMissing = true)
  EngineChat engineChat(
      ReasoningEngine engine,
      DecisionRepository decisions,
      LlmAccess llm,
      ReasoningSettingsStore settings) {
    return new EngineChat(engine, decisions, llm, settings);
  }
}
