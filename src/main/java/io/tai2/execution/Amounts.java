package io.tai2.execution;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** How numbers read in guardrail reasons: USDT with thousands separators, exchange numbers exactly as they are. */
final class Amounts {

  private Amounts() {}

  /** USDT to the cent, grouped: {@code 10,000} or {@code 1,234.5}; rounded down so a cap is never overstated. */
  static String usdt(BigDecimal value) {
    DecimalFormat f = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
    f.setRoundingMode(RoundingMode.DOWN);
    return f.format(value) + " USDT";
  }

  /** A price, size or leverage exactly, without trailing zeros or exponent: {@code 0.00001}, {@code 60000}. */
  static String plain(BigDecimal value) {
    return normal(value).toPlainString();
  }

  /**
   * Without trailing zeros but never with a negative scale: 10.00 → 10, not 1E+1, so that {@code toString()} (which the
   * executor may put on the wire) stays a plain number.
   */
  static BigDecimal normal(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  static String contracts(BigDecimal value) {
    return plain(value) + " contracts";
  }

  /** A fraction as a percentage: 0.02 → {@code 2%}, 0.0005 → {@code 0.05%}. */
  static String pct(BigDecimal fraction) {
    return plain(fraction.movePointRight(2)) + "%";
  }

  static String leverage(BigDecimal value) {
    return plain(value) + "×";
  }
}
