package io.tai2.execution;

import io.micrometer.core.instrument.MeterRegistry;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.SettingsDocument;
import io.tai2.history.EquityRepository;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.history.OrderRepository;
import io.tai2.history.RiskLockRepository;
import io.tai2.market.AccountSnapshot;
import io.tai2.market.MarketEngine;
import io.tai2.okx.OkxConnection;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** The risk side of execution in the service: equity watch with the daily-loss lock, and the kill switch. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "tai2.market.enabled", havingValue = "true", matchIfMissing = true)
class RiskConfiguration {

  @Bean
  RiskMonitor riskMonitor(
      MarketEngine market,
      EquityRepository equity,
      RiskLockRepository locks,
      ExecutionFeedbackRepository feedback,
      SettingsDocument<GuardrailSettings> guardrails,
      ApplicationEventPublisher events) {
    return new RiskMonitor(
        () -> market.account().map(AccountSnapshot::equityUsd),
        equity,
        locks,
        feedback,
        guardrails::current,
        Clock.systemUTC(),
        events::publishEvent);
  }

  @Bean
  RiskSchedule riskSchedule(RiskMonitor monitor) {
    return new RiskSchedule(monitor);
  }

  @Bean
  KillSwitch killSwitch(
      OkxConnection okx,
      RiskLockRepository locks,
      ExecutionFeedbackRepository feedback,
      ApplicationEventPublisher events) {
    return new KillSwitch(
        () -> okx.current().trading(), locks, feedback, Clock.systemUTC(), events::publishEvent);
  }

  @Bean
  RiskMeters riskMeters(
      MeterRegistry registry,
      RiskLockRepository locks,
      OrderRepository orders,
      MarketEngine market) {
    return new RiskMeters(registry, locks, orders, market::account);
  }

  /** Runs the monitor: a check every 15 s (the account feed's REST cadence), downsampling hourly. */
  record RiskSchedule(RiskMonitor monitor) {
    @Scheduled(initialDelay = 15_000, fixedDelay = 15_000)
    void check() {
      monitor.check();
    }

    @Scheduled(initialDelay = 300_000, fixedDelay = 3_600_000)
    void downsample() {
      monitor.downsample();
    }
  }
}
