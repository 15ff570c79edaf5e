package io.tai2.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one backoff policy of tai2: the wait before retry {@code n} doubles from {@code first}, is capped at {@code max},
 * and, when {@code jittered}, a random half of it is kept ("equal jitter": never less than half the ceiling, so
 * clients that failed together do not return in step and none hammers). Each caller keeps its own domain rules on
 * top (OKX writes are never retried, a clock resync happens once, an LLM's {@code Retry-After} wins, the order lookup
 * stays deterministic so its total wait is known).
 *
 * <p>Why a value type and not Spring Framework 7's {@code RetryTemplate}: the retrying code here is in the
 * {@code okx} and {@code reasoning} modules, which stay free of Spring so they run in the CLI, the simulator and JMH;
 * the loops differ (a blocking read, a scheduled reconnect, a lookup that gives up into "outcome unknown"), so what
 * they share is the formula, and a formula fits in a record that tests can pin exactly.
 */
public record Backoff(Duration first, Duration max, boolean jittered) {

  public Backoff {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(max, "max");
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException(
          "a backoff needs 0 < first <= max, was first=" + first + " max=" + max);
    }
  }

  /** Doubling from {@code first} up to {@code max}, with equal jitter. */
  public static Backoff jittered(Duration first, Duration max) {
    return new Backoff(first, max, true);
  }

  /** Doubling from {@code first} up to {@code max}, exactly. */
  public static Backoff exact(Duration first, Duration max) {
    return new Backoff(first, max, false);
  }

  /** The ceiling for retry number {@code attempt} (1-based): {@code first × 2^(attempt-1)}, at most {@code max}. */
  public Duration ceiling(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts count from 1, was " + attempt);
    }
    long shift = Math.min(attempt - 1, 30);
    long millis =
        first.toMillis() > (max.toMillis() >> shift) ? max.toMillis() : first.toMillis() << shift;
    return Duration.ofMillis(Math.min(millis, max.toMillis()));
  }

  /** The wait before retry number {@code attempt} (1-based). */
  public Duration delay(int attempt) {
    return delay(attempt, ThreadLocalRandom.current().nextDouble());
  }

  /** As {@link #delay(int)} with the random draw given ({@code random} in [0, 1)), so tests can pin it. */
  public Duration delay(int attempt, double random) {
    long ceiling = ceiling(attempt).toMillis();
    if (!jittered) {
      return Duration.ofMillis(ceiling);
    }
    long half = ceiling / 2;
    return Duration.ofMillis(half + (long) (random * (ceiling - half)));
  }
}
