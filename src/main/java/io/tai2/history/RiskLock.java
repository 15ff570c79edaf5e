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
    Instant updatedAt) {

  /** The daily-loss lock: equity fell too far below the reference taken at 00:00 UTC (or at the last reset). */
  public static final String DAILY_LOSS = "daily_loss";

  /** The operator's kill switch: no new orders until it is released. */
  public static final String KILL_SWITCH = "kill_switch";
}
