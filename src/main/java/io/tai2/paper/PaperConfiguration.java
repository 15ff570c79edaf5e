package io.tai2.paper;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.SettingsDocument;
import io.tai2.execution.DecisionExecution;
import io.tai2.history.DecisionRecord;
import io.tai2.history.PaperRepository;
import io.tai2.market.AccountSnapshot;
import io.tai2.market.MarketEngine;
import io.tai2.reasoning.PromptAccount;
import io.tai2.reasoning.ReasoningEngine;
import io.tai2.reasoning.ReasoningSettingsStore;
import java.time.Clock;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The paper accounts and the shadows, where the market engine runs (they follow its live prices). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tai2.market.enabled", havingValue = "true", matchIfMissing = true)
class PaperConfiguration {

  @Bean(initMethod = "start", destroyMethod = "close")
  PaperDesk paperDesk(
      MarketEngine market,
      PaperRepository repository,
      SettingsDocument<GuardrailSettings> guardrails,
      SettingsDocument<ExecutionSettings> execution) {
    return new PaperDesk(
        market,
        repository,
        guardrails::current,
        () -> execution.current().tradeMode(),
        Clock.systemUTC());
  }

  /** The dry run's book: {@link DecisionExecution} fills approved plans here while live execution is off. */
  @Bean
  PaperBook paperAccount(PaperDesk desk) {
    return desk.paper();
  }

  /** What a live prompt shows: the paper account while live execution is off, OKX's otherwise. */
  @Bean
  PromptAccount promptAccount(
      PaperDesk desk, MarketEngine market, SettingsDocument<ExecutionSettings> execution) {
    Clock clock = Clock.systemUTC();
    return new PromptAccount() {
      @Override
      public Optional<AccountSnapshot> current() {
        return execution.current().enabled()
            ? market.account()
            : Optional.of(desk.paper().snapshot(clock.instant(), execution.current().tradeMode()));
      }

      @Override
      public String source() {
        return execution.current().enabled() ? DecisionRecord.LIVE : DecisionRecord.PAPER;
      }
    };
  }

  @Bean
  ShadowRunner shadowRunner(
      ReasoningEngine reasoning,
      DecisionExecution execution,
      PaperDesk desk,
      ReasoningSettingsStore settings) {
    return new ShadowRunner(
        reasoning, execution, desk, () -> settings.current().shadows(), Clock.systemUTC());
  }
}
