package io.tai2.sim;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fake OpenRouter's model catalogue (docs/spec/okx-openrouter-protocols.md §11.7): a few fixed models with per-token string prices, one of
 * them without {@code structured_outputs} so routing constraints can be exercised.
 */
final class FakeLlmModels {

  /** One model of the fixture; prices are USD per token, as OpenRouter publishes them. */
  record Model(
      String id,
      String name,
      String provider,
      int contextLength,
      BigDecimal promptPrice,
      BigDecimal completionPrice,
      boolean structuredOutputs) {

    List<String> supportedParameters() {
      return structuredOutputs
          ? List.of(
              "max_tokens",
              "temperature",
              "top_p",
              "stop",
              "seed",
              "reasoning",
              "response_format",
              "structured_outputs",
              "tools",
              "tool_choice")
          : List.of("max_tokens", "temperature", "top_p", "stop", "seed", "response_format");
    }
  }

  static final List<Model> FIXTURE =
      List.of(
          new Model(
              "openai/gpt-4o-mini",
              "OpenAI: GPT-4o-mini",
              "OpenAI",
              128_000,
              new BigDecimal("0.00000015"),
              new BigDecimal("0.0000006"),
              true),
          new Model(
              "anthropic/claude-3.5-haiku",
              "Anthropic: Claude 3.5 Haiku",
              "Anthropic",
              200_000,
              new BigDecimal("0.0000008"),
              new BigDecimal("0.000004"),
              true),
          new Model(
              "meta-llama/llama-3.1-8b-instruct",
              "Meta: Llama 3.1 8B Instruct",
              "DeepInfra",
              131_072,
              new BigDecimal("0.00000002"),
              new BigDecimal("0.00000005"),
              false),
          new Model(
              "meta-llama/llama-3.3-70b-instruct:free",
              "Meta: Llama 3.3 70B Instruct (free)",
              "Venice",
              65_536,
              BigDecimal.ZERO,
              BigDecimal.ZERO,
              false));

  private final JsonMapper json;
  private final long created;

  FakeLlmModels(JsonMapper json, long createdEpochSeconds) {
    this.json = json;
    this.created = createdEpochSeconds;
  }

  static Optional<Model> find(String id) {
    return FIXTURE.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /** {@code GET /models}, optionally only models that support every listed parameter (comma-separated). */
  String list(String supportedParameters) {
    List<String> wanted =
        supportedParameters.isBlank() ? List.of() : List.of(supportedParameters.split(","));
    ObjectNode root = json.createObjectNode();
    ArrayNode data = root.putArray("data");
    FIXTURE.stream()
        .filter(
            m -> m.supportedParameters().containsAll(wanted.stream().map(String::trim).toList()))
        .forEach(m -> data.add(model(m)));
    root.put("total_count", data.size());
    root.putObject("links").putNull("next");
    return json.writeValueAsString(root);
  }

  /** {@code GET /model/{author}/{slug}}: {@code {"data": Model}}. */
  String one(Model m) {
    ObjectNode root = json.createObjectNode();
    root.set("data", model(m));
    return json.writeValueAsString(root);
  }

  private ObjectNode model(Model m) {
    ObjectNode node = json.createObjectNode();
    node.put("id", m.id())
        .put("canonical_slug", m.id())
        .put("name", m.name())
        .put("created", created)
        .put("description", "Fixture model of the tai2 simulator.")
        .put("context_length", m.contextLength());
    ObjectNode arch = node.putObject("architecture");
    arch.put("modality", "text->text");
    arch.putArray("input_modalities").add("text");
    arch.putArray("output_modalities").add("text");
    arch.put("tokenizer", "Other").putNull("instruct_type");
    ObjectNode pricing = node.putObject("pricing");
    pricing
        .put("prompt", m.promptPrice().toPlainString())
        .put("completion", m.completionPrice().toPlainString())
        .put("request", "0")
        .put("image", "0")
        .put("web_search", "0")
        .put("internal_reasoning", "0");
    node.putObject("top_provider")
        .put("context_length", m.contextLength())
        .put("max_completion_tokens", 16_384)
        .put("is_moderated", false);
    node.putNull("per_request_limits");
    ArrayNode params = node.putArray("supported_parameters");
    m.supportedParameters().forEach(params::add);
    node.putNull("default_parameters");
    node.putNull("expiration_date");
    node.putObject("links").put("details", "/api/v1/models/" + m.id() + "/endpoints");
    return node;
  }
}
