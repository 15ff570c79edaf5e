package io.tai2.fills;

import java.math.BigDecimal;
import java.util.Objects;

/** A position closed by one of its levels: why, and at what price (before any slippage). */
public record Exit(ExitReason reason, BigDecimal price) {
  public Exit {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(price, "price");
  }
}
