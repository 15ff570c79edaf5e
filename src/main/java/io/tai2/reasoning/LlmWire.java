package io.tai2.reasoning;

import io.tai2.config.Secret;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI-compatible JSON (docs/spec/okx-openrouter-protocols.md §11) to and from tai2's records: the request body, the completion, error
 * bodies, the model list and OpenRouter's key status. Parses leniently: fields a local server leaves out become
 * empty, not errors.
 */
final class LlmWire {

  /** Floats as {@code BigDecimal}, so costs keep every digit the endpoint sent. */
  static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private final LlmClientConfig config;
  private final Clock clock;

  LlmWire(LlmClientConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /**
   * The chat body. {@code provider.require_parameters} goes only to OpenRouter: it keeps the request away from
   * providers that would silently ignore the schema, while OpenAI itself rejects fields it does not know.
   */
  String requestBody(LlmRequest request) {
    ObjectNode root = JSON.createObjectNode().put("model", request.model());
    ArrayNode messages = root.putArray("messages");
    if (!request.system().isBlank()) {
      messages.addObject().put("role", "system").put("content", request.system());
    }
    messages.addObject().put("role", "user").put("content", request.user());
    root.put("temperature", request.temperature());
    request.maxTokens().ifPresent(n -> root.put("max_tokens", n));
    request
        .responseSchema()
        .ifPresent(
            schema -> {
              ObjectNode jsonSchema =
                  root.putObject("response_format")
                      .put("type", "json_schema")
                      .putObject("json_schema");
              // strict only when the schema allows it (every property required, no others): strict
              // providers refuse the rest.
              jsonSchema
                  .put("name", "tai2_decision")
                  .put("strict", ResponseSchema.strictCompatible(schema))
                  .set("schema", schema);
              if (config.dialect() == LlmClientConfig.Dialect.OPENROUTER) {
                root.putObject("provider").put("require_parameters", true);
              }
            });
    request
        .reasoningEffort()
        .ifPresent(effort -> root.putObject("reasoning").put("effort", effort));
    return JSON.writeValueAsString(root);
  }

  /** A 200 chat completion; a body that reports an error, has no choice or has empty content is a failed attempt. */
  LlmReply reply(HttpResponse<String> response, LlmRequest request, Duration latency, int attempt)
      throws LlmFailure.Raised {
    JsonNode root = parse(response.body());
    if (root.path("error").isObject()) {
      throw failure(root.path("error").path("code").asInt(502), root, response).raise();
    }
    JsonNode choice = root.path("choices").path(0);
    if (choice.isMissingNode()) {
      throw LlmFailure.of(LlmException.Kind.INVALID_RESPONSE, 200, "no choices in the reply")
          .raise();
    }
    String finish = choice.path("finish_reason").asString("");
    if (choice.path("error").isObject() || finish.equals("error")) {
      throw LlmFailure.of(
              LlmException.Kind.SERVER,
              200,
              scrub(choice.path("error").path("message").asString("finish_reason error")))
          .raise();
    }
    String content = text(choice.path("message").path("content"));
    if (content.isBlank()) {
      throw LlmFailure.of(
              LlmException.Kind.EMPTY_REPLY, 200, "empty content, finish_reason " + finish)
          .raise();
    }
    boolean truncated = content.length() > LlmClient.MAX_CONTENT_CHARS;
    Optional<String> id =
        text(root, "id").or(() -> response.headers().firstValue("X-Generation-Id"));
    return new LlmReply(
        truncated ? content.substring(0, LlmClient.MAX_CONTENT_CHARS) : content,
        truncated,
        finish,
        text(root, "model").orElse(request.model()),
        text(root, "provider"),
        id,
        usage(root.path("usage")),
        latency,
        attempt);
  }

  /** A non-200 answer as a failed attempt, with OpenRouter's message, availability code and Retry-After. */
  LlmFailure error(HttpResponse<String> response) {
    JsonNode root;
    try {
      root = JSON.readTree(response.body());
    } catch (JacksonException e) {
      root = JSON.createObjectNode().put("error", abbreviate(response.body()));
    }
    return failure(response.statusCode(), root, response);
  }

  private LlmFailure failure(int status, JsonNode root, HttpResponse<String> response) {
    JsonNode error = root.path("error");
    String message = error.isString() ? error.asString() : error.path("message").asString("");
    String availability = error.path("availability").path("code").asString("");
    Optional<Duration> retryAfter =
        LlmRetry.retryAfter(response.headers().firstValue("Retry-After"), clock);
    if (retryAfter.isEmpty() && error.path("availability").path("retry_after").isNumber()) {
      retryAfter =
          Optional.of(Duration.ofSeconds(error.path("availability").path("retry_after").asLong()));
    }
    return new LlmFailure(
        kindOf(status, availability),
        status,
        scrub(abbreviate(message)),
        retryAfter,
        availability,
        null);
  }

  static LlmException.Kind kindOf(int status, String availabilityCode) {
    if (status == 404 || availabilityCode.equals("model_not_found")) {
      return LlmException.Kind.MODEL_UNAVAILABLE;
    }
    return switch (status) {
      case 401 -> LlmException.Kind.AUTH;
      case 402 -> LlmException.Kind.CREDITS;
      case 403 -> LlmException.Kind.FORBIDDEN;
      case 408, 524 -> LlmException.Kind.TIMEOUT;
      case 429 -> LlmException.Kind.RATE_LIMITED;
      default ->
          status >= 500
              ? LlmException.Kind.SERVER
              : status >= 400 ? LlmException.Kind.BAD_REQUEST : LlmException.Kind.INVALID_RESPONSE;
    };
  }

  /** {@code GET /models}; OpenAI and local servers send only ids, which become models without prices. */
  List<LlmModel> models(String body) throws LlmFailure.Raised {
    JsonNode data = parse(body).path("data");
    if (!data.isArray()) {
      throw LlmFailure.of(
              LlmException.Kind.INVALID_RESPONSE, 200, "no data array in the model list")
          .raise();
    }
    return data.valueStream()
        .filter(m -> !m.path("id").asString("").isBlank())
        .map(
            m ->
                new LlmModel(
                    m.path("id").asString(),
                    m.path("name").asString(m.path("id").asString()),
                    m.path("context_length").asInt(0),
                    perMillion(m.path("pricing").path("prompt")),
                    perMillion(m.path("pricing").path("completion")),
                    m.path("supported_parameters")
                        .valueStream()
                        .anyMatch(p -> p.asString("").equals("structured_outputs"))))
        .toList();
  }

  /** OpenRouter's {@code GET /key}. */
  LlmKeyStatus keyStatus(String body) throws LlmFailure.Raised {
    JsonNode data = parse(body).path("data");
    if (!data.isObject()) {
      throw LlmFailure.of(
              LlmException.Kind.INVALID_RESPONSE, 200, "no data object in the key status")
          .raise();
    }
    return new LlmKeyStatus(
        data.path("label").asString(""),
        decimal(data.path("limit")),
        decimal(data.path("limit_remaining")),
        decimal(data.path("usage")).orElse(BigDecimal.ZERO),
        decimal(data.path("usage_daily")).orElse(BigDecimal.ZERO));
  }

  /** OpenRouter's {@code GET /credits} (management keys only): what the account bought and used, in USD. */
  LlmCredits.Account credits(String body) throws LlmFailure.Raised {
    JsonNode data = parse(body).path("data");
    Optional<BigDecimal> total = decimal(data.path("total_credits"));
    if (!data.isObject() || total.isEmpty()) {
      throw LlmFailure.of(
              LlmException.Kind.INVALID_RESPONSE,
              200,
              "no data.total_credits in the credits answer")
          .raise();
    }
    return new LlmCredits.Account(
        total.get(), decimal(data.path("total_usage")).orElse(BigDecimal.ZERO));
  }

  private JsonNode parse(String body) throws LlmFailure.Raised {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      throw LlmFailure.of(
              LlmException.Kind.INVALID_RESPONSE,
              200,
              "not a JSON object: " + scrub(abbreviate(body)))
          .raise();
    }
    return root;
  }

