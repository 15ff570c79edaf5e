package io.tai2.settings;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.EnvSettings;
import io.tai2.config.MarketRuntimeSettings;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.SecretVault;
import io.tai2.config.SchedulerSettings;
import io.tai2.config.SettingsDocument;
import io.tai2.history.OrderRepository;
import io.tai2.history.RiskLockRepository;
import io.tai2.history.SettingsRepository;
import io.tai2.market.MarketEngine;
import io.tai2.reasoning.LlmAccess;
import io.tai2.reasoning.LlmModel;
import io.tai2.reasoning.PromptVersions;
import io.tai2.reasoning.ReasoningSettingsStore;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The whole-settings service; trading pairs are checked against the market engine's OKX instrument list. */
@Configuration(proxyBeanMethods = false)
class SettingsConfiguration {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SettingsConfiguration.class);

  @Bean
  RuntimeSettingsService runtimeSettingsService(SettingsDocument<MarketRuntimeSettings> market, SettingsDocument<GuardrailSettings> guardrails,
      SettingsDocument<ExecutionSettings> execution, ReasoningSettingsStore reasoning, SettingsDocument<SchedulerSettings> scheduler,
      SettingsDocument<OkxRuntimeSettings> okx, SecretVault vault, EnvSettings env,
      SettingsRepository repository, RiskLockRepository locks, ObjectProvider<MarketEngine> engine, PromptVersions versions,
      OrderRepository orders, LlmAccess llm) {
    RuntimeSettingsService.Instruments instruments = () -> Optional.ofNullable(engine.getIfAvailable())
        .filter(MarketEngine::instrumentsLoaded)
        .map(e -> (Predicate<String>) symbol -> e.instrument(symbol).isPresent());
    return new RuntimeSettingsService(market, guardrails, execution, reasoning, scheduler, okx, vault, env.okxDemo(), repository, locks, instruments,
        id -> versions.find(id).isPresent(), () -> orders.unresolved().size(), () -> listedModels(llm));
  }

  /** How long a settings save waits for the model list (cached an hour once fetched) before taking the model on trust. */
  static final java.time.Duration MODELS_WAIT = java.time.Duration.ofSeconds(3);

  /**
   * The LLM endpoint's model ids; empty when it lists none or cannot be asked within {@link #MODELS_WAIT}: saving
   * settings must not depend on the LLM endpoint being up (the fetch goes on and fills the client's cache).
   */
  static Optional<Set<String>> listedModels(LlmAccess llm) {
    try {
      Set<String> ids = java.util.concurrent.CompletableFuture.supplyAsync(() -> llm.client().models())
          .get(MODELS_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
          .stream().map(LlmModel::id).collect(java.util.stream.Collectors.toUnmodifiableSet());
      return ids.isEmpty() ? Optional.empty() : Optional.of(ids);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
      log.info("event=llm_models_unavailable reason={}", e.getClass().getSimpleName());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
