package io.tai2.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A page of the trade history: filters (symbol, side, a time range), one sort column with its direction, and the page.
 * Everything is checked here, so nothing from a request reaches SQL except through the whitelist below.
 *
 * @param page 1-based
 * @param size rows per page, 1..200
 */
public record TradeQuery(
    Optional<String> symbol,
    Optional<String> side,
    Optional<Instant> from,
    Optional<Instant> to,
    String sort,
    boolean descending,
    int page,
    int size) {

  /** The columns a page can be sorted by, as the page names them, to their SQL. */
  public static final List<String> SORTABLE =
      List.of("time", "symbol", "side", "size", "price", "amount", "fee", "pnl");

  public TradeQuery {
    symbol = symbol.map(s -> s.strip().toUpperCase(Locale.ROOT)).filter(s -> !s.isEmpty());
    side = side.map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty());
    if (side.isPresent() && !side.get().equals("buy") && !side.get().equals("sell")) {
      throw new IllegalArgumentException("side must be buy or sell, was " + side.get());
    }
    if (!SORTABLE.contains(sort)) {
      throw new IllegalArgumentException("sort must be one of " + SORTABLE + ", was " + sort);
    }
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw new IllegalArgumentException("from must not be after to");
    }
    if (page < 1) {
      throw new IllegalArgumentException("page must be 1 or more, was " + page);
    }
    if (size < 1 || size > 200) {
      throw new IllegalArgumentException("size must be between 1 and 200, was " + size);
    }
  }

  /** Newest first, 50 a page, no filter. */
  public static TradeQuery newest() {
    return new TradeQuery(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        "time",
        true,
        1,
        50);
  }

  String orderBy() {
    String column =
        switch (sort) {
          case "time" -> "executed_at";
          default -> sort; // the other names are the columns themselves (checked against SORTABLE)
        };
    String direction = descending ? " DESC" : " ASC";
    // NULL pnl/fee last either way; the id keeps equal values in a stable order across pages
    return column
        + direction
        + (column.equals("pnl") || column.equals("fee") ? " NULLS LAST" : "")
        + ", executed_at DESC, id";
  }

  /** One page: its rows, and the count and totals of everything the filters match (not only this page). */
  public record Page(
      List<ExecutedTrade> rows, long total, BigDecimal realisedPnl, BigDecimal fees) {}
}
