package io.tai2.notify;

import io.tai2.config.EnvSettings;
import io.tai2.config.NotificationSettings;
import io.tai2.execution.TradingEvent;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** The notifier with the channels the environment names, and the listener that feeds it execution's events. */
@Configuration(proxyBeanMethods = false)
class NotifyConfiguration {

  private static final Logger log = LoggerFactory.getLogger(NotifyConfiguration.class);

  @Bean(destroyMethod = "close")
  Notifier notifier(EnvSettings env) {
    NotificationSettings settings = env.notifications();
    HttpClient http = JsonPost.defaultClient();
    List<NotificationChannel> channels = new ArrayList<>();
    settings.telegramBotToken().ifPresent(token ->
        channels.add(new TelegramChannel(settings.telegramApiUrl(), token, settings.telegramChatId().orElseThrow(), http)));
    settings.webhookUrls().forEach(url -> channels.add(new WebhookChannel(url, http)));
    Notifier notifier = Notifier.start(channels, Notifier.switchedOn(settings.events()), Notifier.WINDOW, Notifier.BACKOFF, Clock.systemUTC());
    log.info("event=notifier_ready channels=\"{}\" events={}", channels.stream().map(NotificationChannel::name).toList(), settings.events());
    return notifier;
  }

  @Bean
  TradingEventListener tradingEventListener(Notifier notifier, EnvSettings env) {
    return new TradingEventListener(notifier, new TradingNotifications(env.environmentLabel()));
  }

  /** Runs on the publisher's thread (Spring events are synchronous): it only maps and queues. */
  record TradingEventListener(Notifier notifier, TradingNotifications words) {
    @EventListener
    void on(TradingEvent event) {
      notifier.publish(words.of(event));
    }
  }
}
