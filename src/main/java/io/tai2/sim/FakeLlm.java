package io.tai2.sim;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake OpenRouter (any OpenAI-compatible client works) served under {@code /api/v1} (docs/spec/okx-openrouter-protocols.md §12.8): chat
 * completions with scripted or schema-satisfying replies, usage and cost from fixture prices, SSE streaming, the model
 * list, key status, and faults injected into the next requests. Tests script it in Java; other processes through
 * {@code /__sim/llm/} (see {@link FakeLlmControl}). Thread-safe.
 */
public final class FakeLlm {

  /** The model used when a request names none (OpenRouter would use the account's default). */
  public static final String DEFAULT_MODEL = "openai/gpt-4o-mini";

  static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
  private static final String PREFIX = "/api/v1";

  private enum Kind {
    FAIL,
    DELAY,
    EMPTY,
    TRUNCATE,
    DROP,
    STREAM_ERROR
  }

  /** One scripted deviation, used up by one chat request. */
  private record Injection(Kind kind, int status, long retryAfterSeconds, Duration delay) {}

  private final Clock clock;
  private final Set<String> keys = new HashSet<>();
  private final Set<String> managementKeys = new HashSet<>();
  private final Map<String, BigDecimal> limits = new HashMap<>();
  private final Map<String, BigDecimal> usage = new HashMap<>();
  private final Deque<String> replies = new ArrayDeque<>();
  private final Deque<Injection> injections = new ArrayDeque<>();
  private final List<FakeLlmCall> calls = new ArrayList<>();
  private final FakeLlmModels models;
  private final FakeLlmCompletion completion = new FakeLlmCompletion(JSON);
  private long generations;
  private FakeLlmStrategy strategy;

  /** Accepts the given API keys ({@code Authorization: Bearer <key>}); {@code created} fields come from the clock. */
  public FakeLlm(Clock clock, String... apiKeys) {
    this.clock = clock;
    this.keys.addAll(List.of(apiKeys));
    this.models = new FakeLlmModels(JSON, clock.instant().getEpochSecond());
  }

  /** Also accepts this key, which may read {@code /credits} (a management key). */
  public synchronized FakeLlm managementKey(String key) {
    keys.add(key);
    managementKeys.add(key);
    return this;
  }

  /** Gives a key a credit limit in USD: once its usage reaches it, completions answer 402 (0 = out of credits now). */
  public synchronized void creditLimit(String key, BigDecimal usd) {
    limits.put(key, usd);
  }

  /** What a key has spent so far, in USD. */
  public synchronized BigDecimal usage(String key) {
    return usage.getOrDefault(key, BigDecimal.ZERO);
  }

  /**
   * The next completion's content, exactly as given (invalid or hostile text included). Queued in order; faults,
   * empty replies and dropped connections leave the queue alone, so the retry that succeeds gets the scripted reply.
   */
  public synchronized void enqueueReply(String content) {
    replies.addLast(content);
  }

  /**
   * The next {@code times} completions fail with this HTTP status and OpenRouter's body for it (408, 429, 500, 502,
   * 503, 524, or any other status with a generic body); {@code retryAfterSeconds > 0} adds {@code Retry-After}.
   */
  public synchronized void failNext(int status, int times, long retryAfterSeconds) {
    for (int i = 0; i < times; i++) {
      injections.addLast(new Injection(Kind.FAIL, status, retryAfterSeconds, Duration.ZERO));
    }
  }

  public void failNext(int status, int times) {
    failNext(status, times, 0);
  }

  /** The next completion is answered normally, but only after this delay. */
  public synchronized void delayNext(Duration delay) {
    injections.addLast(new Injection(Kind.DELAY, 200, 0, delay));
  }

  /** The next {@code times} completions answer 200 with empty content (a provider's cold start). */
  public synchronized void emptyNext(int times) {
    for (int i = 0; i < times; i++) {
      injections.addLast(new Injection(Kind.EMPTY, 200, 0, Duration.ZERO));
    }
  }

