package io.tai2.reasoning;

import io.tai2.retry.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long to wait before the next attempt: what the endpoint asked for ({@code Retry-After}, seconds or an HTTP
 * date) up to {@link #MAX_RETRY_AFTER}, else exponential backoff with jitter so many clients do not retry in step.
 */
final class LlmRetry {

  /** A longer Retry-After is capped: the scheduler would rather fail this cycle than hang in it. */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  static final Backoff BACKOFF = Backoff.jittered(Duration.ofSeconds(1), Duration.ofSeconds(30));

  private LlmRetry() {}

  /** A {@code Retry-After} value: delta seconds or an HTTP date (past dates mean now); absent if unreadable. */
  static Optional<Duration> retryAfter(Optional<String> header, Clock clock) {
    if (header.isEmpty() || header.get().isBlank()) {
      return Optional.empty();
    }
    String value = header.get().trim();
    try {
      long seconds = Long.parseLong(value);
      return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration until =
            Duration.between(
                clock.instant(),
                ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return Optional.of(until.isNegative() ? Duration.ZERO : until);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  /** The wait after failed attempt number {@code attempt} (1-based). */
  static Duration delay(LlmFailure failure, int attempt) {
    if (failure.retryAfter().isPresent()) {
      Duration asked = failure.retryAfter().get();
      return asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
    }
    return BACKOFF.delay(attempt);
  }
}
