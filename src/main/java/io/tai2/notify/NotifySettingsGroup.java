package io.tai2.notify;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tai2.config.FieldError;
import io.tai2.config.InvalidSettingsChangeException;
import io.tai2.config.NotificationSettings;
import io.tai2.config.Secret;
import io.tai2.config.SecretVault;
import io.tai2.config.SettingsDocument;
import io.tai2.config.SettingsGroup;
import io.tai2.config.SettingsRules;
import io.tai2.config.StrictJson;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The {@code notify} group of {@code PUT /api/settings}: per-event switches ({@code "events": {"exit": false}}, the others
 * keep theirs), the two thresholds, and write-only secrets — {@code telegram_bot_token} with {@code telegram_chat_id}
 * (together), {@code webhook_urls} (the whole list) — sealed at once like the OKX keys; {@code clear_telegram} and
 * {@code clear_webhooks} go back to the environment's. Another Telegram chat can engage and release the kill switch, so
 * changing it is risky (the password again from a browser session).
 */
final class NotifySettingsGroup implements SettingsGroup {

  static final String NAME = "notify";
  static final int MAX_WEBHOOKS = 10;
  static final int MAX_URL_LENGTH = 2048;
  static final String TELEGRAM_CHANGED =
      "Telegram bot or chat changed (that chat can engage and release the kill switch)";

  private final SettingsDocument<NotifySettings> document;
  private final SecretVault vault;

  NotifySettingsGroup(SettingsDocument<NotifySettings> document, SecretVault vault) {
    this.document = document;
    this.vault = vault;
  }