  /** The next completion's content is cut in half with {@code finish_reason: "length"}. */
  public synchronized void truncateNext() {
    injections.addLast(new Injection(Kind.TRUNCATE, 200, 0, Duration.ZERO));
  }

  /** The next completion's connection is closed: before any answer, or after the first chunk when streaming. */
  public synchronized void dropNext() {
    injections.addLast(new Injection(Kind.DROP, 0, 0, Duration.ZERO));
  }

  /** The next streamed completion sends one chunk, then an error chunk ({@code finish_reason: "error"}); 502 otherwise. */
  public synchronized void streamErrorNext() {
    injections.addLast(new Injection(Kind.STREAM_ERROR, 502, 0, Duration.ZERO));
  }

  /**
   * Answers every chat request without a scripted reply from the prompt it carries ({@link FakeLlmStrategy}); empty
   * goes back to the default HOLD. Scripted replies and faults still come first.
   */
  public synchronized void strategy(Optional<FakeLlmStrategy> strategy) {
    this.strategy = strategy.orElse(null);
  }

  /** The strategy in use, if any. */
  public synchronized Optional<FakeLlmStrategy> strategy() {
    return Optional.ofNullable(strategy);
  }

  /** Every request received under {@code /api/v1}, oldest first. */
  public synchronized List<FakeLlmCall> requests() {
    return List.copyOf(calls);
  }

  /** Forgets scripted replies, injections, recorded requests and usage; keys and limits stay. */
  public synchronized void reset() {
    replies.clear();
    injections.clear();
    calls.clear();
    usage.clear();
  }

  /** Whether this request is for the fake LLM. */
  static boolean serves(String path) {
    return path.startsWith(PREFIX + "/");
  }

  FakeLlmAnswer handle(RawRequest request) {
    Instant receivedAt = clock.instant();
    FakeLlmAnswer answer;
    try {
      answer = route(request);
    } catch (JacksonException | IllegalArgumentException e) {
      answer = error(400, "Invalid request: " + e.getMessage(), null);
    }
    Map<String, String> headers = new LinkedHashMap<>(request.headers());
    headers.computeIfPresent(
        "Authorization", (name, value) -> value.startsWith("Bearer ") ? "Bearer ****" : "****");
    FakeLlmCall call =
        new FakeLlmCall(
            receivedAt, request.method(), request.rawTarget(), headers, request.rawBody(), 0);
    synchronized (this) {
      calls.add(call.answered(answer.drop() && answer.parts().isEmpty() ? 0 : answer.status()));
    }
    return answer;
  }

  private FakeLlmAnswer route(RawRequest request) {
    String path = request.path().substring(PREFIX.length());
    String method = request.method();
    if (method.equals("POST") && path.equals("/chat/completions")) {
      return chat(request);
    }
    if (method.equals("GET") && path.equals("/models")) {
      return FakeLlmAnswer.json(
          200, models.list(request.query().getOrDefault("supported_parameters", "")));
    }
    if (method.equals("GET") && path.startsWith("/model/")) {
      return FakeLlmModels.find(path.substring("/model/".length()))
          .map(m -> FakeLlmAnswer.json(200, models.one(m)))
          .orElseGet(() -> error(404, "Model not found", null));
    }
    if (method.equals("GET") && (path.equals("/key") || path.equals("/credits"))) {
      Optional<FakeLlmAnswer> refused = authenticate(request);
      if (refused.isPresent()) {
        return refused.get();
      }
      String key = bearer(request).orElseThrow();
      return path.equals("/key") ? FakeLlmAnswer.json(200, keyStatus(key)) : credits(key);
    }
    return error(404, "Not Found", null);
  }

