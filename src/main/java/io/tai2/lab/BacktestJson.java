package io.tai2.lab;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The report's JSON: snake_case, times as ISO-8601, absent values as null, like the rest of tai2's API. */
public final class BacktestJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private BacktestJson() {}

  public static String write(BacktestReport report) {
    return MAPPER.writeValueAsString(report);
  }

  static JsonNode tree(String json) {
    return MAPPER.readTree(json);
  }

  public static BacktestReport read(String json) {
    return MAPPER.readValue(json, BacktestReport.class);
  }
}
