package io.tai2.reasoning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schema the model's reply must follow, and the check of an operator's override. The default is valid under
 * OpenAI/OpenRouter {@code strict: true}: every property is required (optional ones are nullable), no extra properties,
 * and no range keywords ({@code minimum}, {@code maximum}), which several strict providers refuse; ranges are stated in
 * the descriptions and enforced by {@link DecisionParser}.
 */
public final class ResponseSchema {

  static final int MAX_OVERRIDE_CHARS = 32 * 1024;

  private static final String DEFAULT_TEXT =
      """
      {
        "type": "object",
        "additionalProperties": false,
        "required": ["action", "confidence", "position_size", "equity_pct", "rationale", "risk_score",
                     "stop_loss", "take_profit", "timeframe_alignment", "notes", "tags"],
        "properties": {
          "action": {"type": "string", "enum": ["BUY", "SELL", "HOLD", "CLOSE"],
            "description": "BUY opens or adds to a long, SELL opens or adds to a short, CLOSE flattens the open position, HOLD does nothing."},
          "confidence": {"type": "number", "description": "How sure you are, from 0 to 1."},
          "position_size": {"type": ["number", "null"],
            "description": "Suggested size in contracts, 0 or more; a hint only, the engine sizes the order within the caps. null if none."},
          "equity_pct": {"type": ["number", "null"], "description": "Fraction of equity to commit, from 0 to 1. null if none."},
          "rationale": {"type": "string",
            "description": "Short explanation citing the freshness and guardrail checks and naming any blocker. Required for BUY and SELL."},
          "risk_score": {"type": "number", "description": "How risky the trade is, from 0 (low) to 1 (high)."},
          "stop_loss": {"type": ["number", "null"],
            "description": "Stop-loss trigger price. Required for BUY (below the price) and SELL (above the price), else choose HOLD. Within 50% of the price."},
          "take_profit": {"type": ["number", "null"],
            "description": "Take-profit trigger price: above the price for BUY, below for SELL. Within 50% of the price. null if none."},
          "timeframe_alignment": {"type": ["string", "null"], "description": "How the timeframes agree, in a few words. null if none."},
          "notes": {"type": ["string", "null"], "description": "Anything else worth recording. null if none."},
          "tags": {"type": "array", "items": {"type": "string"}, "description": "Up to 16 short labels; may be empty."}
        }
      }
      """;

  private static final JsonNode DEFAULT = ReplyJson.MAPPER.readTree(DEFAULT_TEXT);

  private ResponseSchema() {}

  /** The default schema as a tree (a fresh copy each time; trees are mutable). */
  public static JsonNode json() {
    return DEFAULT.deepCopy();
  }

  /** The default schema as compact JSON text. */
  public static String text() {
    return DEFAULT.toString();
  }

  /**
   * Whether {@code strict: true} may be sent with {@code schema}: every object schema in it (the root, nested
   * properties, array items) lists all its properties in {@code required} and sets {@code additionalProperties: false}.
   * Provider-specific keyword support is not judged here.
   */
  public static boolean strictCompatible(JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return false;
    }
    for (JsonNode option : schema.path("anyOf").values()) {
      if (!strictCompatible(option)) {
        return false;
      }
    }
    JsonNode items = schema.get("items");
    if (items != null && !strictCompatible(items)) {
      return false;
    }
    if (!hasType(schema, "object")) {
      return true;
    }
    JsonNode properties = schema.get("properties");
    JsonNode additional = schema.get("additionalProperties");
    if (properties == null
        || !properties.isObject()
        || additional == null
        || !additional.isBoolean()
        || additional.booleanValue()) {
      return false;
    }
    Set<String> required = new HashSet<>();
    schema
        .path("required")
        .values()
        .forEach(r -> required.add(r.isString() ? r.stringValue() : ""));
    if (!required.equals(new HashSet<>(properties.propertyNames()))) {
      return false;
    }
    return properties.valueStream().allMatch(ResponseSchema::strictCompatible);
  }

  /** Checks an operator's override: JSON, an object schema that defines at least {@code action} and {@code confidence}. */
  public static SchemaCheck check(String override) {
    if (override == null || override.isBlank()) {
      return new SchemaCheck.Unusable("the schema is empty");
    }
    if (override.length() > MAX_OVERRIDE_CHARS) {
      return new SchemaCheck.Unusable(
          "the schema is too large: "
              + override.length()
              + " characters; the limit is "
              + MAX_OVERRIDE_CHARS);
    }
    JsonNode schema;
    try {
      schema = ReplyJson.MAPPER.readTree(override);
    } catch (JacksonException e) {
      return new SchemaCheck.Unusable("the schema is not usable JSON: " + ReplyJson.describe(e));
    } catch (NumberFormatException e) {
      return new SchemaCheck.Unusable(
          "the schema is not usable JSON: a number is beyond any representable range");
    }
    if (!schema.isObject()) {
      return new SchemaCheck.Unusable("the schema must be a JSON object");
    }
    if (!schema.path("type").isString() || !"object".equals(schema.path("type").stringValue())) {
      return new SchemaCheck.Unusable("the schema needs \"type\": \"object\" at the top");
    }
    JsonNode properties = schema.path("properties");
    if (!properties.isObject() || !properties.has("action") || !properties.has("confidence")) {
      return new SchemaCheck.Unusable(
          "the schema's \"properties\" must define at least \"action\" and \"confidence\"");
    }
    boolean strict = strictCompatible(schema);
    return new SchemaCheck.Usable(schema, strict, warnings(properties, strict));
  }

  private static List<String> warnings(JsonNode properties, boolean strict) {
    List<String> warnings = new ArrayList<>();
    for (String needed : List.of("stop_loss", "risk_score", "rationale")) {
      if (!properties.has(needed)) {
        warnings.add(
            "no \""
                + needed
                + "\" property: BUY and SELL replies need it and will be rejected without it");
      }
    }
    for (JsonNode value : properties.path("action").path("enum").values()) {
      if (!value.isString() || Decision.Action.named(value.stringValue()).isEmpty()) {
        String named = value.isString() ? value.stringValue() : value.toString();
        warnings.add(
            "action value "
                + UntrustedText.quote(named)
                + " is not BUY, SELL, HOLD or CLOSE: such replies will be rejected");
      }
    }
    if (!strict) {
      warnings.add(
          "not strict-compatible (every property required, additionalProperties false): sent without strict");
    }
    return warnings;
  }

  private static boolean hasType(JsonNode schema, String type) {
    JsonNode declared = schema.path("type");
    if (declared.isString()) {
      return type.equals(declared.stringValue());
    }
    return declared.valueStream().anyMatch(t -> t.isString() && type.equals(t.stringValue()));
  }
}