  private FakeLlmAnswer chat(RawRequest request) {
    Optional<FakeLlmAnswer> refused = authenticate(request);
    if (refused.isPresent()) {
      return refused.get();
    }
    String key = bearer(request).orElseThrow();
    synchronized (this) {
      BigDecimal limit = limits.get(key);
      if (limit != null && usage(key).compareTo(limit) >= 0) {
        return error(
            402, "Insufficient credits. Add more using https://openrouter.ai/credits", null);
      }
    }
    JsonNode body = JSON.readTree(request.rawBody().isBlank() ? "{}" : request.rawBody());
    JsonNode messages = body.path("messages");
    if (!messages.isArray() || messages.isEmpty()) {
      return error(400, "Input required: specify \"prompt\" or \"messages\"", null);
    }
    String modelId = body.path("model").asString("");
    Optional<FakeLlmModels.Model> found =
        FakeLlmModels.find(modelId.isBlank() ? DEFAULT_MODEL : modelId);
    if (found.isEmpty()) {
      return unavailable(400, modelId + " is not a valid model ID", "model_not_found", modelId);
    }
    FakeLlmModels.Model model = found.get();
    JsonNode schema = FakeLlmCompletion.schemaOf(body);
    if (!schema.isMissingNode()
        && body.path("provider").path("require_parameters").asBoolean(false)
        && !model.structuredOutputs()) {
      return unavailable(
          404,
          "No endpoints found that can handle the requested parameters.",
          "constraint_filtered",
          model.id());
    }
    boolean stream = body.path("stream").asBoolean(false);
    Injection injection;
    String scripted = null;
    FakeLlmStrategy deriving;
    synchronized (this) {
      deriving = strategy;
      injection = injections.pollFirst();
      // Only an answer that delivers whole content uses up a scripted reply, so a retry after a
      // fault still gets it.
      if (injection == null
          || injection.kind() == Kind.DELAY
          || injection.kind() == Kind.TRUNCATE) {
        scripted = replies.pollFirst();
      }
    }
    Kind kind = injection == null ? null : injection.kind();
    if (kind == Kind.FAIL || kind == Kind.STREAM_ERROR && !stream) {
      return failure(injection, model);
    }
    if (kind == Kind.DROP && !stream) {
      return new FakeLlmAnswer(0, Map.of(), "application/json", List.of(), Duration.ZERO, true);
    }
    String content =
        kind == Kind.EMPTY ? "" : scripted != null ? scripted : completion.defaultContent(schema);
    if (kind != Kind.EMPTY
        && scripted == null
        && deriving != null
        && JSON.readTree(content) instanceof ObjectNode base) {
      content = deriving.answer(messages, base);
    }
    String finish = "stop";
    int maxTokens = body.path("max_tokens").asInt(body.path("max_completion_tokens").asInt(0));
    if (kind == Kind.TRUNCATE) {
      content = content.substring(0, content.length() / 2);
      finish = "length";
    } else if (maxTokens > 0 && FakeLlmCompletion.tokens(content.length()) > maxTokens) {
      content = content.substring(0, maxTokens * 4);
      finish = "length";
    }
    FakeLlmCompletion.Usage spent = FakeLlmCompletion.usage(model, messages, content);
    FakeLlmCompletion.Generation generation;
    synchronized (this) {
      usage.merge(key, spent.cost(), BigDecimal::add);
      generation =
          new FakeLlmCompletion.Generation(
              "gen-" + ++generations, clock.instant().getEpochSecond(), model);
    }
    Map<String, String> headers = Map.of("X-Generation-Id", generation.id());
    Duration delay = kind == Kind.DELAY ? injection.delay() : Duration.ZERO;
    if (stream) {
      List<String> events =
          completion.events(generation, content, finish, spent, kind == Kind.STREAM_ERROR);
      boolean drop = kind == Kind.DROP;
      return new FakeLlmAnswer(
          200, headers, "text/event-stream", drop ? events.subList(0, 2) : events, delay, drop);
    }
    return FakeLlmAnswer.json(200, headers, completion.body(generation, content, finish, spent))
        .delayed(delay);
  }

  private Optional<FakeLlmAnswer> authenticate(RawRequest request) {
    Optional<String> key = bearer(request);
    if (key.isEmpty()) {
      return Optional.of(error(401, "Missing Authentication header", null));
    }
    synchronized (this) {
      return keys.contains(key.get())
          ? Optional.empty()
          : Optional.of(error(401, "User not found.", null));
    }
  }

