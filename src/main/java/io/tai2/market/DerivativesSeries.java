package io.tai2.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Funding rate and open interest of one symbol over time, one point per minute (the latest value in that minute, the
 * other field carried forward), the newest {@code capacity} minutes kept: the TA page's history charts. Not
 * thread-safe; its {@link SymbolFeed} guards it.
 */
public final class DerivativesSeries {

  /** One minute: the funding rate and open interest in force at its end (null until first seen). */
  public record Point(
      Instant minute, BigDecimal fundingRate, BigDecimal oiContracts, BigDecimal oiUsd) {}

  private final int capacity;
  private final ArrayDeque<Point> points = new ArrayDeque<>();

  DerivativesSeries(int capacity) {
    this.capacity = capacity;
  }

  void funding(Instant at, BigDecimal rate) {
    Point last = points.peekLast();
    put(at, rate, last == null ? null : last.oiContracts(), last == null ? null : last.oiUsd());
  }

  void openInterest(Instant at, BigDecimal contracts, BigDecimal usd) {
    Point last = points.peekLast();
    put(at, last == null ? null : last.fundingRate(), contracts, usd);
  }

  private void put(Instant at, BigDecimal rate, BigDecimal contracts, BigDecimal usd) {
    Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
    Point last = points.peekLast();
    if (last != null && !minute.isAfter(last.minute())) {
      points
          .removeLast(); // the same minute (or a late, out-of-order update): the newest value wins
      minute = last.minute();
    }
    points.addLast(new Point(minute, rate, contracts, usd));
    while (points.size() > capacity) {
      points.removeFirst();
    }
  }

  List<Point> points() {
    return List.copyOf(points);
  }
}
