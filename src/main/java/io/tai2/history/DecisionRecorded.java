package io.tai2.history;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A prompt run was added to the decision log: its outcome ({@code ACCEPTED}, {@code REJECTED}, {@code LLM_ERROR} or
 * {@code SKIPPED}), the model asked, the error when there was one, and where it was acted on ({@link DecisionRecord#source()}).
 */
public record DecisionRecorded(
    UUID id,
    Instant at,
    String symbol,
    Optional<String> model,
    String outcome,
    Optional<String> error,
    String source) {}
