package io.tai2.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fake LLM's replies in OpenRouter's shapes (docs/spec/okx-openrouter-protocols.md §11.3–11.4): the default content that satisfies the
 * request's JSON schema, usage and cost from the fixture prices, the completion body and its SSE form.
 */
final class FakeLlmCompletion {

  /** Characters per token, OpenRouter's rule of thumb; good enough for a fake. */
  private static final int CHARS_PER_TOKEN = 4;

  /** Characters of content per SSE delta chunk. */
  private static final int CHUNK_CHARS = 16;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** What a generation cost: tokens and USD per part. */
  record Usage(
      int promptTokens, int completionTokens, BigDecimal promptCost, BigDecimal completionCost) {

    int totalTokens() {
      return promptTokens + completionTokens;
    }

    BigDecimal cost() {
      return promptCost.add(completionCost);
    }
  }

  /** Who answered and when: the fields every body and chunk repeats. */
  record Generation(String id, long created, FakeLlmModels.Model model) {}

  private final JsonMapper json;

  FakeLlmCompletion(JsonMapper json) {
    this.json = json;
  }

  static int tokens(int chars) {
    return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
  }

  /** Prompt tokens from the characters of every message's text, completion tokens from the reply. */
  static Usage usage(FakeLlmModels.Model model, JsonNode messages, String content) {
    int chars = 0;
    for (JsonNode message : messages) {
      JsonNode c = message.path("content");
      if (c.isArray()) {
        for (JsonNode part : c) {
          chars += part.path("text").asString("").length();
        }
      } else {
        chars += c.asString("").length();
      }
    }
    int prompt = Math.max(1, tokens(chars));
    int completion = tokens(content.length());
    return new Usage(
        prompt,
        completion,
        model.promptPrice().multiply(BigDecimal.valueOf(prompt)).stripTrailingZeros(),
        model.completionPrice().multiply(BigDecimal.valueOf(completion)).stripTrailingZeros());
  }

  /** The schema of {@code response_format: {type: json_schema}}, or a missing node. */
  static JsonNode schemaOf(JsonNode body) {
    JsonNode format = body.path("response_format");
    return format.path("type").asString("").equals("json_schema")
        ? format.path("json_schema").path("schema")
        : MissingNode.getInstance();
  }

  /**
   * A HOLD decision: with a schema, an object that fills every required property with a value of its type (enums
   * take HOLD when they offer it, nullable numbers take null); without one, tai2's decision fields.
   */
  String defaultContent(JsonNode schema) {
    if (schema.isMissingNode() || !schema.isObject()) {
      ObjectNode hold = json.createObjectNode();
      hold.put("action", "HOLD")
          .put("confidence", 0.5)
          .put("position_size", 0)
          .putNull("take_profit")
          .putNull("stop_loss")
          .put("rationale", "fake LLM default reply: no edge, hold");
      return json.writeValueAsString(hold);
    }
    return json.writeValueAsString(value(schema, "", 0));
  }

