package io.tai2.notify;

import io.tai2.config.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends notifications to one Telegram chat through the Bot API's {@code POST /bot<token>/sendMessage} with
 * {@code chat_id} and {@code text} (plain text, no parse mode, so nothing in a message is read as markup). The token is
 * only in the request path: {@link #name()} and every failure show {@code bot****}.
 */
public final class TelegramChannel implements NotificationChannel {

  /** Telegram refuses longer texts (1–4096 characters). */
  static final int MAX_TEXT = 4096;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final URI sendMessage;
  private final String chatId;
  private final String name;
  private final JsonPost post;

  public TelegramChannel(URI apiUrl, Secret token, String chatId, HttpClient http) {
    this.sendMessage = BotUrl.of(apiUrl, token, "sendMessage");
    this.chatId = chatId;
    this.name = "telegram " + BotUrl.masked(apiUrl, "sendMessage");
    this.post = new JsonPost(http);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Notification notification) {
    reply(notification.text());
  }

  /** The chat this bot writes to (and takes commands from). */
  String chatId() {
    return chatId;
  }

  /** Sends {@code text} to the chat once (a command's answer: not switched, not coalesced). */
  void reply(String text) {
    ObjectNode body = JSON.createObjectNode();
    body.put("chat_id", chatId);
    body.put("text", fit(text));
    String answer = post.post(sendMessage, JSON.writeValueAsString(body), name);
    JsonNode reply = JSON.readTree(answer);
    if (!reply.path("ok").asBoolean(false)) {
      throw new DeliveryFailure(
          name + ": not ok: " + reply.path("description").asString(""), false);
    }
  }

  static String fit(String text) {
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
  }
}
