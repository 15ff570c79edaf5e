package io.tai2.lab;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.SettingsDocument;
import io.tai2.history.BacktestRunRepository;
import io.tai2.history.CandleRepository;
import io.tai2.history.LlmReplyCacheRepository;
import io.tai2.reasoning.LlmAccess;
import io.tai2.reasoning.PromptVersions;
import io.tai2.reasoning.ReasoningSettingsStore;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/** The backtest jobs of the service and the engine they run. */
@Configuration(proxyBeanMethods = false)
class BacktestJobsConfiguration {

  @Bean(destroyMethod = "close")
  BacktestJobs backtestJobs(
      BacktestRunRepository runs, ObjectProvider<BacktestRunner> runner, ObjectMapper json) {
    BacktestJobs jobs =
        new BacktestJobs(
            runs, () -> Optional.ofNullable(runner.getIfAvailable()), json, Clock.systemUTC());
    jobs.recover();
    return jobs;
  }

  /** The engine: the candle store, the saved settings and the service's LLM (an LLM decider needs its API key). */
  @Bean
  BacktestRunner backtestRunner(
      CandleRepository candles,
      SettingsDocument<GuardrailSettings> guardrails,
      SettingsDocument<ExecutionSettings> execution,
      LlmAccess llm,
      LlmReplyCacheRepository cache,
      PromptVersions versions,
      ReasoningSettingsStore reasoning) {
    return new StoreBacktestRunner(
        candles,
        guardrails::current,
        execution::current,
        () ->
            Optional.of(
                new LlmDeciders.Wiring(
                    llm.hasApiKey() ? Optional.of(llm.client()) : Optional.empty(),
                    cache,
                    versions,
                    reasoning.current(),
                    Clock.systemUTC())));
  }
}
