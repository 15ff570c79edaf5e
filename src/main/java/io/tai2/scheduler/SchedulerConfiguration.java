package io.tai2.scheduler;

import io.tai2.config.SchedulerSettings;
import io.tai2.config.SettingsDocument;
import io.tai2.execution.DecisionExecution;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.history.RiskLockRepository;
import io.tai2.history.SchedulerOutcomeRepository;
import io.tai2.market.MarketEngine;
import io.tai2.paper.ShadowRunner;
import io.tai2.reasoning.Prompt;
import io.tai2.reasoning.ReasoningEngine;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The prompt scheduler in the service, over the reasoning engine and execution (only where the market engine runs). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tai2.market.enabled", havingValue = "true", matchIfMissing = true)
class SchedulerConfiguration {

  @Bean(initMethod = "start", destroyMethod = "close")
  PromptScheduler promptScheduler(
      SettingsDocument<SchedulerSettings> settings,
      MarketEngine market,
      ReasoningEngine reasoning,
      DecisionExecution execution,
      RiskLockRepository locks,
      SchedulerOutcomeRepository outcomes,
      ExecutionFeedbackRepository feedback,
      ShadowRunner shadows,
      ApplicationEventPublisher events) {
    CycleRunner cycles =
        symbol -> {
          // the shadows start first so they read the same snapshot as the live arm; the cycle ends
          // when all have answered
          CompletableFuture<List<String>> shadowed = shadows.start(symbol);
          String shadowLines = "";
          try {
            ReasoningEngine.Cycle cycle = reasoning.run(ReasoningEngine.PromptRequest.of(symbol));
            Prompt p = cycle.prompt();
            DecisionExecution.Outcome outcome =
                execution.handle(
                    cycle.decisionId(), p.symbol(), cycle.decision(), p.price(), p.snapshotAt());
            shadowLines = shadowLines(shadowed);
            return new CycleRunner.Ran(
                cycle.decisionId(),
                cycle.status()
                    + " "
                    + cycle.decision().action()
                    + " → "
                    + outcome.kind()
                    + ": "
                    + outcome.status()
                    + shadowLines);
          } finally {
            shadowed.join();
          }
        };
    return new PromptScheduler(
        settings,
        market::symbols,
        cycles,
        locks,
        outcomes,
        feedback,
        Clock.systemUTC(),
        events::publishEvent);
  }

  private static String shadowLines(CompletableFuture<List<String>> shadowed) {
    List<String> lines = shadowed.join();
    return lines.isEmpty() ? "" : "; " + String.join("; ", lines);
  }
}
