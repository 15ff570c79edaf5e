package io.tai2.okx;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One bar: {@code ts} is the bar's open time; volume in contracts for swaps ({@code volCcy} in coin, {@code volCcyQuote}
 * in the quote currency); {@code confirmed} is false while the bar is still forming.
 */
public record Candle(
    Instant ts,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal close,
    BigDecimal vol,
    BigDecimal volCcy,
    BigDecimal volCcyQuote,
    boolean confirmed) {}