  private JsonNode value(JsonNode schema, String name, int depth) {
    if (schema.has("const")) {
      return schema.get("const");
    }
    if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
      for (JsonNode option : schema.path("enum")) {
        if (option.asString("").equals("HOLD")) {
          return option;
        }
      }
      return schema.path("enum").get(0);
    }
    for (String alternatives : List.of("anyOf", "oneOf")) {
      if (schema.path(alternatives).isArray() && !schema.path(alternatives).isEmpty()) {
        return value(schema.path(alternatives).get(0), name, depth);
      }
    }
    List<String> types = new ArrayList<>();
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      type.forEach(t -> types.add(t.asString()));
    } else if (type.isString()) {
      types.add(type.asString());
    } else {
      types.add(schema.has("properties") ? "object" : "string");
    }
    if (types.contains("null") || depth > 8) {
      return NODES.nullNode();
    }
    return switch (types.getFirst()) {
      case "object" -> object(schema, depth);
      case "array" -> {
        ArrayNode items = NODES.arrayNode();
        for (int i = 0; i < schema.path("minItems").asInt(0); i++) {
          items.add(value(schema.path("items"), name, depth + 1));
        }
        yield items;
      }
      case "number" -> NODES.numberNode(clamp(schema, name.equals("confidence") ? 0.5 : 0));
      case "integer" -> NODES.numberNode((long) Math.ceil(clamp(schema, 0)));
      case "boolean" -> NODES.booleanNode(false);
      default -> {
        String text = name.equals("action") ? "HOLD" : "fake LLM default reply: no edge, hold";
        int min = schema.path("minLength").asInt(0);
        yield NODES.stringNode(
            text.length() >= min ? text : text + "x".repeat(min - text.length()));
      }
    };
  }

  private ObjectNode object(JsonNode schema, int depth) {
    ObjectNode object = NODES.objectNode();
    JsonNode properties = schema.path("properties");
    List<String> names = new ArrayList<>();
    if (schema.path("required").isArray()) {
      schema.path("required").forEach(r -> names.add(r.asString()));
    } else {
      names.addAll(properties.propertyNames());
    }
    for (String property : names) {
      object.set(property, value(properties.path(property), property, depth + 1));
    }
    return object;
  }

  private static double clamp(JsonNode schema, double preferred) {
    double value = preferred;
    if (schema.path("minimum").isNumber()) {
      value = Math.max(value, schema.path("minimum").asDouble());
    }
    if (schema.path("exclusiveMinimum").isNumber()
        && value <= schema.path("exclusiveMinimum").asDouble()) {
      value = schema.path("exclusiveMinimum").asDouble() + 1;
    }
    if (schema.path("maximum").isNumber()) {
      value = Math.min(value, schema.path("maximum").asDouble());
    }
    return value;
  }

  /** A non-streaming {@code chat.completion}. */
  String body(Generation g, String content, String finishReason, Usage usage) {
    ObjectNode root = head(g, "chat.completion");
    ObjectNode choice = root.putArray("choices").addObject();
    choice
        .put("index", 0)
        .putNull("logprobs")
        .put("finish_reason", finishReason)
        .put("native_finish_reason", finishReason);
    choice
        .putObject("message")
        .put("role", "assistant")
        .put("content", content)
        .putNull("refusal")
        .putNull("reasoning");
    root.set("usage", usage(usage));
    return json.writeValueAsString(root);
  }

  /**
   * The SSE form: a keep-alive comment, the content in delta chunks (the last carries the finish reason), the usage
   * chunk with empty {@code choices}, then {@code [DONE]}. With {@code failAfterFirst} the stream carries one delta
   * and then a mid-stream error chunk, and ends there.
   */
  List<String> events(
      Generation g, String content, String finishReason, Usage usage, boolean failAfterFirst) {
    List<String> events = new ArrayList<>();
    events.add(": OPENROUTER PROCESSING\n\n");
    List<String> pieces = new ArrayList<>();
    for (int at = 0; at < content.length(); at += CHUNK_CHARS) {
      pieces.add(content.substring(at, Math.min(content.length(), at + CHUNK_CHARS)));
    }
    if (pieces.isEmpty()) {
      pieces.add("");
    }
    for (int i = 0; i < pieces.size(); i++) {
      boolean last = i == pieces.size() - 1 && !failAfterFirst;
      ObjectNode chunk = head(g, "chat.completion.chunk");
      ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
      choice.putObject("delta").put("role", "assistant").put("content", pieces.get(i));
      choice
          .put("finish_reason", last ? finishReason : null)
          .put("native_finish_reason", last ? finishReason : null);
      events.add(data(chunk));
      if (failAfterFirst) {
        ObjectNode error = head(g, "chat.completion.chunk");
        error
            .putObject("error")
            .put("code", 502)
            .put("message", "Provider returned error")
            .putObject("metadata")
            .put("error_type", "provider_unavailable");
        ObjectNode failed = error.putArray("choices").addObject().put("index", 0);
        failed.putObject("delta").put("content", "");
        failed.put("finish_reason", "error");
        events.add(data(error));
        return events;
      }
    }
    ObjectNode tail = head(g, "chat.completion.chunk");
    tail.putArray("choices");
    tail.set("usage", usage(usage));
    events.add(data(tail));
    events.add("data: [DONE]\n\n");
    return events;
  }

  private String data(ObjectNode chunk) {
    return "data: " + json.writeValueAsString(chunk) + "\n\n";
  }

  private ObjectNode head(Generation g, String object) {
    return json.createObjectNode()
        .put("id", g.id())
        .put("provider", g.model().provider())
        .put("model", g.model().id())
        .put("object", object)
        .put("created", g.created())
        .putNull("system_fingerprint");
  }

  private ObjectNode usage(Usage u) {
    ObjectNode node = json.createObjectNode();
    node.put("prompt_tokens", u.promptTokens())
        .put("completion_tokens", u.completionTokens())
        .put("total_tokens", u.totalTokens());
    node.putObject("prompt_tokens_details").put("cached_tokens", 0);
    node.putObject("completion_tokens_details").put("reasoning_tokens", 0);
    node.put("cost", u.cost()).put("is_byok", false);
    node.putObject("cost_details")
        .putNull("upstream_inference_cost")
        .put("upstream_inference_prompt_cost", u.promptCost())
        .put("upstream_inference_completions_cost", u.completionCost());
    return node;
  }
}
