package io.tai2.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the pages write numbers and times: grouped digits, the unit after the number, times in the operator's display zone
 * ({@code ui.timezone}) labelled with it; "–" for nothing.
 */
final class Fmt {

  private Fmt() {}

  static String usdt(BigDecimal v) {
    return v == null ? "–" : grouped(v.setScale(2, RoundingMode.HALF_EVEN)) + " USDT";
  }

  /** USDT to the cent, other coins to 8 decimals at most, with the currency. */
  static String amount(BigDecimal v, String ccy) {
    return v == null
        ? "–"
        : "USDT".equals(ccy)
            ? usdt(v)
            : num(v.setScale(Math.min(8, Math.max(0, v.scale())), RoundingMode.HALF_EVEN))
                + " "
                + ccy;
  }

  static String num(BigDecimal v) {
    return v == null ? "–" : grouped(v.stripTrailingZeros());
  }

  static String pct(BigDecimal fraction) {
    return fraction
            .multiply(BigDecimal.valueOf(100))
            .setScale(2, RoundingMode.HALF_EVEN)
            .toPlainString()
        + " %";
  }

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  /** 2026-12-04 13:00:05 Europe/Berlin: the time in {@code zone}, labelled with it (no fraction of a second). */
  static String time(Instant t, ZoneId zone) {
    return t == null ? "–" : bareTime(t, zone) + " " + zone.getId();
  }

  /** 2026-12-04 13:00:05 in {@code zone} without its name, for a column whose header names it ({@link #header}). */
  static String bareTime(Instant t, ZoneId zone) {
    return t == null ? "–" : DATE_TIME.format(t.atZone(zone));
  }

  /** 13:00:05 Europe/Berlin: the time of day in {@code zone}, labelled with it. */
  static String clock(Instant t, ZoneId zone) {
    return t == null ? "–" : bareClock(t, zone) + " " + zone.getId();
  }

  /** 13:00:05 in {@code zone} without its name, for a list whose heading names it. */
  static String bareClock(Instant t, ZoneId zone) {
    return t == null ? "–" : CLOCK.format(t.atZone(zone));
  }

  /** "Time (Europe/Berlin)": a column header for times written by {@link #bareTime}. */
  static String header(String label, ZoneId zone) {
    return label + " (" + zone.getId() + ")";
  }

  private static String grouped(BigDecimal v) {
    DecimalFormat f =
        new DecimalFormat("#,##0.########", DecimalFormatSymbols.getInstance(Locale.ROOT));
    f.setMinimumFractionDigits(Math.max(0, Math.min(8, v.scale())));
    return f.format(v);
  }
}
