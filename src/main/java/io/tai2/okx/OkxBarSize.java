package io.tai2.okx;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An OKX bar size and where its bars open (docs/spec/okx-openrouter-protocols.md §3.4): minutes and hours from the epoch; {@code 6H 12H 1D 2D 3D 1W
 * 1M 3M} at Hong Kong time (UTC+8), so a 1D bar opens at 16:00 UTC; their {@code …utc} twins at UTC; weeks on Monday;
 * months on the 1st (quarters in January, April, July, October).
 */
public record OkxBarSize(String name, long millis, int months, long offsetMillis) {

  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long HONG_KONG = 8 * HOUR;

  /** 1970-01-05, the first Monday after the epoch. */
  private static final long FIRST_MONDAY = 4 * DAY;

  private static final Map<String, OkxBarSize> SIZES = sizes();

  private static Map<String, OkxBarSize> sizes() {
    Map<String, OkxBarSize> m = new LinkedHashMap<>();
    for (String[] fixed :
        new String[][] {
          {"1m", "1"},
          {"3m", "3"},
          {"5m", "5"},
          {"15m", "15"},
          {"30m", "30"},
          {"1H", "60"},
          {"2H", "120"},
          {"4H", "240"}
        }) {
      m.put(fixed[0], new OkxBarSize(fixed[0], Long.parseLong(fixed[1]) * MINUTE, 0, 0));
    }
    for (String[] local :
        new String[][] {
          {"6H", "360"},
          {"12H", "720"},
          {"1D", "1440"},
          {"2D", "2880"},
          {"3D", "4320"},
          {"1W", "10080"}
        }) {
      long length = Long.parseLong(local[1]) * MINUTE;
      m.put(local[0], new OkxBarSize(local[0], length, 0, HONG_KONG));
      m.put(local[0] + "utc", new OkxBarSize(local[0] + "utc", length, 0, 0));
    }
    m.put("1M", new OkxBarSize("1M", 0, 1, HONG_KONG));
    m.put("3M", new OkxBarSize("3M", 0, 3, HONG_KONG));
    m.put("1Mutc", new OkxBarSize("1Mutc", 0, 1, 0));
    m.put("3Mutc", new OkxBarSize("3Mutc", 0, 3, 0));
    return Collections.unmodifiableMap(m);
  }

  /** The bar size OKX calls {@code name} (case matters: {@code 1h} is not one). */
  public static Optional<OkxBarSize> of(String name) {
    return Optional.ofNullable(SIZES.get(name));
  }

  public static Set<String> names() {
    return SIZES.keySet();
  }

  /** Open time of the bar that contains {@code t} (epoch millis). */
  public long openOf(long t) {
    long local = t + offsetMillis;
    if (months > 0) {
      LocalDate date = Instant.ofEpochMilli(local).atZone(ZoneOffset.UTC).toLocalDate();
      int month = (date.getMonthValue() - 1) / months * months + 1;
      return LocalDate.of(date.getYear(), month, 1)
              .atStartOfDay(ZoneOffset.UTC)
              .toInstant()
              .toEpochMilli()
          - offsetMillis;
    }
    long anchor = millis == 7 * DAY ? FIRST_MONDAY : 0;
    return Math.floorDiv(local - anchor, millis) * millis + anchor - offsetMillis;
  }

  /** Open time of the bar after the one opening at {@code open}. */
  public long next(long open) {
    if (months > 0) {
      return Instant.ofEpochMilli(open + offsetMillis)
              .atZone(ZoneOffset.UTC)
              .plusMonths(months)
              .toInstant()
              .toEpochMilli()
          - offsetMillis;
    }
    return open + millis;
  }

  /** Open time of the bar before the one opening at {@code open}. */
  public long previous(long open) {
    if (months > 0) {
      return Instant.ofEpochMilli(open + offsetMillis)
              .atZone(ZoneOffset.UTC)
              .minusMonths(months)
              .toInstant()
              .toEpochMilli()
          - offsetMillis;
    }
    return open - millis;
  }
}
