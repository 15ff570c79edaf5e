package io.tai2.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One prompt run: the prompt, the raw reply, the parsed decision (JSON), its outcome and what it cost, with the snapshot
 * time and price it was made on, why its prompt version was chosen and what execution did with it.
 *
 * @param source where it was acted on: {@value #LIVE} (sent to OKX), {@value #PAPER} (live execution off: the paper
 *     account) or {@value #SHADOW} (a shadow model's own paper account; never sent)
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
    Optional<String> executionStatus,
    String source) {

  public static final String LIVE = "live";
  public static final String PAPER = "paper";
  public static final String SHADOW = "shadow";

  public DecisionRecord {
    if (!Set.of(LIVE, PAPER, SHADOW).contains(source)) {
      throw new IllegalArgumentException("source must be live, paper or shadow, was " + source);
    }
  }

  /** A decision acted on live (as every decision was before paper trading and shadows). */
  public DecisionRecord(
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
      Optional<String> executionStatus) {
    this(
        id,
        createdAt,
        symbol,
        timeframe,
        modelId,
        promptVersionId,
        promptHash,
        prompt,
        rawReply,
        decisionJson,
        outcome,
        rejectionReason,
        guardrailVerdictJson,
        latencyMs,
        promptTokens,
        completionTokens,
        costUsd,
        snapshotAt,
        snapshotPrice,
        versionChoice,
        executionStatus,
        LIVE);
  }
}
