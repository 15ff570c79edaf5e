package io.tai2.notify;

import io.tai2.config.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads what people write to the bot: the Bot API's {@code getUpdates} by long polling ({@code offset} confirms what was
 * read, {@code timeout} is how long Telegram may hold the request while nothing arrives). Only text messages are kept.
 * The token is only in the request path; {@link #name()} and every failure show {@code bot****}.
 */
final class TelegramUpdates {

  /** One text message to the bot: where from and what it says. {@code chatUsername} is empty for private chats and groups. */
  record Update(long updateId, String chatId, String chatUsername, String text, Instant sentAt) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final URI getUpdates;
  private final String name;
  private final HttpClient http;

  TelegramUpdates(URI apiUrl, Secret token, HttpClient http) {
    this.getUpdates = BotUrl.of(apiUrl, token, "getUpdates");
    this.name = "telegram " + BotUrl.masked(apiUrl, "getUpdates");
    this.http = http;
  }

  String name() {
    return name;
  }

  /**
   * The updates from {@code offset} on, waiting up to {@code timeout} for one to arrive.
   *
   * @throws NotificationChannel.DeliveryFailure when Telegram did not answer, or refused (a 409: another poller runs on this token)
   */
  List<Update> poll(long offset, Duration timeout) {
    ObjectNode body = JSON.createObjectNode();
    body.put("offset", offset);
    body.put("timeout", timeout.toSeconds());
    body.putArray("allowed_updates").add("message");
    String answer =
        new JsonPost(http, timeout.plus(JsonPost.REQUEST_TIMEOUT))
            .post(getUpdates, JSON.writeValueAsString(body), name);
    try {
      JsonNode reply = JSON.readTree(answer);
      if (!reply.path("ok").asBoolean(false)) {
        throw new NotificationChannel.DeliveryFailure(
            name + ": not ok: " + reply.path("description").asString(""), true);
      }
      List<Update> updates = new ArrayList<>();
      for (JsonNode u : reply.path("result")) {
        JsonNode message = u.path("message");
        JsonNode chat = message.path("chat");
        JsonNode id = chat.path("id");
        updates.add(
            new Update(
                u.path("update_id").asLong(),
                id.isNumber() ? id.bigIntegerValue().toString() : id.asString(""),
                chat.path("username").asString(""),
                message.path("text").asString(""),
                Instant.ofEpochSecond(message.path("date").asLong(0))));
      }
      return updates;
    } catch (JacksonException e) {
      throw new NotificationChannel.DeliveryFailure(name + ": the answer is not JSON", true);
    }
  }
}
