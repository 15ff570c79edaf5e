package io.tai2.sim;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the fake LLM sends back: status, extra headers, a content type and the body in parts (one part for JSON; for
 * SSE each part is flushed on its own). {@code drop} closes the connection after the parts instead of ending the
 * response, so no parts plus drop means no answer at all and some parts plus drop is a stream cut off midway.
 */
record FakeLlmAnswer(
    int status,
    Map<String, String> headers,
    String contentType,
    List<String> parts,
    Duration delay,
    boolean drop) {

  static FakeLlmAnswer json(int status, String body) {
    return new FakeLlmAnswer(
        status, Map.of(), "application/json", List.of(body), Duration.ZERO, false);
  }

  static FakeLlmAnswer json(int status, Map<String, String> headers, String body) {
    return new FakeLlmAnswer(
        status, headers, "application/json", List.of(body), Duration.ZERO, false);
  }

  FakeLlmAnswer delayed(Duration by) {
    return new FakeLlmAnswer(status, headers, contentType, parts, by, drop);
  }
}
