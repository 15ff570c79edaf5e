package io.tai2.execution;

import io.tai2.retry.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How long the executor and the reconciler wait for OKX before they decide. Every wait is bounded, and a bound that
 * runs out never leads to a resend: an order OKX has not confirmed stays "unknown" until it is found or provably absent.
 *
 * @param lookupAttempts how often an order is looked up by client order id after an unanswered send, or while its fill
 *     is pending
 * @param lookupBackoff the pause before the second lookup; it doubles each time up to {@code maxBackoff}
 * @param protectionChecks how often the algo list is read before an attached stop-loss counts as missing (OKX creates
 *     attached TP/SL only once the order has fully filled)
 * @param protectionBackoff the pause between those reads
 * @param maxBackoff the longest single pause
 * @param notFoundGrace how long after sending an order that OKX still does not know counts as never placed; the
 *     reconciler then closes it as canceled (its client order id is never reused, so this cannot cause a duplicate)
 * @param feedbackTtl how long execution feedback stays in the prompt and the LIVE alerts
 * @param leverageTrust how long a leverage OKX confirmed (its set-leverage answer, an open position at that leverage)
 *     lets an entry at the same leverage skip set-leverage; a change made on OKX's own site to an instrument without a
 *     position is reported nowhere, so this bounds how long such a change can go unseen (docs/OPERATIONS.md "Leverage")
 */
public record ExecutionPolicy(
    int lookupAttempts,
    Duration lookupBackoff,
    int protectionChecks,
    Duration protectionBackoff,
    Duration maxBackoff,
    Duration notFoundGrace,
    Duration feedbackTtl,
    Duration leverageTrust) {

  public ExecutionPolicy {
    if (lookupAttempts < 1 || protectionChecks < 1) {
      throw new IllegalArgumentException("lookupAttempts and protectionChecks must be at least 1");
    }
    Objects.requireNonNull(lookupBackoff, "lookupBackoff");
    Objects.requireNonNull(protectionBackoff, "protectionBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(notFoundGrace, "notFoundGrace");
    Objects.requireNonNull(feedbackTtl, "feedbackTtl");
    Objects.requireNonNull(leverageTrust, "leverageTrust");
  }

  /**
   * Six lookups over about six seconds (0.25, 0.5, 1, 2, 2 s), three protection checks 0.35 s apart (docs/spec/tai2-upstream.md §6.11),
   * two minutes before an unfound order counts as never placed, feedback kept ten minutes (upstream default), and no
   * confirmed leverage trusted: every entry sets its leverage before it leaves. Trusting one would save a round trip but
   * could send an entry at a leverage changed by hand on OKX for an instrument without a position (OKX reports that
   * nowhere) — a leverage the guardrails never approved, which the fill's read-back would only repair afterwards.
   */
  public static ExecutionPolicy defaults() {
    return new ExecutionPolicy(
        6,
        Duration.ofMillis(250),
        3,
        Duration.ofMillis(350),
        Duration.ofSeconds(2),
        Duration.ofMinutes(2),
        Duration.ofMinutes(10),
        Duration.ZERO);
  }

  /**
   * The pause after lookup number {@code attempt} (1-based): doubling from {@link #lookupBackoff}, capped, without
   * jitter, so the time before an order counts as "outcome unknown" is the same every time.
   */
  Duration lookupPause(int attempt) {
    return Backoff.exact(lookupBackoff, maxBackoff).delay(attempt);
  }
}
