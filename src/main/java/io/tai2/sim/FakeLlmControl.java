package io.tai2.sim;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scripts the fake LLM over HTTP under {@code /__sim/llm/}, for end-to-end tests against a separately running
 * {@code tai2 sim}. Every endpoint takes and answers JSON:
 *
 * <ul>
 *   <li>{@code POST /__sim/llm/replies} {@code {"content":"…"}} or {@code {"contents":["…","…"]}}: queue replies;
 *   <li>{@code POST /__sim/llm/faults} {@code {"status":429,"times":2,"retry_after":3}}, or {@code {"kind":"delay",
 *       "delay_ms":500}}, {@code {"kind":"empty","times":1}}, {@code {"kind":"truncated"}}, {@code {"kind":"drop"}},
 *       {@code {"kind":"stream_error"}};
 *   <li>{@code POST /__sim/llm/credits} {@code {"key":"…","limit":0}}: a credit limit in USD (402 once reached);
 *   <li>{@code GET /__sim/llm/requests}: the recorded requests, oldest first;
 *   <li>{@code POST /__sim/llm/strategy} {@code {"kind":"alternate","stop_pct":1.0,"take_pct":2.0,"equity_pct":0.05}}
 *       (kinds alternate, long, short): answer unscripted requests from the prompt ({@link FakeLlmStrategy});
 *       {@code DELETE /__sim/llm/strategy} goes back to HOLD;
 *   <li>{@code DELETE /__sim/llm}: forget replies, faults, requests and usage.
 * </ul>
 */
final class FakeLlmControl {

  static final String PREFIX = "/__sim/llm";

  private final FakeLlm llm;

  FakeLlmControl(FakeLlm llm) {
    this.llm = llm;
  }

  static boolean serves(String path) {
    return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
  }

  SimResponse handle(String method, String path, String body) {
    try {
      JsonNode b = body.isBlank() ? FakeLlm.JSON.createObjectNode() : FakeLlm.JSON.readTree(body);
      return switch (method + " " + path) {
        case "POST /__sim/llm/replies" -> replies(b);
        case "POST /__sim/llm/faults" -> fault(b);
        case "POST /__sim/llm/credits" -> {
          llm.creditLimit(text(b, "key"), new BigDecimal(b.path("limit").asString("0")));
          yield new SimResponse(200, "{\"ok\":true}");
        }
        case "GET /__sim/llm/requests" -> new SimResponse(200, requests());
        case "POST /__sim/llm/strategy" -> {
          llm.strategy(Optional.of(FakeLlmStrategy.of(b)));
          yield new SimResponse(
              200,
              "{\"strategy\":\""
                  + FakeLlmStrategy.Kind.parse(b.path("kind").asString("alternate"))
                      .name()
                      .toLowerCase()
                  + "\"}");
        }
        case "DELETE /__sim/llm/strategy" -> {
          llm.strategy(Optional.empty());
          yield new SimResponse(200, "{\"strategy\":null}");
        }
        case "DELETE /__sim/llm" -> {
          llm.reset();
          yield new SimResponse(200, "{\"reset\":true}");
        }
        default ->
            new SimResponse(
                404, "{\"error\":\"unknown control endpoint " + method + " " + path + "\"}");
      };
    } catch (JacksonException | IllegalArgumentException e) {
      return new SimResponse(
          400, FakeLlm.JSON.writeValueAsString(Map.of("error", String.valueOf(e.getMessage()))));
    }
  }

  private SimResponse replies(JsonNode b) {
    int queued = 0;
    if (b.has("content")) {
      llm.enqueueReply(b.path("content").asString());
      queued++;
    }
    for (JsonNode content : b.path("contents")) {
      llm.enqueueReply(content.asString());
      queued++;
    }
    if (queued == 0) {
      throw new IllegalArgumentException(
          "give \"content\" (a string) or \"contents\" (an array of strings)");
    }
    return new SimResponse(200, "{\"queued\":" + queued + "}");
  }

  private SimResponse fault(JsonNode b) {
    int times = b.path("times").asInt(1);
    String kind = b.path("kind").asString(b.has("status") ? "status" : "");
    for (int i = 0; i < times; i++) {
      switch (kind) {
        case "status" -> llm.failNext(b.path("status").asInt(), 1, b.path("retry_after").asLong(0));
        case "delay" -> llm.delayNext(Duration.ofMillis(b.path("delay_ms").asLong(0)));
        case "empty" -> llm.emptyNext(1);
        case "truncated" -> llm.truncateNext();
        case "drop" -> llm.dropNext();
        case "stream_error" -> llm.streamErrorNext();
        default ->
            throw new IllegalArgumentException(
                "unknown fault; give \"status\" (with \"retry_after\") or \"kind\": delay, empty, truncated, drop or stream_error");
      }
    }
    return new SimResponse(200, "{\"armed\":" + times + "}");
  }

  private String requests() {
    ArrayNode rows = FakeLlm.JSON.createArrayNode();
    for (FakeLlmCall call : llm.requests()) {
      ObjectNode row =
          rows.addObject()
              .put("received_at", call.receivedAt().toString())
              .put("method", call.method())
              .put("path", call.path())
              .put("status", call.status())
              .put("authorized", call.authorized());
      ObjectNode headers = row.putObject("headers");
      call.headers().forEach(headers::put);
      row.put("body", call.body());
    }
    return FakeLlm.JSON.writeValueAsString(rows);
  }

  private static String text(JsonNode b, String field) {
    String value = b.path(field).asString("");
    if (value.isBlank()) {
      throw new IllegalArgumentException("\"" + field + "\" is required");
    }
    return value;
  }
}
