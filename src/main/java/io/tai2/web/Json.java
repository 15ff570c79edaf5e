package io.tai2.web;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Embeds JSON text that the application produced (prompt context, schema, decision) in a response, numbers exact. */
final class Json {

  static final JsonMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private Json() {}

  static JsonNode parse(String json) {
    return MAPPER.readTree(json);
  }
}
