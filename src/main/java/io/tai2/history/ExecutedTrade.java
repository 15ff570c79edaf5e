package io.tai2.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A fill recorded from the exchange. {@code size} is in contracts, {@code amount} in the base currency; price, fee
 * and pnl are exchange numbers (USDT for linear swaps).
 */
public record ExecutedTrade(
    UUID id,
    Instant timestamp,
    String symbol,
    String instrument,
    String side,
    BigDecimal size,
    BigDecimal price,
    BigDecimal amount,
    Optional<String> clientOrderId,
    Optional<String> llmReasoning,
    Optional<BigDecimal> pnl,
    Optional<BigDecimal> fee) {}
