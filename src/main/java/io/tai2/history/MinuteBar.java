package io.tai2.history;

import java.math.BigDecimal;
import java.time.Instant;

/** One bar of the candle store: {@code ts} is its open time; volume in contracts as OKX gives it for swaps. */
public record MinuteBar(
    Instant ts,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal close,
    BigDecimal volume) {}
