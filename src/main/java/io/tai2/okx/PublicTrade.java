package io.tai2.okx;

import java.math.BigDecimal;
import java.time.Instant;

/** A public trade; {@code side} is the taker's side, {@code sz} in contracts for swaps. */
public record PublicTrade(
    String instId, String tradeId, BigDecimal px, BigDecimal sz, String side, Instant ts) {}
