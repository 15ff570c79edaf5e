package io.tai2.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The one-time codes that stand between a Telegram command and its effect: asking for an action gives a fresh six-digit
 * code, valid once and for {@link #VALID}; one action waits at a time (asking again replaces it). A wrong code ends the
 * wait as well, so a code cannot be guessed by trying (one try in a million, then a new code must be asked for).
 */
final class Confirmations {

  static final Duration VALID = Duration.ofSeconds(60);

  private record Pending(String action, String code, Instant expires) {}

  /** What {@link #redeem} found: the action to run now, or why nothing runs. */
  sealed interface Redeemed {
    record Confirmed(String action) implements Redeemed {}

    record Refused(String reason) implements Redeemed {}
  }

  private final Clock clock;
  private final RandomGenerator random;
  private Pending pending;

  Confirmations(Clock clock) {
    this(clock, new SecureRandom());
  }

  Confirmations(Clock clock, RandomGenerator random) {
    this.clock = clock;
    this.random = random;
  }

  /** A new code for {@code action}; an action still waiting is dropped. */
  synchronized String ask(String action) {
    String code = String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
    pending = new Pending(action, code, clock.instant().plus(VALID));
    return code;
  }

  /** Uses up the waiting action with {@code code}: right and in time runs it; anything else refuses it and ends the wait. */
  synchronized Redeemed redeem(String code) {
    Pending waiting = pending;
    pending = null;
    if (waiting == null) {
      return new Redeemed.Refused("no command waits for a code; send the command again");
    }
    if (!clock.instant().isBefore(waiting.expires())) {
      return new Redeemed.Refused(
          "the code expired after "
              + VALID.toSeconds()
              + " s; send the command again for a new one");
    }
    if (!MessageDigest.isEqual(
        waiting.code().getBytes(StandardCharsets.US_ASCII),
        code.strip().getBytes(StandardCharsets.US_ASCII))) {
      return new Redeemed.Refused(
          "wrong code. The waiting command is void; send it again for a new code");
    }
    return new Redeemed.Confirmed(waiting.action());
  }

  /** Drops the waiting action, if any; returns what it was. */
  synchronized Optional<String> cancel() {
    Optional<String> dropped = Optional.ofNullable(pending).map(Pending::action);
    pending = null;
    return dropped;
  }
}
