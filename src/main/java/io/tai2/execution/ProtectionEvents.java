package io.tai2.execution;

import java.time.Instant;
import java.util.Optional;

/** The protection outcomes the operator hears of: a stop that had to be placed again, or could not be, and what followed. */
final class ProtectionEvents {

  private ProtectionEvents() {}

  /** The event for {@code status}, empty when all was in order (confirmed, released, no position). */
  static Optional<TradingEvent> of(Instant at, String symbol, ProtectionStatus status) {
    String outcome =
        switch (status) {
          case ProtectionStatus.Rearmed r -> "rearmed";
          case ProtectionStatus.StopOnly s -> "stop_only";
          case ProtectionStatus.Flattened f -> "flattened";
          case ProtectionStatus.Unprotected u -> "unprotected";
          case ProtectionStatus.Confirmed c -> null;
          case ProtectionStatus.Released r -> null;
          case ProtectionStatus.NoPosition n -> null;
        };
    return Optional.ofNullable(outcome)
        .map(o -> new TradingEvent.ProtectionChanged(at, symbol, o, status.message()));
  }
}
