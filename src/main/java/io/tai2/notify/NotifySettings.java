package io.tai2.notify;

import io.tai2.config.NotificationSettings;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The runtime settings group {@code notify}: which events are sent, when market data counts as stale, how many failed LLM
 * calls in a row are worth a message, and — when the operator entered them in CFG — the Telegram bot and webhook URLs,
 * sealed ({@code v1:…}), never in the clear. Without saved ones the environment's ({@code TAI2_TELEGRAM_*},
 * {@code TAI2_WEBHOOK_URLS}) are used; the environment also seeds the rest the first time.
 *
 * @param webhookUrls the saved webhook URLs, each sealed; empty = the environment's; a saved empty list = no webhooks
 */
public record NotifySettings(
    Set<NotificationKind> events,
    int staleDataSeconds,
    int llmFailuresInARow,
    Optional<SealedTelegram> telegram,
    Optional<List<String>> webhookUrls) {

  /** Bounds of the thresholds (also the environment's). */
  static final int MIN_STALE_SECONDS = 10;

  static final int MAX_STALE_SECONDS = 86_400;
  static final int MAX_LLM_FAILURES = 100;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The bot token and the chat id, each sealed. */
  public record SealedTelegram(String botToken, String chatId) {
    public SealedTelegram {
      Objects.requireNonNull(botToken, "botToken");
      Objects.requireNonNull(chatId, "chatId");
    }
  }

  public NotifySettings {
    events = events.isEmpty() ? EnumSet.noneOf(NotificationKind.class) : EnumSet.copyOf(events);
    webhookUrls = webhookUrls.map(List::copyOf);
    if (staleDataSeconds < MIN_STALE_SECONDS || staleDataSeconds > MAX_STALE_SECONDS) {
      throw new IllegalArgumentException(
          "stale_data_seconds must be "
              + MIN_STALE_SECONDS
              + ".."
              + MAX_STALE_SECONDS
              + ", was "
              + staleDataSeconds);
    }
    if (llmFailuresInARow < 1 || llmFailuresInARow > MAX_LLM_FAILURES) {
      throw new IllegalArgumentException(
          "llm_failures_in_a_row must be 1.." + MAX_LLM_FAILURES + ", was " + llmFailuresInARow);
    }
  }

  /** The first value: the environment's switches and thresholds, no saved secrets (the environment's are used). */
  static NotifySettings of(NotificationSettings env) {
    return new NotifySettings(
        Notifier.switchedOn(env.events()),
        env.staleDataSeconds(),
        env.llmFailuresInARow(),
        Optional.empty(),
        Optional.empty());
  }

  /** The stored form: every event's switch, the thresholds and the sealed secrets (ciphertext only). */
  static String write(NotifySettings s) {
    ObjectNode doc = common(s);
    s.telegram.ifPresentOrElse(
        t -> doc.putObject("telegram").put("bot_token", t.botToken()).put("chat_id", t.chatId()),
        () -> doc.putNull("telegram"));
    s.webhookUrls.ifPresentOrElse(
        urls -> urls.forEach(doc.putArray("webhook_urls")::add), () -> doc.putNull("webhook_urls"));
    return JSON.writeValueAsString(doc);
  }

  /**
   * What may be shown or audited: the switches, the thresholds, and where Telegram and the webhooks come from
   * ({@code saved} — for webhooks possibly an empty list —, {@code environment} or {@code off}) with the number of
   * webhooks, never a token, chat id or URL, sealed or not.
   */
  static String writePublic(NotifySettings s, NotificationSettings env) {
    ObjectNode doc = common(s);
    doc.put(
        "telegram",
        s.telegram.isPresent()
            ? "saved"
            : env.telegramBotToken().isPresent() ? "environment" : "off");
    int hooks = s.webhookUrls.map(List::size).orElse(env.webhookUrls().size());
    doc.put("webhooks", s.webhookUrls.isPresent() ? "saved" : hooks == 0 ? "off" : "environment");
    doc.put("webhook_count", hooks);
    return JSON.writeValueAsString(doc);
  }

  private static ObjectNode common(NotifySettings s) {
    ObjectNode doc = JSON.createObjectNode();
    ObjectNode events = doc.putObject("events");
    for (NotificationKind kind : NotificationKind.events()) {
      events.put(kind.id(), s.events.contains(kind));
    }
    doc.put("stale_data_seconds", s.staleDataSeconds);
    doc.put("llm_failures_in_a_row", s.llmFailuresInARow);
    return doc;
  }

  /** A stored document; a field or event it lacks (saved by an older version) keeps its value in {@code d}. */
  static NotifySettings read(String json, NotifySettings d) {
    JsonNode doc = JSON.readTree(json);
    Set<NotificationKind> on = EnumSet.noneOf(NotificationKind.class);
    for (NotificationKind kind : NotificationKind.events()) {
      JsonNode v = doc.path("events").path(kind.id());
      if (v.isBoolean() ? v.asBoolean() : d.events.contains(kind)) {
        on.add(kind);
      }
    }
    JsonNode t = doc.path("telegram");
    Optional<SealedTelegram> telegram =
        t.isObject()
            ? Optional.of(
                new SealedTelegram(t.path("bot_token").asString(), t.path("chat_id").asString()))
            : Optional.empty();
    JsonNode hooks = doc.path("webhook_urls");
    Optional<List<String>> urls =
        hooks.isArray()
            ? Optional.of(hooks.valueStream().map(JsonNode::asString).toList())
            : Optional.empty();
    return new NotifySettings(
        on,
        doc.path("stale_data_seconds").asInt(d.staleDataSeconds),
        doc.path("llm_failures_in_a_row").asInt(d.llmFailuresInARow),
        telegram,
        urls);
  }

  NotifySettings withEvents(Set<NotificationKind> on) {
    return new NotifySettings(on, staleDataSeconds, llmFailuresInARow, telegram, webhookUrls);
  }
}
