package io.tai2.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Where notifications go, from the environment: the Telegram bot (token and chat id, both or neither), the Bot API base
 * URL ({@code TELEGRAM_API_URL}, the simulator in tests), webhook URLs (secrets: Slack and Discord put a token in the
 * path) and the event names switched on ({@code TAI2_NOTIFY_EVENTS}, lower case; {@code all} by default), which the
 * notify module checks against its event kinds.
 */
public record NotificationSettings(
    Optional<Secret> telegramBotToken, Optional<String> telegramChatId, URI telegramApiUrl, List<Secret> webhookUrls, List<String> events) {

  public NotificationSettings {
    webhookUrls = List.copyOf(webhookUrls);
    events = List.copyOf(events);
  }

  /** Nothing configured: no Telegram, no webhooks, every event on. */
  public static NotificationSettings none() {
    return new NotificationSettings(Optional.empty(), Optional.empty(), URI.create("https://api.telegram.org"), List.of(), List.of("all"));
  }
}
