package io.tai2.okx;

import java.math.BigDecimal;
import java.time.Instant;

/** Best bid/ask and last trade of an instrument; sizes in contracts for swaps, 24 h volume in contracts and coin. */
public record Ticker(
    String instId,
    BigDecimal last,
    BigDecimal lastSz,
    BigDecimal bidPx,
    BigDecimal bidSz,
    BigDecimal askPx,
    BigDecimal askSz,
    BigDecimal open24h,
    BigDecimal high24h,
    BigDecimal low24h,
    BigDecimal vol24h,
    BigDecimal volCcy24h,
    Instant ts) {}