  /** The group as sent: switches by event id, thresholds, write-only secrets and the two ways back to the environment. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Patch(
      Map<String, Boolean> events,
      Integer staleDataSeconds,
      @JsonProperty("llm_failures_in_a_row") Integer llmFailuresInARow,
      String telegramBotToken,
      String telegramChatId,
      List<String> webhookUrls,
      Boolean clearTelegram,
      Boolean clearWebhooks) {}

  @Override
  public SettingsDocument<?> document() {
    return document;
  }

  @Override
  public Optional<Proposal> propose(JsonNode section, List<FieldError> errors) {
    Patch p;
    try {
      p = StrictJson.bind(section, Patch.class, NAME);
    } catch (InvalidSettingsChangeException e) {
      errors.addAll(e.errors());
      return Optional.empty();
    }
    NotifySettings current = document.current();
    SettingsRules.Errors e = new SettingsRules.Errors(NAME + ".");
    Set<NotificationKind> on = events(p.events(), current.events(), e);
    e.whole(
        "stale_data_seconds",
        p.staleDataSeconds(),
        NotifySettings.MIN_STALE_SECONDS,
        NotifySettings.MAX_STALE_SECONDS);
    e.whole("llm_failures_in_a_row", p.llmFailuresInARow(), 1, NotifySettings.MAX_LLM_FAILURES);
    boolean clearTelegram = Boolean.TRUE.equals(p.clearTelegram());
    boolean clearWebhooks = Boolean.TRUE.equals(p.clearWebhooks());
    boolean newTelegram = checkTelegram(p, clearTelegram, e);
    if (p.webhookUrls() != null) {
      checkWebhooks(p.webhookUrls(), clearWebhooks, e);
    }
    if (!e.errors().isEmpty()) {
      errors.addAll(e.errors());
      return Optional.empty();
    }
    if (!errors.isEmpty()) {
      return Optional.empty(); // nothing is sealed for a change refused elsewhere
    }
    Optional<NotifySettings.SealedTelegram> telegram =
        clearTelegram ? Optional.empty() : current.telegram();
    if (newTelegram) {
      telegram =
          Optional.of(
              new NotifySettings.SealedTelegram(
                  seal(p.telegramBotToken()), seal(p.telegramChatId())));
    }
    Optional<List<String>> hooks = clearWebhooks ? Optional.empty() : current.webhookUrls();
    if (p.webhookUrls() != null) {
      hooks = Optional.of(p.webhookUrls().stream().map(this::seal).toList());
    }
    NotifySettings next;
    try {
      next =
          new NotifySettings(
              on,
              or(p.staleDataSeconds(), current.staleDataSeconds()),
              or(p.llmFailuresInARow(), current.llmFailuresInARow()),
              telegram,
              hooks);
    } catch (IllegalArgumentException x) {
      errors.add(new FieldError(NAME, x.getMessage()));
      return Optional.empty();
    }
    boolean telegramChanged = newTelegram || (clearTelegram && current.telegram().isPresent());
    return Optional.of(
        new Proposal(
            new SettingsDocument.Change<>(document, next),
            telegramChanged ? List.of(TELEGRAM_CHANGED) : List.of()));
  }

  private static Set<NotificationKind> events(
      Map<String, Boolean> given, Set<NotificationKind> current, SettingsRules.Errors e) {
    Set<NotificationKind> on =
        current.isEmpty() ? EnumSet.noneOf(NotificationKind.class) : EnumSet.copyOf(current);
    if (given == null) {
      return on;
    }
    String known =
        String.join(", ", NotificationKind.events().stream().map(NotificationKind::id).toList());
    given.forEach(
        (id, switchedOn) -> {
          Optional<NotificationKind> kind =
              NotificationKind.events().stream().filter(k -> k.id().equals(id)).findFirst();
          if (kind.isEmpty()) {
            e.add(
                "events." + (id.length() > 40 ? id.substring(0, 40) + "…" : id),
                "not an event; the events are " + known);
          } else if (switchedOn) {
            on.add(kind.get());
          } else {
            on.remove(kind.get());
          }
        });
    return on;
  }

  /** Whether the change brings a new bot (both fields, well-formed, storable). */
  private boolean checkTelegram(Patch p, boolean clear, SettingsRules.Errors e) {
    String token = p.telegramBotToken();
    String chat = p.telegramChatId();
    if (token == null && chat == null) {
      return false;
    }
    if (clear) {
      e.add("clear_telegram", "clear_telegram and a new bot in one change contradict each other");
      return false;
    }
    if (token == null || chat == null) {
      e.add(
          token == null ? "telegram_bot_token" : "telegram_chat_id",
          "give telegram_bot_token and telegram_chat_id together");
      return false;
    }
    boolean ok = true;
    if (token.length() > 256 || !NotificationSettings.BOT_TOKEN.matcher(token.strip()).matches()) {
      e.add(
          "telegram_bot_token",
          "must be a bot token as @BotFather gives it, such as 123456789:AAE… (digits, a colon, letters)");
      ok = false;
    }
    if (!NotificationSettings.CHAT_ID.matcher(chat.strip()).matches()) {
      e.add(
          "telegram_chat_id",
          "must be a numeric chat id (e.g. 123456789, or -100… for a group) or a channel's @username");
      ok = false;
    }
    if (ok && !vault.available()) {
      e.add(
          "telegram_bot_token",
          secretKeyNeeded("TAI2_TELEGRAM_BOT_TOKEN and TAI2_TELEGRAM_CHAT_ID"));
      ok = false;
    }
    return ok;
  }

  private void checkWebhooks(List<String> urls, boolean clear, SettingsRules.Errors e) {
    if (clear) {
      e.add(
          "clear_webhooks",
          "clear_webhooks and new webhook_urls in one change contradict each other");
      return;
    }
    if (urls.size() > MAX_WEBHOOKS) {
      e.add("webhook_urls", "at most " + MAX_WEBHOOKS + " URLs, was " + urls.size());
      return;
    }
    for (int i = 0; i < urls.size(); i++) {
      String url = urls.get(i).strip();
      if (url.length() > MAX_URL_LENGTH || !NotificationSettings.isWebhookUrl(url)) {
        e.add(
            "webhook_urls." + i,
            "must be an absolute http or https URL with a host, at most "
                + MAX_URL_LENGTH
                + " characters");
      }
    }
    if (!urls.isEmpty() && e.ok("webhook_urls") && !vault.available()) {
      e.add("webhook_urls", secretKeyNeeded("TAI2_WEBHOOK_URLS"));
    }
  }

  private static String secretKeyNeeded(String variables) {
    return "set TAI2_SECRET_KEY (16+ characters) to store secrets entered here; until then set "
        + variables
        + " in the environment";
  }

  private String seal(String value) {
    return vault.seal(Secret.of(value.strip()));
  }

  private static int or(Integer given, int current) {
    return given != null ? given : current;
  }
}
