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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake Telegram Bot API served under {@code /bot<token>/<method>}: {@code sendMessage} (JSON or form body) is checked as
 * Telegram checks it (known token, {@code chat_id}, text of 1–4096 characters) and recorded per chat; {@link #failNext}
 * injects 429/5xx answers for retry tests. {@code getUpdates} serves the messages a test sends the bot ({@link #inject}, or
 * {@code POST /__sim/telegram/updates}) as Telegram does: long polling up to {@code timeout} seconds, {@code offset}
 * confirming (forgetting) every earlier update, and a second poll ending the first with 409 Conflict. Recordings never
 * hold the token: the token in the path is kept masked as four stars. Thread-safe; a waiting poll holds no lock.
 */
public final class FakeTelegram {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern PATH = Pattern.compile("/bot([^/]+)/([A-Za-z]+)");

  /** One request as received: the path with the token masked, the headers, the raw body and the status answered. */
  public record Call(
      Instant receivedAt,
      String method,
      String path,
      Map<String, String> headers,
      String body,
      int status) {
    public Call {
      headers = Map.copyOf(headers);
    }
  }

  /** One message accepted by {@code sendMessage}. */
  public record SentMessage(Instant at, long messageId, String chatId, String text) {}

  /** The longest wait Telegram allows a long poll. */
  static final int MAX_POLL_SECONDS = 50;

  /** A message someone sent the bot, waiting for {@code getUpdates}. */
  private record Update(long updateId, String json) {}

  private final Clock clock;
  private final Set<String> tokens = new HashSet<>();
  private final List<Call> calls = new ArrayList<>();
  private final List<SentMessage> messages = new ArrayList<>();
  private final Deque<Integer> failures = new ArrayDeque<>();
  private final List<Update> updates = new ArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private long nextMessageId = 1;
  private long nextUpdateId = 1;

  /** Each poll takes the next number; a waiting poll whose number is no longer the newest ends with 409. */
  private long pollGeneration;

  private int pollsWaiting;

  /** A bot that answers to these tokens. */
  public FakeTelegram(Clock clock, String... botTokens) {
    this.clock = clock;
    this.tokens.addAll(List.of(botTokens));
  }

  /** Every Bot API request received, oldest first. */
  public List<Call> requests() {
    return locked(() -> List.copyOf(calls));
  }

  /** Every message accepted, oldest first. */
  public List<SentMessage> messages() {
    return locked(() -> List.copyOf(messages));
  }

  /** The next {@code times} {@code sendMessage} requests answer {@code status} (429 with {@code retry_after} 1, or e.g. 500) and record nothing. */
  public void failNext(int status, int times) {
    locked(
        () -> {
          for (int i = 0; i < times; i++) {
            failures.add(status);
          }
          return null;
        });
  }

  /** Forgets recorded requests, messages, waiting updates and pending failures. */
  public void reset() {
    locked(
        () -> {
          calls.clear();
          messages.clear();
          failures.clear();
          updates.clear();
          return null;
        });
  }

  /**
   * Someone in chat {@code chatId} (a numeric id: a private chat with that user, or a group when negative) sends the bot
   * {@code text}; a waiting {@code getUpdates} returns it at once. Returns its {@code update_id}.
   */
  public long inject(String chatId, String text) {
    return locked(
        () -> {
          long id = nextUpdateId++;
          ObjectNode update = JSON.createObjectNode();
          update.put("update_id", id);
          ObjectNode message = update.putObject("message");
          message.put("message_id", nextMessageId++);
          ObjectNode from = message.putObject("from");
          from.put("id", chatId.startsWith("-") ? 4242 : Long.parseLong(chatId));
          from.put("is_bot", false);
          from.put("first_name", "operator");
          ObjectNode chat = message.putObject("chat");
          chat.put("id", Long.parseLong(chatId));
          chat.put("type", chatId.startsWith("-") ? "group" : "private");
          message.put("date", clock.instant().getEpochSecond());
          message.put("text", text);
          updates.add(new Update(id, JSON.writeValueAsString(update)));
          arrived.signalAll();
          return id;
        });
  }

  /** How many {@code getUpdates} requests are being held open right now (a bot that is listening holds one). */
  public int pollsWaiting() {
    return locked(() -> pollsWaiting);
  }

  /** The updates not yet confirmed by an {@code offset}, oldest first, as JSON. */
  public List<String> pendingUpdates() {
    return locked(() -> updates.stream().map(Update::json).toList());
  }

  private <T> T locked(Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  static boolean serves(String path) {
    return path.startsWith("/bot");
  }

  SimResponse handle(RawRequest request) {
    String path = request.rawTarget().split("\\?", 2)[0];
    Matcher m = PATH.matcher(path);
    String masked = m.matches() ? "/bot****/" + m.group(2) : "/bot****";
    lock.lock();
    try {
      SimResponse response = answer(request, m);
      calls.add(
          new Call(
              clock.instant(),
              request.method(),
              masked,
              request.headers(),
              request.rawBody(),
              response.status()));
      return response;
    } finally {
      lock.unlock();
    }
  }

  /** Under the lock; a long poll waits on {@link #arrived}, which lets the lock go meanwhile. */
  private SimResponse answer(RawRequest request, Matcher m) {
    if (!m.matches() || !tokens.contains(m.group(1))) {
      return error(401, "Unauthorized");
    }
    if (m.group(2).equals("getUpdates")) {
      return getUpdates(
          params(request)); // injected failures are for sends: a poller running beside a test never
      // takes one
    }
    if (!failures.isEmpty()) {
      int status = failures.poll();
      return status == 429
          ? new SimResponse(
              429,
              "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\",\"parameters\":{\"retry_after\":1}}")
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

  /** Long polling as Telegram does it: confirmed updates are forgotten; with none waiting, the poll waits up to {@code timeout} seconds. */
  private SimResponse getUpdates(Map<String, String> params) {
    long offset;
    int limit;
    int timeout;
    try {
      offset = Long.parseLong(params.getOrDefault("offset", "0"));
      limit = Math.clamp(Integer.parseInt(params.getOrDefault("limit", "100")), 1, 100);
      timeout =
          Math.clamp(Integer.parseInt(params.getOrDefault("timeout", "0")), 0, MAX_POLL_SECONDS);
    } catch (NumberFormatException e) {
      return error(400, "Bad Request: offset, limit and timeout must be integers");
    }
    if (offset > 0) {
      updates.removeIf(u -> u.updateId() < offset);
    }
    long generation = ++pollGeneration;
    arrived.signalAll(); // an earlier poll still waiting now ends with 409
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
    pollsWaiting++;
    try {
      while (updates.isEmpty() && generation == pollGeneration) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        arrived.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      pollsWaiting--;
    }
    if (generation != pollGeneration) {
      return error(
          409,
          "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
    }
    StringBuilder out = new StringBuilder("{\"ok\":true,\"result\":[");
    updates.stream()
        .limit(limit)
        .forEach(u -> out.append(out.charAt(out.length() - 1) == '[' ? "" : ",").append(u.json()));
    return new SimResponse(200, out.append("]}").toString());
  }

  /** The parameters from a JSON body, a form body or the query string, as Telegram accepts them. */
  private static Map<String, String> params(RawRequest request) {
    Map<String, String> params = new HashMap<>(request.query());
    String contentType = request.header("Content-Type").orElse("");
    String body = request.rawBody();
    if (contentType.startsWith("application/json")) {
      try {
        JsonNode json = JSON.readTree(body);
        json.properties()
            .forEach(
                e ->
                    params.put(
                        e.getKey(),
                        e.getValue().isString()
                            ? e.getValue().asString()
                            : e.getValue().toString()));
      } catch (JacksonException e) {
        params.clear();
      }
    } else if (contentType.startsWith("application/x-www-form-urlencoded")) {
      for (String pair : body.split("&")) {
        String[] kv = pair.split("=", 2);
        if (kv.length == 2) {
          params.put(
              URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
              URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
      }
    }
    return params;
  }

  private static SimResponse error(int status, String description) {
    return new SimResponse(
        status,
        "{\"ok\":false,\"error_code\":" + status + ",\"description\":\"" + description + "\"}");
  }

  /** The text of every accepted message to {@code chatId}. */
  public List<String> textsTo(String chatId) {
    return locked(
        () ->
            messages.stream()
                .filter(s -> s.chatId().equals(chatId))
                .map(SentMessage::text)
                .toList());
  }

  /** The last accepted message, if any. */
  public Optional<SentMessage> lastMessage() {
    return locked(
        () -> messages.isEmpty() ? Optional.<SentMessage>empty() : Optional.of(messages.getLast()));
  }
}
