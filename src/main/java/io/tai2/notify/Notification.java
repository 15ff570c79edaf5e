package io.tai2.notify;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One message for the operator: its kind, the symbol it is about ({@code ""} for the whole account), the text a person
 * reads and the same facts as fields (for webhooks that want structure), in the order given.
 */
public record Notification(
    NotificationKind kind, String symbol, String text, Map<String, String> fields, Instant at) {

  public Notification {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(at, "at");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The same notification with {@code suffix} appended to its text (e.g. how many repeats were coalesced). */
  Notification withSuffix(String suffix) {
    return new Notification(kind, symbol, text + suffix, fields, at);
  }
}
