package io.tai2.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.util.Locale;

/** How the pages write numbers and times: grouped digits, the unit after the number, UTC times; "–" for nothing. */
final class Fmt {

  private Fmt() {}

  static String usdt(BigDecimal v) {
    return v == null ? "–" : grouped(v.setScale(2, RoundingMode.HALF_EVEN)) + " USDT";
  }

  /** USDT to the cent, other coins to 8 decimals at most, with the currency. */
  static String amount(BigDecimal v, String ccy) {
    return v == null ? "–" : "USDT".equals(ccy) ? usdt(v) : num(v.setScale(Math.min(8, Math.max(0, v.scale())), RoundingMode.HALF_EVEN)) + " " + ccy;
  }

  static String num(BigDecimal v) {
    return v == null ? "–" : grouped(v.stripTrailingZeros());
  }

  static String pct(BigDecimal fraction) {
    return fraction.multiply(BigDecimal.valueOf(100)).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " %";
  }

  /** 2026-12-04 12:00:05 UTC (no fraction of a second). */
  static String utc(Instant t) {
    return t == null ? "–" : t.toString().replace("T", " ").replaceAll("\\.\\d+Z$|Z$", "") + " UTC";
  }

  private static String grouped(BigDecimal v) {
    DecimalFormat f = new DecimalFormat("#,##0.########", DecimalFormatSymbols.getInstance(Locale.ROOT));
    f.setMinimumFractionDigits(Math.max(0, Math.min(8, v.scale())));
    return f.format(v);
  }
}
