package io.tai2.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Slows password and token guessing per client address: the first {@link #FREE_FAILURES} failures are free, after
 * that the client is refused (429, without the value being checked) for base × 2^(n−5), at most 15 minutes. No thread
 * sleeps; a success forgets the client, and so do 15 quiet minutes after its lock. Logs every failure, never the value.
 */
class LoginThrottle {

  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
  static final int FREE_FAILURES = 5;
  static final Duration MAX_LOCK = Duration.ofMinutes(15);
  static final Duration FORGET_AFTER = Duration.ofMinutes(15);
  static final int MAX_CLIENTS = 10_000;

  /** What was guessed: the login form, a bearer token, or the password re-typed for a risky change. */
  enum Kind {
    FORM,
    BEARER,
    CONFIRM_PASSWORD
  }

  private record Failures(int count, Instant lockedUntil) {}

  private final Duration baseDelay;
  private final Clock clock;

  /** Insertion order = least recently failed first, so the oldest client is dropped when the map is full. */
  private final LinkedHashMap<String, Failures> byClient = new LinkedHashMap<>();

  private final int maxClients;

  LoginThrottle(Duration baseDelay, Clock clock) {
    this(baseDelay, clock, MAX_CLIENTS);
  }

  LoginThrottle(Duration baseDelay, Clock clock, int maxClients) {
    this.baseDelay = baseDelay;
    this.clock = clock;
    this.maxClients = maxClients;
  }

  /** How long {@code client} must still wait before its next attempt is checked; empty = check it now. */
  synchronized Optional<Duration> refusal(String client) {
    Failures f = current(client);
    if (f == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(clock.instant(), f.lockedUntil());
    return left.isPositive() ? Optional.of(left) : Optional.empty();
  }

  /** Records a wrong value from {@code client} and logs it; returns its failures so far. */
  int failed(String client, Kind kind) {
    int count;
    synchronized (this) {
      Failures f = current(client);
      count = (f == null ? 0 : f.count()) + 1;
      Instant now = clock.instant();
      byClient.remove(client);
      byClient.put(client, new Failures(count, now.plus(lockFor(count))));
      if (byClient.size() > maxClients) {
        byClient.remove(byClient.keySet().iterator().next());
      }
    }
    log.warn(
        "event=login_failed client={} kind={} failures={}",
        Problems.loggable(client),
        kind.name().toLowerCase(Locale.ROOT),
        count);
    return count;
  }

  /** The right value: {@code client} starts afresh. */
  synchronized void succeeded(String client) {
    byClient.remove(client);
  }

  /** The lock after the {@code count}-th failure. */
  Duration lockFor(int count) {
    if (count < FREE_FAILURES) {
      return Duration.ZERO;
    }
    int doublings = Math.min(count - FREE_FAILURES, 30);
    long millis = baseDelay.toMillis() << doublings;
    return millis <= 0 || millis > MAX_LOCK.toMillis() ? MAX_LOCK : Duration.ofMillis(millis);
  }

  private Failures current(String client) {
    Failures f = byClient.get(client);
    if (f != null && clock.instant().isAfter(f.lockedUntil().plus(FORGET_AFTER))) {
      byClient.remove(client);
      return null;
    }
    return f;
  }

  /** The 429 for a re-typed password ({@code X-Tai2-Confirm-Password}) sent while its client is locked out. */
  static ErrorResponseException confirmPasswordRefused(Duration wait) {
    long seconds = retryAfterSeconds(wait);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.TOO_MANY_REQUESTS,
            "too many wrong passwords from this address, try again in "
                + seconds
                + " s (nothing was checked)");
    problem.setTitle("too many failed attempts");
    problem.setProperty("field", "confirm_password");
    ErrorResponseException e =
        new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
    e.getHeaders().set("Retry-After", Long.toString(seconds));
    return e;
  }

  /** Seconds to announce in {@code Retry-After} (rounded up, at least 1). */
  static long retryAfterSeconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }
}
