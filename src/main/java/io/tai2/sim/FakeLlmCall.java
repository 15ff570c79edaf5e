package io.tai2.sim;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * One request the fake LLM received, as tests assert on it: headers (the {@code Authorization} value masked to its
 * scheme, so recordings never hold a key), the raw JSON body and the status answered ({@code 0} = dropped).
 */
public record FakeLlmCall(
    Instant receivedAt,
    String method,
    String path,
    Map<String, String> headers,
    String body,
    int status) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public FakeLlmCall {
    Map<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseInsensitive.putAll(headers);
    headers = Collections.unmodifiableMap(caseInsensitive);
  }

  /** A header value, if sent (case-insensitive name). */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** Whether an {@code Authorization} header was sent at all. */
  public boolean authorized() {
    return headers.containsKey("Authorization");
  }

  /** The body as JSON (a missing node when it was empty or not JSON). */
  public JsonNode json() {
    if (body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(body);
    } catch (JacksonException e) {
      return MissingNode.getInstance();
    }
  }

  FakeLlmCall answered(int answeredStatus) {
    return new FakeLlmCall(receivedAt, method, path, headers, body, answeredStatus);
  }
}
