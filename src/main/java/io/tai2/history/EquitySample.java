package io.tai2.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** Account equity at one moment, in USD(T). */
public record EquitySample(
    Instant observedAt,
    Optional<BigDecimal> accountEquity,
    Optional<BigDecimal> totalAccountValue,
    Optional<BigDecimal> totalEqUsd) {}
