package io.tai2.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One prompt run: the prompt, the raw reply, the parsed decision (JSON), its outcome and what it cost, with the snapshot
 * time and price it was made on, why its prompt version was chosen and what execution did with it.
 */
public record DecisionRecord(
    UUID id,
    Instant createdAt,
    String symbol,
    Optional<String> timeframe,
    Optional<String> modelId,
    Optional<UUID> promptVersionId,
    Optional<String> promptHash,
    Optional<String> prompt,
    Optional<String> rawReply,
    Optional<String> decisionJson,
    String outcome,
    Optional<String> rejectionReason,
    Optional<String> guardrailVerdictJson,
    Optional<Long> latencyMs,
    Optional<Integer> promptTokens,
    Optional<Integer> completionTokens,
    Optional<BigDecimal> costUsd,
    Optional<Instant> snapshotAt,
    Optional<BigDecimal> snapshotPrice,
    Optional<String> versionChoice,
    Optional<String> executionStatus) {}
