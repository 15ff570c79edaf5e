package io.tai2.reasoning;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A built prompt, exactly as the LLM receives it: the model, the system and user messages, the response schema, and
 * the SHA-256 {@code hash} over all four; with the facts it was built from (snapshot time and price).
 */
public record Prompt(
    String symbol,
    String timeframe,
    String model,
    Optional<UUID> versionId,
    String versionName,
    String system,
    String user,
    String contextJson,
    String responseSchemaJson,
    String hash,
    Instant snapshotAt,
    BigDecimal price) {}
