package io.tai2.history;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What the exchange or the guardrails said about an execution, fed back to the next prompt until it expires. */
public record ExecutionFeedback(
    UUID id,
    Instant createdAt,
    String symbol,
    String kind,
    String message,
    Optional<String> recommendationJson,
    Optional<Instant> expiresAt) {}
