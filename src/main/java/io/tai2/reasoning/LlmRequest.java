package io.tai2.reasoning;

import java.util.Optional;
import java.util.OptionalInt;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One chat completion to ask for: model, system and user text, and optionally a JSON schema the reply must follow,
 * the sampling temperature, a token cap and a reasoning effort ({@code low}, {@code medium}, {@code high}).
 */
public record LlmRequest(
    String model,
    String system,
    String user,
    Optional<JsonNode> responseSchema,
    double temperature,
    OptionalInt maxTokens,
    Optional<String> reasoningEffort) {

  public static final double DEFAULT_TEMPERATURE = 0.2;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public LlmRequest {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException(
          "an LLM request needs a model id, e.g. openai/gpt-4o-mini");
    }
    system = system == null ? "" : system;
    user = user == null ? "" : user;
    if (temperature < 0 || temperature > 2) {
      throw new IllegalArgumentException("temperature must be within [0, 2], was " + temperature);
    }
    responseSchema
        .filter(s -> !s.isObject())
        .ifPresent(
            s -> {
              throw new IllegalArgumentException("the response schema must be a JSON object");
            });
    maxTokens.stream()
        .filter(n -> n < 1)
        .findAny()
        .ifPresent(
            n -> {
              throw new IllegalArgumentException("max_tokens must be at least 1, was " + n);
            });
  }

  /** Plain text in, text out, at the default temperature. */
  public static LlmRequest of(String model, String system, String user) {
    return new LlmRequest(
        model,
        system,
        user,
        Optional.empty(),
        DEFAULT_TEMPERATURE,
        OptionalInt.empty(),
        Optional.empty());
  }

  public LlmRequest withSchema(JsonNode schema) {
    return new LlmRequest(
        model, system, user, Optional.of(schema), temperature, maxTokens, reasoningEffort);
  }

  /** The schema as JSON text; {@link IllegalArgumentException} if it does not parse. */
  public LlmRequest withSchema(String schemaJson) {
    try {
      return withSchema(JSON.readTree(schemaJson));
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "the response schema is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  public LlmRequest withTemperature(double value) {
    return new LlmRequest(model, system, user, responseSchema, value, maxTokens, reasoningEffort);
  }

  public LlmRequest withMaxTokens(int value) {
    return new LlmRequest(
        model, system, user, responseSchema, temperature, OptionalInt.of(value), reasoningEffort);
  }

  public LlmRequest withReasoningEffort(String effort) {
    return new LlmRequest(
        model, system, user, responseSchema, temperature, maxTokens, Optional.of(effort));
  }
}
