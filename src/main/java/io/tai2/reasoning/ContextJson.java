package io.tai2.reasoning;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.List;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Building blocks of the prompt context: numbers written plainly and compactly (exchange decimals as they are,
 * indicator doubles to 6 significant digits, so the same inputs always print the same text), times as ISO-8601.
 */
final class ContextJson {

  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final MathContext SIGNIFICANT = new MathContext(6);

  private ContextJson() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  static JsonNode num(BigDecimal value) {
    if (value == null) {
      return NODES.nullNode();
    }
    BigDecimal plain = value.stripTrailingZeros();
    return NODES.numberNode(plain.scale() < 0 ? plain.setScale(0) : plain);
  }

  static JsonNode num(Double value) {
    return value == null ? NODES.nullNode() : num(value.doubleValue());
  }

  static JsonNode num(double value) {
    if (!Double.isFinite(value)) {
      return NODES.nullNode();
    }
    return num(new BigDecimal(value).round(SIGNIFICANT));
  }

  static JsonNode time(Instant ts) {
    return ts == null ? NODES.nullNode() : NODES.stringNode(ts.toString());
  }

  static JsonNode text(String value) {
    return value == null ? NODES.nullNode() : NODES.stringNode(value);
  }

  static ArrayNode nums(List<Double> values) {
    ArrayNode out = array();
    values.forEach(v -> out.add(num(v)));
    return out;
  }

  static <T> List<T> last(List<T> values, int n) {
    return values.subList(Math.max(0, values.size() - n), values.size());
  }

  /** Parses stored JSON (e.g. a recommendation) back into a node; text that is not JSON stays text. */
  static JsonNode parsed(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (RuntimeException notJson) {
      return text(Sanitizer.text(json, 500));
    }
  }

  static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }
}
