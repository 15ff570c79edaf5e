package io.tai2.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** A persisted kill switch such as the daily-loss lock, with the equity reference it is measured against. */
public record RiskLock(
    String key,
    boolean locked,
    Optional<BigDecimal> referenceEquity,
    Optional<Instant> referenceAt,
    Optional<Instant> triggeredAt,
    Optional<String> reason,
    Instant updatedAt) {}
