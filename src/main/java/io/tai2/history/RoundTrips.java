package io.tai2.history;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Replays fills (and the funding settled between them) in time order into round trips (flat → open → flat) per symbol
 * and direction, and remembers which decision opened each one; see {@link DecisionAttributionRepository} for why the
 * opener gets the whole round trip.
 */
final class RoundTrips {

  /**
   * A fill, as the replay needs it: of one of tai2's orders (side and reduce-only from the order), or one OKX made on its
   * own (a triggered stop-loss or take-profit, a liquidation: side and reduce-only recorded on the trade row).
   */
  record Fill(
      Instant at,
      String symbol,
      String side,
      boolean reduceOnly,
      BigDecimal contracts,
      BigDecimal price,
      BigDecimal pnl,
      BigDecimal fee,
      Optional<UUID> decisionId) {

    /** The position the fill belongs to: an entry buys a long or sells a short, a reduce-only order does the opposite. */
    String position() {
      return symbol + (isLong() ? " long" : " short");
    }

    boolean isLong() {
      return side.equals("buy") != reduceOnly;
    }
  }

  /** What the replay found for one decision's entry. */
  record Entry(
      Instant entered, boolean added, Optional<BigDecimal> netPnl, Optional<Instant> closedAt) {}

  /**
   * A closed round trip as its excursions need it: the entry price is the size-weighted average of every entry fill in
   * it (the opener's and any adder's), {@code entered} the opener's first fill and {@code closedAt} the fill that went flat.
   */
  record Closed(
      String symbol, boolean isLong, BigDecimal entryPrice, Instant entered, Instant closedAt) {

    /** The maximum favourable excursion, % of the entry price (≥ 0), given the highest and lowest price while open. */
    BigDecimal favourablePct(BigDecimal high, BigDecimal low) {
      return movePct(isLong ? high : low).max(BigDecimal.ZERO);
    }

    /** The maximum adverse excursion, % of the entry price (≤ 0), given the highest and lowest price while open. */
    BigDecimal adversePct(BigDecimal high, BigDecimal low) {
      return movePct(isLong ? low : high).min(BigDecimal.ZERO);
    }

    /** How far {@code price} is from the entry in the position's favour, % of the entry; four places as a paper trade's. */
    private BigDecimal movePct(BigDecimal price) {
      BigDecimal move = isLong ? price.subtract(entryPrice) : entryPrice.subtract(price);
      return move.multiply(BigDecimal.valueOf(100)).divide(entryPrice, 4, RoundingMode.HALF_EVEN);
    }
  }

  private static final class Open {
    final Optional<UUID> opener;
    final Instant openedAt;
    BigDecimal contracts = BigDecimal.ZERO;
    BigDecimal net = BigDecimal.ZERO;
    BigDecimal entryContracts = BigDecimal.ZERO;
    BigDecimal entryNotional = BigDecimal.ZERO;

    Open(Optional<UUID> opener, Instant openedAt) {
      this.opener = opener;
      this.openedAt = openedAt;
    }
  }

  private final Map<String, Open> open = new HashMap<>();
  private final Map<UUID, Entry> entries = new HashMap<>();
  private final Map<UUID, Closed> closed = new HashMap<>();

  /** Fills must come oldest first. */
  void add(Fill fill) {
    BigDecimal net = fill.pnl().add(fill.fee());
    Open position = open.get(fill.position());
    if (!fill.reduceOnly()) {
      boolean adds = position != null;
      if (!adds) {
        position = new Open(fill.decisionId(), fill.at());
        open.put(fill.position(), position);
      }
      position.contracts = position.contracts.add(fill.contracts());
      position.entryContracts = position.entryContracts.add(fill.contracts());
      position.entryNotional = position.entryNotional.add(fill.contracts().multiply(fill.price()));
      position.net = position.net.add(net);
      fill.decisionId()
          .ifPresent(
              id ->
                  entries.putIfAbsent(
                      id, new Entry(fill.at(), adds, Optional.empty(), Optional.empty())));
      return;
    }
    if (position == null) {
      return; // a close of a position opened before the replay started (or by hand): no decision in
      // view opened it
    }
    position.net = position.net.add(net);
    position.contracts = position.contracts.subtract(fill.contracts());
    if (position.contracts.signum() <= 0) {
      open.remove(fill.position());
      Open ended = position;
      ended.opener.ifPresent(
          id ->
              entries.computeIfPresent(
                  id,
                  (k, e) ->
                      new Entry(
                          e.entered(), false, Optional.of(ended.net), Optional.of(fill.at()))));
      if (ended.opener.isPresent()
          && ended.entryContracts.signum() > 0
          && ended.entryNotional.signum() > 0) {
        closed.put(
            ended.opener.get(),
            new Closed(
                fill.symbol(),
                fill.isLong(),
                ended.entryNotional.divide(ended.entryContracts, MathContext.DECIMAL64),
                ended.openedAt,
                fill.at()));
      }
    }
  }

  /**
   * Funding settled on {@code symbol}: it belongs to the round trip open there, so it counts in that round trip's PnL.
   * With no position open it belongs to none in view; with both a long and a short open (long/short mode) the bill does
   * not say which side paid, so it is left out rather than guessed.
   */
  void fund(String symbol, BigDecimal amount) {
    Open position = open.get(symbol + " long");
    Open other = open.get(symbol + " short");
    if (position == null) {
      position = other;
    } else if (other != null) {
      return;
    }
    if (position != null) {
      position.net = position.net.add(amount);
    }
  }

  /** The entry of a decision, if its order filled during the replay. */
  Optional<Entry> entry(UUID decisionId) {
    return Optional.ofNullable(entries.get(decisionId));
  }

  /** The closed round trip a decision opened, if it opened one during the replay and it went flat again. */
  Optional<Closed> closed(UUID decisionId) {
    return Optional.ofNullable(closed.get(decisionId));
  }
}
