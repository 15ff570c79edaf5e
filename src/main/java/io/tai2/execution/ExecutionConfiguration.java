package io.tai2.execution;

import io.micrometer.core.instrument.MeterRegistry;
import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.SettingsDocument;
import io.tai2.config.TradingAccountGate;
import io.tai2.history.DecisionRepository;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.history.FundingPaymentRepository;
import io.tai2.history.OrderRepository;
import io.tai2.history.RiskLockRepository;
import io.tai2.history.TradeActivityRepository;
import io.tai2.history.TradeRepository;
import io.tai2.market.MarketEngine;
import io.tai2.okx.OkxConnection;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The executor and the reconciler in the service; the reconciler, then the recorder of exchange fills, run shortly after
 * start and then every minute.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "tai2.market.enabled", havingValue = "true", matchIfMissing = true)
class ExecutionConfiguration {

  @Bean
  SymbolLocks symbolLocks() {
    return new SymbolLocks();
  }

  @Bean
  ExecutionRecords executionRecords(
      OrderRepository orders,
      TradeRepository trades,
      TradeActivityRepository activity,
      ExecutionFeedbackRepository feedback,
      DecisionRepository decisions,
      TransactionTemplate transactions) {
    return new ExecutionRecords(orders, trades, activity, feedback, decisions, transactions);
  }

  @Bean
  ExecutionMeters executionMeters(MeterRegistry registry) {
    return new ExecutionMeters(registry);
  }

  @Bean
  OrderExecutor orderExecutor(
      OkxConnection okx,
      ExecutionRecords records,
      SymbolLocks locks,
      ExecutionMeters meters,
      ObjectProvider<TradingAccountGate> tradingAccount) {
    // the gate (the subaccount module's check) is asked per entry: without it in this process every
    // account may trade
    TradingAccountGate gate =
        () -> tradingAccount.getIfAvailable(() -> TradingAccountGate.OPEN).refusal();
    return new OrderExecutor(
        okx, records, locks, ExecutionPolicy.defaults(), Clock.systemUTC(), meters, gate);
  }

  @Bean
  DecisionExecution decisionExecution(
      MarketEngine market,
      OkxConnection okx,
      OrderExecutor executor,
      SettingsDocument<GuardrailSettings> guardrails,
      SettingsDocument<ExecutionSettings> execution,
      RiskLockRepository locks,
      TradeActivityRepository activity,
      DecisionRepository decisions,
      ExecutionFeedbackRepository feedback,
      SettingsDocument<OkxRuntimeSettings> okxSettings,
      ExecutionMeters meters,
      ObjectProvider<PaperTrading> paper,
      ApplicationEventPublisher events) {
    // the paper account lives in the paper module, which depends on this one: looked up when a
    // decision needs it
    DecisionExecution decisionExecution =
        new DecisionExecution(
            market,
            okx,
            executor,
            guardrails::current,
            execution::current,
            locks,
            activity,
            decisions,
            feedback,
            Clock.systemUTC(),
            meters,
            () -> Optional.ofNullable(paper.getIfAvailable()),
            events::publishEvent);
    okxSettings.onChange(
        (before, after) ->
            decisionExecution
                .forgetExchangeFacts()); // another account may have another mode and fee
    return decisionExecution;
  }

  @Bean
  Reconciler reconciler(
      OkxConnection okx,
      ExecutionRecords records,
      SymbolLocks locks,
      MarketEngine market,
      ApplicationEventPublisher events) {
    return new Reconciler(
        okx,
        records,
        locks,
        ExecutionPolicy.defaults(),
        Clock.systemUTC(),
        market::instrument,
        events::publishEvent);
  }

  @Bean
  ExchangeFills exchangeFills(
      OkxConnection okx,
      TradeRepository trades,
      OrderRepository orders,
      FundingPaymentRepository funding,
      MarketEngine market,
      ApplicationEventPublisher events) {
    return new ExchangeFills(
        okx, trades, orders, funding, Clock.systemUTC(), market::instrument, events::publishEvent);
  }

  @Bean
  ReconcileSchedule reconcileSchedule(Reconciler reconciler, ExchangeFills exchangeFills) {
    return new ReconcileSchedule(reconciler, exchangeFills);
  }

  /**
   * Start-up reconciliation (once the instruments are loaded), then every minute, each followed by recording the fills
   * and funding OKX made on its own; a failing run is logged and retried.
   */
  record ReconcileSchedule(Reconciler reconciler, ExchangeFills exchangeFills) {
    private static final Logger log = LoggerFactory.getLogger(ReconcileSchedule.class);

    @Scheduled(initialDelay = 10_000, fixedDelay = 60_000)
    void run() {
      try {
        reconciler.reconcile();
      } catch (RuntimeException e) {
        log.warn("event=reconcile_failed error={}", e.toString());
      }
      try {
        exchangeFills.record();
      } catch (RuntimeException e) {
        log.warn("event=exchange_fills_failed error={}", e.toString());
      }
    }
  }
}
