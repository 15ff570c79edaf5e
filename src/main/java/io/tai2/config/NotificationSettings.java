package io.tai2.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where notifications go, from the environment: the Telegram bot (token and chat id, both or neither), the Bot API base
 * URL ({@code TELEGRAM_API_URL}, the simulator in tests), webhook URLs (secrets: Slack and Discord put a token in the
 * path) and the event names switched on ({@code TAI2_NOTIFY_EVENTS}, lower case; {@code all} by default), which the
 * notify module checks against its event kinds. {@code staleDataSeconds} and {@code llmFailuresInARow} are when market
 * data counts as stale and how many failed LLM calls in a row are worth a message. They seed the runtime group
 * {@code notify}, which the operator may change in CFG.
 */
public record NotificationSettings(
    Optional<Secret> telegramBotToken,
    Optional<String> telegramChatId,
    URI telegramApiUrl,
    List<Secret> webhookUrls,
    List<String> events,
    int staleDataSeconds,
    int llmFailuresInARow) {

  /** A bot token as {@code @BotFather} gives it: the bot's id, a colon, letters, digits, {@code _} and {@code -}. */
  public static final Pattern BOT_TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{1,200}");

  /** A numeric chat id (groups are negative) or a public channel's {@code @username}. */
  public static final Pattern CHAT_ID = Pattern.compile("-?[0-9]{1,20}|@[A-Za-z0-9_]{5,32}");

  public static final int DEFAULT_STALE_DATA_SECONDS = 120;
  public static final int DEFAULT_LLM_FAILURES_IN_A_ROW = 3;

  public NotificationSettings {
    webhookUrls = List.copyOf(webhookUrls);
    events = List.copyOf(events);
  }

  /** Nothing configured: no Telegram, no webhooks, every event on. */
  public static NotificationSettings none() {
    return new NotificationSettings(
        Optional.empty(),
        Optional.empty(),
        URI.create("https://api.telegram.org"),
        List.of(),
        List.of("all"),
        DEFAULT_STALE_DATA_SECONDS,
        DEFAULT_LLM_FAILURES_IN_A_ROW);
  }

  /** An absolute http or https URL with a host: what a webhook URL must be. */
  public static boolean isWebhookUrl(String value) {
    try {
      URI uri = URI.create(value);
      return uri.getScheme() != null
          && List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
