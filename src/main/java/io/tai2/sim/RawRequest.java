package io.tai2.sim;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request exactly as it arrived: the raw request target (path and query, never re-encoded) and the raw body text,
 * so signatures are verified over the bytes the client signed.
 */
public record RawRequest(String method, String rawTarget, Map<String, String> headers, String rawBody) {

  public RawRequest {
    Map<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseInsensitive.putAll(headers);
    headers = caseInsensitive;
    method = method.toUpperCase(Locale.ROOT);
  }

  /** A header value, if present and not blank. */
  public Optional<String> header(String name) {
    String value = headers.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /** The path without the query string. */
  public String path() {
    int q = rawTarget.indexOf('?');
    return q < 0 ? rawTarget : rawTarget.substring(0, q);
  }
}
