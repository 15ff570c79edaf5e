package io.tai2.sim;

import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drives the fake Telegram over HTTP under {@code /__sim/telegram}, for end-to-end tests against a separately running
 * {@code tai2 sim} (tests in the same JVM call {@link FakeTelegram} directly):
 *
 * <ul>
 *   <li>{@code POST /__sim/telegram/updates} {@code {"chat_id":"777000","text":"/status"}}: someone in that chat writes to the
 *       bot; answers {@code {"update_id":n}};
 *   <li>{@code GET /__sim/telegram/messages}: every message the bot sent, oldest first ({@code ?chat_id=} for one chat);
 *   <li>{@code DELETE /__sim/telegram}: forget messages, updates, requests and failures.
 * </ul>
 */
final class FakeTelegramControl {

  static final String PREFIX = "/__sim/telegram";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final FakeTelegram telegram;

  FakeTelegramControl(FakeTelegram telegram) {
    this.telegram = telegram;
  }

  static boolean serves(String path) {
    return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
  }

  SimResponse handle(RawRequest request) {
    String path = request.rawTarget().split("\\?", 2)[0];
    try {
      return switch (request.method() + " " + path) {
        case "POST /__sim/telegram/updates" -> {
          JsonNode b = JSON.readTree(request.rawBody().isBlank() ? "{}" : request.rawBody());
          String chat = b.path("chat_id").asString("");
          if (!chat.matches("-?[0-9]{1,20}") || !b.path("text").isString()) {
            yield new SimResponse(
                400, "{\"error\":\"chat_id (a numeric chat id) and text are required\"}");
          }
          yield new SimResponse(
              200, "{\"update_id\":" + telegram.inject(chat, b.path("text").asString()) + "}");
        }
        case "GET /__sim/telegram/messages" ->
            new SimResponse(200, messages(request.query().get("chat_id")));
        case "DELETE /__sim/telegram" -> {
          telegram.reset();
          yield new SimResponse(200, "{\"reset\":true}");
        }
        default ->
            new SimResponse(
                404,
                "{\"error\":\"unknown control endpoint " + request.method() + " " + path + "\"}");
      };
    } catch (JacksonException e) {
      return new SimResponse(400, JSON.writeValueAsString(Map.of("error", "the body is not JSON")));
    }
  }

  private String messages(String chatId) {
    ArrayNode out = JSON.createArrayNode();
    for (FakeTelegram.SentMessage m : telegram.messages()) {
      if (chatId == null || chatId.equals(m.chatId())) {
        ObjectNode row = out.addObject();
        row.put("at", m.at().toString());
        row.put("message_id", m.messageId());
        row.put("chat_id", m.chatId());
        row.put("text", m.text());
      }
    }
    return JSON.writeValueAsString(out);
  }
}
