package io.tai2.okx;

import java.math.BigDecimal;
import java.time.Instant;

/** The ratio of accounts long to accounts short for a coin at one time. */
public record LongShortRatio(Instant ts, BigDecimal ratio) {}
