package io.tai2.fills;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One bar read as a price path. A bar does not say in which order it reached its high and its low; the model fixes one:
 * a rising bar (close ≥ open) goes open → low → high → close, a falling bar open → high → low → close. That is the
 * pessimistic-for-nobody order that freqtrade and most backtesters use, and the order the simulator walks its bars in.
 *
 * @param openTime when the bar opens
 */
public record PathBar(
    Instant openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close) {

  /** Phases of the path: 0 is the open, 3 the close. */
  public static final int PHASES = 4;

  public PathBar {
    Objects.requireNonNull(openTime, "openTime");
    Objects.requireNonNull(open, "open");
    Objects.requireNonNull(high, "high");
    Objects.requireNonNull(low, "low");
    Objects.requireNonNull(close, "close");
  }

  /** Whether the bar closed at or above its open (and so visits its low before its high). */
  public boolean rising() {
    return close.compareTo(open) >= 0;
  }

  /** The price at {@code phase} of the path: 0 open, 1 and 2 the extremes in the bar's order, 3 (or more) the close. */
  public BigDecimal point(int phase) {
    return switch (phase) {
      case 0 -> open;
      case 1 -> rising() ? low : high;
      case 2 -> rising() ? high : low;
      default -> close;
    };
  }

  /** The four points of the path in order. */
  public List<BigDecimal> path() {
    return List.of(point(0), point(1), point(2), point(3));
  }
}
