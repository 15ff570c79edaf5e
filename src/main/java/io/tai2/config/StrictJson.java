package io.tai2.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads settings changes exactly as written: unknown or duplicate fields, explicit nulls, strings for numbers or
 * booleans, fractions for whole numbers, numbers for text and oversized input are refused, each as a
 * {@link FieldError} naming the JSON path ({@code guardrails.max_trades_per_hour}), so no typo or wrong type is ever
 * silently kept, defaulted or rounded.
 */
public final class StrictJson {

  /** The longest string a setting may hold (a response-schema override, a model id is far shorter). */
  public static final int MAX_STRING = 64 * 1024;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(MAX_STRING)
                  .maxNumberLength(100)
                  .maxNestingDepth(20)
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** The mapper of settings changes: strict in every way listed above. */
  static final JsonMapper STRICT =
      JsonMapper.builder(FACTORY)
          .enable(
              DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
              DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
              DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
              DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(
              DeserializationFeature.ACCEPT_FLOAT_AS_INT,
              DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
              DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
              DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .withCoercionConfigDefaults(
              c ->
                  c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                      .setAcceptBlankAsEmpty(false))
          .withCoercionConfig(
              LogicalType.Textual,
              c ->
                  c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert)
                      .setCoercion(CoercionInputShape.EmptyString, CoercionAction.TryConvert))
          .withCoercionConfig(
              LogicalType.Boolean,
              c ->
                  c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
          .withCoercionConfig(
              LogicalType.Integer,
              c -> c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
          .build();

  /** Stored documents: written by tai2 itself, possibly by an older version, so a field no longer known is skipped. */
  static final JsonMapper STORED =
      STRICT.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private StrictJson() {}

  /** A request body as a JSON tree; malformed JSON, a duplicate field or oversized input is refused. */
  public static JsonNode parse(String body) {
    try (JsonParser parser = STRICT.createParser(body == null ? "" : body)) {
      try {
        JsonNode node = STRICT.readTree(parser);
        if (node == null || node.isMissingNode()) {
          throw new InvalidSettingsChangeException("", "the body is empty; send a JSON object");
        }
        return node;
      } catch (JacksonException e) {
        // where the parser stopped is the field at fault (a string too long, a duplicate name, a
        // broken number)
        FieldError found = error("", e);
        List<String> at = pathOf(parser.streamReadContext());
        return refuse(
            found.path().isEmpty() && !at.isEmpty()
                ? new FieldError(String.join(".", at), found.message())
                : found);
      }
    }
  }

  private static JsonNode refuse(FieldError error) {
    throw new InvalidSettingsChangeException(List.of(error));
  }

  /** {@code node} as a {@code type}, without any {@code null} in it; a failure names its path under {@code prefix} ("guardrails"). */
  public static <T> T bind(JsonNode node, Class<T> type, String prefix) {
    return bind(node, type, prefix, Set.of());
  }

  /**
   * {@code node} as a {@code type}; a failure names its path under {@code prefix}. An explicit {@code null} is refused
   * except for the top-level fields in {@code nullable} (where it means "remove"): a field left out keeps its value, so
   * a null could only be a mistake.
   */
  public static <T> T bind(JsonNode node, Class<T> type, String prefix, Set<String> nullable) {
    if (!node.isObject()) {
      throw new InvalidSettingsChangeException(
          prefix, "must be an object of fields, such as {\"field\": value}");
    }
    List<FieldError> nulls = new ArrayList<>();
    node.properties()
        .forEach(
            e -> {
              if (!(e.getValue().isNull() && nullable.contains(e.getKey()))) {
                findNulls(
                    e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), nulls);
              }
            });
    InvalidSettingsChangeException.throwIfAny(nulls);
    try {
      return STRICT.treeToValue(node, type);
    } catch (JacksonException e) {
      throw new InvalidSettingsChangeException(List.of(error(prefix, e)));
    }
  }

  private static void findNulls(JsonNode node, String path, List<FieldError> out) {
    if (node.isNull()) {
      out.add(new FieldError(path, "must not be null (leave the field out to keep its value)"));
    } else if (node.isObject()) {
      node.properties().forEach(e -> findNulls(e.getValue(), path + "." + e.getKey(), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        findNulls(node.get(i), path + "." + i, out);
      }
    }
  }

  /** A stored document as a {@code type}: unknown fields and nulls are skipped (they keep the current value). */
  public static <T> T stored(String json, Class<T> type) {
    return STORED.readValue(json, type);
  }

  /** The dotted path of a Jackson failure under {@code prefix}, and what was wrong, in words (never the value itself). */
  static FieldError error(String prefix, JacksonException e) {
    List<String> parts = new ArrayList<>();
    if (!prefix.isEmpty()) {
      parts.add(prefix);
    }
    List<JacksonException.Reference> path = e.getPath();
    if (path.isEmpty() && e.processor() instanceof JsonParser parser) {
      parts.addAll(pathOf(parser.streamReadContext()));
    }
    for (JacksonException.Reference ref : path) {
      parts.add(
          ref.getPropertyName() != null ? ref.getPropertyName() : Integer.toString(ref.getIndex()));
    }
    return new FieldError(String.join(".", parts), message(e));
  }

  private static List<String> pathOf(TokenStreamContext context) {
    List<String> names = new ArrayList<>();
    for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        names.addFirst(Integer.toString(Math.max(c.getCurrentIndex(), 0)));
      } else if (c.currentName() != null) {
        names.addFirst(c.currentName());
      }
    }
    return names;
  }

  private static String message(JacksonException e) {
    return switch (e) {
      case UnrecognizedPropertyException u -> "not a known field" + known(u.getKnownPropertyIds());
      case InputCoercionException c -> "is out of range";
      case StreamConstraintsException c ->
          c.getMessage().startsWith("String")
              ? "is longer than " + MAX_STRING + " characters"
              : c.getMessage().startsWith("Number")
                  ? "has too many digits"
                  : c.getMessage().contains("nesting")
                      ? "nests deeper than 20 levels"
                      : brief(c.getMessage());
      case MismatchedInputException m -> "must be " + expected(m.getTargetType());
      default ->
          e.getOriginalMessage() == null ? "is not valid JSON" : brief(e.getOriginalMessage());
    };
  }

  private static String known(Collection<Object> ids) {
    return ids == null || ids.isEmpty()
        ? ""
        : "; the fields are " + ids.stream().map(String::valueOf).sorted().toList();
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number (no quotes, no fraction)";
    }
    if (Number.class.isAssignableFrom(type)) {
      return "a number (no quotes)";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false (no quotes)";
    }
    if (type == UUID.class) {
      return "an id such as 11111111-1111-4111-8111-111111111111";
    }
    if (type == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list such as [\"BTC-USDT-SWAP\"]";
    }
    return "an object of fields";
  }

  /** The parser's own words without the echo of the input (which could be a secret). */
  private static String brief(String message) {
    int cut = message.indexOf(" at [");
    String text = cut > 0 ? message.substring(0, cut) : message;
    text =
        text.replaceAll("\\(.*?\\)", "").replaceAll("'[^']*'", "").replaceAll("\\s+", " ").strip();
    return text.length() > 200 ? text.substring(0, 200) : text;
  }
}
