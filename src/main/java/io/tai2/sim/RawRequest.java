package io.tai2.sim;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request exactly as it arrived: the raw request target (path and query, never re-encoded) and the raw body text,
 * so signatures are verified over the bytes the client signed.
 */
public record RawRequest(
    String method, String rawTarget, Map<String, String> headers, String rawBody) {

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

  /** The query parameters, URL-decoded (the signature was already checked over the raw form). */
  public Map<String, String> query() {
    int q = rawTarget.indexOf('?');
    Map<String, String> params = new LinkedHashMap<>();
    if (q >= 0) {
      for (String pair : rawTarget.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return params;
  }

  /** The path without the query string. */
  public String path() {
    int q = rawTarget.indexOf('?');
    return q < 0 ? rawTarget : rawTarget.substring(0, q);
  }
}
