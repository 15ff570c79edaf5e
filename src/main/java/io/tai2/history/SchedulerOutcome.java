package io.tai2.history;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What the prompt scheduler's last cycle for a symbol came to.
 *
 * @param outcome {@code ran} (a decision was made; {@code detail} says which and what execution did), {@code skipped}
 *     (a check stopped the cycle before the LLM: stale data, a hold rule, a busy symbol, a risk lock) or {@code error}
 * @param decisionId the decision the cycle recorded, when it got that far
 */
public record SchedulerOutcome(
    String symbol,
    Instant ranAt,
    String outcome,
    Optional<String> detail,
    Optional<UUID> decisionId) {}