  private static Optional<String> bearer(RawRequest request) {
    return request
        .header("Authorization")
        .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(h -> h.substring(7).trim())
        .filter(k -> !k.isEmpty());
  }

  private FakeLlmAnswer failure(Injection injection, FakeLlmModels.Model model) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (injection.retryAfterSeconds() > 0) {
      headers.put("Retry-After", Long.toString(injection.retryAfterSeconds()));
    }
    ObjectNode metadata = JSON.createObjectNode();
    String message =
        switch (injection.status()) {
          case 408 -> "Operation timed out. Please try again later.";
          case 429 -> {
            metadata.put("error_type", "rate_limit_exceeded").put("provider_code", "rate_limited");
            headers.put("X-RateLimit-Limit", "20");
            headers.put("X-RateLimit-Remaining", "0");
            headers.put(
                "X-RateLimit-Reset",
                Long.toString(
                    clock
                        .instant()
                        .plusSeconds(Math.max(1, injection.retryAfterSeconds()))
                        .toEpochMilli()));
            yield "Rate limit exceeded";
          }
          case 500 -> {
            metadata.put("error_type", "server");
            yield "Internal Server Error";
          }
          case 502 -> {
            metadata
                .put("error_type", "provider_unavailable")
                .put("provider_name", model.provider());
            yield "Provider returned error";
          }
          case 503 -> {
            metadata
                .put("error_type", "provider_overloaded")
                .put("provider_name", model.provider());
            yield "Provider overloaded, please try again later";
          }
          case 524 -> "Request timed out. Please try again later.";
          default -> "Injected error " + injection.status();
        };
    ObjectNode root = JSON.createObjectNode();
    ObjectNode err =
        root.putObject("error").put("code", injection.status()).put("message", message);
    if (!metadata.isEmpty()) {
      err.set("metadata", metadata);
    }
    return FakeLlmAnswer.json(injection.status(), headers, JSON.writeValueAsString(root));
  }

  private static FakeLlmAnswer unavailable(
      int status, String message, String code, String modelId) {
    ObjectNode availability = JSON.createObjectNode().put("code", code).put("retryable", false);
    availability.putArray("requested_models").add(modelId);
    availability.put("docs_url", "https://openrouter.ai/docs/api-reference/errors-and-debugging");
    return error(status, message, availability);
  }

  private static FakeLlmAnswer error(int status, String message, ObjectNode availability) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode err = root.putObject("error").put("code", status).put("message", message);
    if (availability != null) {
      err.set("availability", availability);
    }
    return FakeLlmAnswer.json(status, JSON.writeValueAsString(root));
  }

  /** {@code GET /key}: the fake has no time windows, so daily/weekly/monthly usage equal the total. */
  private synchronized String keyStatus(String key) {
    BigDecimal spent = usage(key);
    BigDecimal limit = limits.get(key);
    ObjectNode data = JSON.createObjectNode();
    data.put("label", "tai2 sim key")
        .put("limit", limit)
        .putNull("limit_reset")
        .put("limit_remaining", limit == null ? null : limit.subtract(spent).max(BigDecimal.ZERO))
        .put("include_byok_in_limit", false)
        .put("usage", spent)
        .put("usage_daily", spent)
        .put("usage_weekly", spent)
        .put("usage_monthly", spent)
        .put("byok_usage", 0)
        .put("byok_usage_daily", 0)
        .put("byok_usage_weekly", 0)
        .put("byok_usage_monthly", 0)
        .put("is_free_tier", false);
    ObjectNode root = JSON.createObjectNode();
    root.set("data", data);
    return JSON.writeValueAsString(root);
  }

  private synchronized FakeLlmAnswer credits(String key) {
    if (!managementKeys.contains(key)) {
      return error(403, "Only management keys can perform this operation", null);
    }
    BigDecimal total = usage.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    ObjectNode root = JSON.createObjectNode();
    root.putObject("data").put("total_credits", new BigDecimal("100")).put("total_usage", total);
    return FakeLlmAnswer.json(200, JSON.writeValueAsString(root));
  }
}
