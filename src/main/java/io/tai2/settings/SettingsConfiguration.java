package io.tai2.settings;

import io.tai2.config.DisplaySettings;
import io.tai2.config.EnvSettings;
import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.MarketRuntimeSettings;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.SchedulerSettings;
import io.tai2.config.SecretVault;
import io.tai2.config.SettingsDocument;
import io.tai2.config.SettingsGroup;
import io.tai2.config.TradingAccountGate;
import io.tai2.history.OrderRepository;
import io.tai2.history.RiskLockRepository;
import io.tai2.history.SettingsRepository;
import io.tai2.market.MarketEngine;
import io.tai2.market.MarketSettings;
import io.tai2.reasoning.LlmAccess;
import io.tai2.reasoning.PromptVersions;
import io.tai2.reasoning.ReasoningSettingsStore;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The whole-settings service; trading pairs are checked against the market engine's OKX instrument list, the analysis
 * timeframe against the timeframes it computes.
 */
@Configuration(proxyBeanMethods = false)
class SettingsConfiguration {

  @Bean
  RuntimeSettingsService runtimeSettingsService(
      SettingsDocument<MarketRuntimeSettings> market,
      SettingsDocument<GuardrailSettings> guardrails,
      SettingsDocument<ExecutionSettings> execution,
      ReasoningSettingsStore reasoning,
      SettingsDocument<SchedulerSettings> scheduler,
      SettingsDocument<OkxRuntimeSettings> okx,
      SettingsDocument<DisplaySettings> ui,
      ObjectProvider<SettingsGroup> groups,
      SecretVault vault,
      EnvSettings env,
      SettingsRepository repository,
      RiskLockRepository locks,
      ObjectProvider<MarketEngine> engine,
      PromptVersions versions,
      OrderRepository orders,
      LlmAccess llm,
      ObjectProvider<TradingAccountGate> tradingAccount) {
    RuntimeSettingsService.Instruments instruments =
        () ->
            Optional.ofNullable(engine.getIfAvailable())
                .filter(MarketEngine::instrumentsLoaded)
                .map(e -> (Predicate<String>) symbol -> e.instrument(symbol).isPresent());
    RuntimeSettingsService.Groups all =
        new RuntimeSettingsService.Groups(
            market,
            guardrails,
            execution,
            reasoning,
            scheduler,
            okx,
            ui,
            groups.orderedStream().toList());
    RuntimeSettingsService.Checks checks =
        new RuntimeSettingsService.Checks(
            instruments,
            id -> versions.find(id).isPresent(),
            () -> orders.unresolved().size(),
            llm::listedModelIds,
            () ->
                Optional.ofNullable(engine.getIfAvailable())
                    .map(MarketEngine::timeframes)
                    .orElseGet(() -> MarketSettings.defaults().timeframes()),
            // looked up per check: the gate lives in the subaccount module, which is off without
            // the market engine
            () -> tradingAccount.getIfAvailable(() -> TradingAccountGate.OPEN).refusal());
    return new RuntimeSettingsService(all, vault, env.okxDemo(), repository, locks, checks);
  }
}
