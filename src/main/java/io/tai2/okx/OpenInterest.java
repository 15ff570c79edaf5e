package io.tai2.okx;

import java.math.BigDecimal;
import java.time.Instant;

/** Open interest in contracts ({@code oi}), in coin ({@code oiCcy}) and in USD ({@code oiUsd}). */
public record OpenInterest(
    String instId, BigDecimal oi, BigDecimal oiCcy, BigDecimal oiUsd, Instant ts) {}
