package io.tai2.sim;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake Telegram Bot API served under {@code /bot<token>/<method>}: {@code sendMessage} (JSON or form body) is checked as
 * Telegram checks it (known token, {@code chat_id}, text of 1–4096 characters) and recorded; {@link #failNext} injects
 * 429/5xx answers for retry tests. Recordings never hold the token: the token in the path is kept masked as four stars. Thread-safe.
 * Commands ({@code getUpdates}) are not served yet.
 */
public final class FakeTelegram {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern PATH = Pattern.compile("/bot([^/]+)/([A-Za-z]+)");

  /** One request as received: the path with the token masked, the headers, the raw body and the status answered. */
  public record Call(Instant receivedAt, String method, String path, Map<String, String> headers, String body, int status) {
    public Call {
      headers = Map.copyOf(headers);
    }
  }

  /** One message accepted by {@code sendMessage}. */
  public record SentMessage(Instant at, long messageId, String chatId, String text) {}

  private final Clock clock;
  private final Set<String> tokens = new HashSet<>();
  private final List<Call> calls = new ArrayList<>();
  private final List<SentMessage> messages = new ArrayList<>();
  private final Deque<Integer> failures = new ArrayDeque<>();
  private long nextMessageId = 1;

  /** A bot that answers to these tokens. */
  public FakeTelegram(Clock clock, String... botTokens) {
    this.clock = clock;
    this.tokens.addAll(List.of(botTokens));
  }

  /** Every Bot API request received, oldest first. */
  public synchronized List<Call> requests() {
    return List.copyOf(calls);
  }

  /** Every message accepted, oldest first. */
  public synchronized List<SentMessage> messages() {
    return List.copyOf(messages);
  }

  /** The next {@code times} requests answer {@code status} (429 with {@code retry_after} 1, or e.g. 500) and record nothing. */
  public synchronized void failNext(int status, int times) {
    for (int i = 0; i < times; i++) {
      failures.add(status);
    }
  }

  /** Forgets recorded requests, messages and pending failures. */
  public synchronized void reset() {
    calls.clear();
    messages.clear();
    failures.clear();
  }

  static boolean serves(String path) {
    return path.startsWith("/bot");
  }

  synchronized SimResponse handle(RawRequest request) {
    String path = request.rawTarget().split("\\?", 2)[0];
    Matcher m = PATH.matcher(path);
    String masked = m.matches() ? "/bot****/" + m.group(2) : "/bot****";
    SimResponse response = answer(request, m);
    calls.add(new Call(clock.instant(), request.method(), masked, request.headers(), request.rawBody(), response.status()));
    return response;
  }

  private SimResponse answer(RawRequest request, Matcher m) {
    if (!m.matches() || !tokens.contains(m.group(1))) {
      return error(401, "Unauthorized");
    }
    if (!failures.isEmpty()) {
      int status = failures.poll();
      return status == 429
          ? new SimResponse(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\",\"parameters\":{\"retry_after\":1}}")
          : error(status, "Internal Server Error");
    }
    if (!m.group(2).equals("sendMessage")) {
      return error(404, "Not Found");
    }
    Map<String, String> params = params(request);
    String chatId = params.getOrDefault("chat_id", "");
    String text = params.getOrDefault("text", "");
    if (chatId.isBlank()) {
      return error(400, "Bad Request: chat_id is empty");
    }
    if (text.isEmpty()) {
      return error(400, "Bad Request: message text is empty");
    }
    if (text.length() > 4096) {
      return error(400, "Bad Request: message is too long");
    }
    SentMessage sent = new SentMessage(clock.instant(), nextMessageId++, chatId, text);
    messages.add(sent);
    ObjectNode body = JSON.createObjectNode();
    body.put("ok", true);
    ObjectNode result = body.putObject("result");
    result.put("message_id", sent.messageId());
    result.put("date", sent.at().getEpochSecond());
    result.putObject("chat").put("id", chatId);
    result.put("text", text);
    return new SimResponse(200, JSON.writeValueAsString(body));
  }

  /** The parameters from a JSON body, a form body or the query string, as Telegram accepts them. */
  private static Map<String, String> params(RawRequest request) {
    Map<String, String> params = new HashMap<>(request.query());
    String contentType = request.header("Content-Type").orElse("");
    String body = request.rawBody();
    if (contentType.startsWith("application/json")) {
      try {
        JsonNode json = JSON.readTree(body);
        json.properties().forEach(e -> params.put(e.getKey(), e.getValue().isString() ? e.getValue().asString() : e.getValue().toString()));
      } catch (JacksonException e) {
        params.clear();
      }
    } else if (contentType.startsWith("application/x-www-form-urlencoded")) {
      for (String pair : body.split("&")) {
        String[] kv = pair.split("=", 2);
        if (kv.length == 2) {
          params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
      }
    }
    return params;
  }

  private static SimResponse error(int status, String description) {
    return new SimResponse(status, "{\"ok\":false,\"error_code\":" + status + ",\"description\":\"" + description + "\"}");
  }

  /** The text of every accepted message to {@code chatId}. */
  public synchronized List<String> textsTo(String chatId) {
    return messages.stream().filter(s -> s.chatId().equals(chatId)).map(SentMessage::text).toList();
  }

  /** The last accepted message, if any. */
  public synchronized Optional<SentMessage> lastMessage() {
    return messages.isEmpty() ? Optional.empty() : Optional.of(messages.getLast());
  }
}