  private static LlmUsage usage(JsonNode usage) {
    return new LlmUsage(
        count(usage.path("prompt_tokens")),
        count(usage.path("completion_tokens")),
        count(usage.path("total_tokens")),
        decimal(usage.path("cost")));
  }

  /** Message content: a string, or (some providers) an array of parts whose text is joined. */
  private static String text(JsonNode content) {
    if (content.isArray()) {
      StringBuilder joined = new StringBuilder();
      content.forEach(
          part ->
              joined.append(part.isString() ? part.asString() : part.path("text").asString("")));
      return joined.toString();
    }
    return content.isString() ? content.asString() : "";
  }

  private static Optional<String> text(JsonNode node, String field) {
    String value = node.path(field).asString("");
    return value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  private static OptionalLong count(JsonNode node) {
    return node.isNumber() ? OptionalLong.of(node.asLong()) : OptionalLong.empty();
  }

  private static Optional<BigDecimal> decimal(JsonNode node) {
    if (node.isNumber()) {
      return Optional.of(node.decimalValue());
    }
    try {
      return node.isString()
          ? Optional.of(new BigDecimal(node.asString().trim()))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** OpenRouter prices are USD per token as strings; negative ("-1": priced per route) reads as unknown, zero. */
  private static BigDecimal perMillion(JsonNode price) {
    BigDecimal perToken = decimal(price).filter(p -> p.signum() > 0).orElse(BigDecimal.ZERO);
    return perToken.multiply(MILLION).stripTrailingZeros();
  }

  /** Defence in depth: should an endpoint ever echo the key, it goes no further than here. */
  private String scrub(String message) {
    return config
        .apiKey()
        .map(Secret::reveal)
        .filter(key -> !key.isBlank())
        .map(key -> message.replace(key, "****"))
        .orElse(message);
  }

  private static String abbreviate(String text) {
    String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
  }
}
