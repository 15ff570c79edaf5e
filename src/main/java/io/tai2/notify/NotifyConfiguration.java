package io.tai2.notify;

import io.tai2.config.EnvSettings;
import io.tai2.config.ExecutionSettings;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.SchedulerSettings;
import io.tai2.config.SecretVault;
import io.tai2.config.SettingsDocument;
import io.tai2.execution.KillSwitch;
import io.tai2.execution.RiskMonitor;
import io.tai2.execution.TradingEvent;
import io.tai2.history.DecisionRecorded;
import io.tai2.history.DecisionRepository;
import io.tai2.history.EquityRepository;
import io.tai2.history.RiskLockRepository;
import io.tai2.history.SettingsRepository;
import io.tai2.history.TradeRepository;
import io.tai2.market.MarketEngine;
import io.tai2.scheduler.SchedulerPaused;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The notifier, the Telegram command poller and the watches, all following the runtime group {@code notify} (seeded from
 * the environment): a saved change re-points the channels and the poller at once. The listeners feed the notifier from
 * execution's trading events, the scheduler's pause and the decision log; each only maps and queues, and never throws
 * into the code that published the event.
 */
@Configuration(proxyBeanMethods = false)
class NotifyConfiguration {

  private static final Logger log = LoggerFactory.getLogger(NotifyConfiguration.class);

  @Bean
  SettingsDocument<NotifySettings> notifySettings(EnvSettings env, SettingsRepository settings) {
    NotifySettings defaults = NotifySettings.of(env.notifications());
    return new SettingsDocument<>(
            settings,
            NotifySettingsGroup.NAME,
            defaults,
            NotifySettings::write,
            json -> NotifySettings.read(json, defaults),
            Clock.systemUTC())
        .shownAs(s -> NotifySettings.writePublic(s, env.notifications()));
  }

  @Bean
  NotifySettingsGroup notifySettingsGroup(
      SettingsDocument<NotifySettings> settings, SecretVault vault) {
    return new NotifySettingsGroup(settings, vault);
  }

  @Bean
  TradingNotifications tradingNotifications(SettingsDocument<OkxRuntimeSettings> okx) {
    return new TradingNotifications(() -> okx.current().environment());
  }

  @Bean(destroyMethod = "close")
  Notifier notifier(
      SettingsDocument<NotifySettings> settings,
      EnvSettings env,
      SecretVault vault,
      TelegramBot bot) {
    HttpClient http = JsonPost.defaultClient();
    Notifier notifier =
        Notifier.start(
            List.of(),
            settings.current().events(),
            Notifier.WINDOW,
            Notifier.BACKOFF,
            Clock.systemUTC());
    Runnable apply =
        () -> {
          NotifyTargets targets = NotifyTargets.of(settings.current(), env.notifications(), vault);
          notifier.reconfigure(channels(targets, http), settings.current().events());
          bot.serve(targets.telegram());
        };
    apply.run();
    settings.onChange((before, after) -> apply.run());
    return notifier;
  }

  private static List<NotificationChannel> channels(NotifyTargets targets, HttpClient http) {
    List<NotificationChannel> channels = new ArrayList<>();
    targets
        .telegram()
        .ifPresent(t -> channels.add(new TelegramChannel(t.apiUrl(), t.token(), t.chatId(), http)));
    targets.webhooks().forEach(url -> channels.add(new WebhookChannel(url, http)));
    return channels;
  }

  @Bean(destroyMethod = "close")
  TelegramBot telegramBot(
      SettingsDocument<OkxRuntimeSettings> okx,
      ObjectProvider<MarketEngine> market,
      SettingsDocument<ExecutionSettings> execution,
      SettingsDocument<SchedulerSettings> scheduler,
      RiskLockRepository locks,
      TradeRepository trades,
      DecisionRepository decisions,
      EquityRepository equity,
      ObjectProvider<KillSwitch> killSwitch,
      ObjectProvider<RiskMonitor> monitor) {
    ServiceDesk desk =
        new ServiceDesk(
            new ServiceDesk.Sources(
                () -> okx.current().environment(),
                () -> Optional.ofNullable(market.getIfAvailable()),
                execution::current,
                scheduler::current,
                locks,
                trades,
                decisions,
                equity,
                () -> Optional.ofNullable(killSwitch.getIfAvailable()),
                () -> Optional.ofNullable(monitor.getIfAvailable())),
            Clock.systemUTC());
    return new TelegramBot(
        new TelegramCommands(desk, new Confirmations(Clock.systemUTC())),
        JsonPost.defaultClient(),
        Clock.systemUTC());
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  NotifyWatches notifyWatches(
      SettingsDocument<NotifySettings> settings,
      Notifier notifier,
      TradingNotifications words,
      ObjectProvider<MarketEngine> market,
      TradeRepository trades,
      DecisionRepository decisions,
      EquityRepository equity) {
    StaleDataWatch stale =
        new StaleDataWatch(
            () -> StaleDataWatch.TickerAges.of(Optional.ofNullable(market.getIfAvailable())),
            settings::current,
            notifier,
            words,
            Clock.systemUTC());
    DailySummary summary =
        new DailySummary(
            trades,
            decisions,
            equity,
            () -> Optional.ofNullable(market.getIfAvailable()).flatMap(MarketEngine::account),
            words);
    return new NotifyWatches(stale, summary, notifier, Clock.systemUTC());
  }

  @Bean
  NotifyListeners notifyListeners(
      Notifier notifier, TradingNotifications words, SettingsDocument<NotifySettings> settings) {
    return new NotifyListeners(
        notifier, words, new LlmFailureStreak(settings::current, notifier, words));
  }

  /** Runs on the publisher's thread (Spring events are synchronous): each only maps and queues, and swallows its own failure. */
  record NotifyListeners(Notifier notifier, TradingNotifications words, LlmFailureStreak llm) {
    @EventListener
    void on(TradingEvent event) {
      guarded("trading_event", () -> notifier.publish(words.of(event)));
    }

    @EventListener
    void on(SchedulerPaused paused) {
      guarded(
          "scheduler_paused",
          () ->
              notifier.publish(
                  words.note(
                      NotificationKind.SCHEDULER_OFF,
                      "",
                      "Prompt scheduler switched off: "
                          + paused.reason()
                          + ". It stays off until you turn it on again (after releasing the lock).",
                      Map.of("reason", paused.reason()),
                      paused.at())));
    }

    @EventListener
    void on(DecisionRecorded decision) {
      guarded("decision_recorded", () -> llm.on(decision));
    }

    private static void guarded(String source, Runnable action) {
      try {
        action.run();
      } catch (RuntimeException e) {
        log.warn("event=notification_listener_failed source={} error=\"{}\"", source, e.toString());
      }
    }
  }
}
