package io.tai2.fills;

import java.util.Locale;

/** Why a position closed, in the words of the backtest report. */
public enum ExitReason {
  /** The stop-loss level was reached. */
  STOP,
  /** The take-profit level was reached. */
  TAKE,
  /** A CLOSE decision was filled. */
  CLOSE,
  /** The data ended with the position open: closed at the last close. */
  END,
  /** The price reached the liquidation price. */
  LIQUIDATION,
  /** A paper account was reset with the position open: closed at the last price. */
  RESET;

  /** The lower-case word used in reports ({@code stop}, {@code take} …). */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
