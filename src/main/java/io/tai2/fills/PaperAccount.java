package io.tai2.fills;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A USDT-margined swap account that never talks to an exchange: cash, at most one position per symbol, fills at the
 * prices the {@link ExitLevels fill model} gives, taker fees on both legs, funding, and liquidation at the price the
 * simulator's exchange would use. The backtest runs on one; paper trading and shadow models can run on one at live
 * prices. Not thread-safe: one owner drives it.
 */
public final class PaperAccount {

  /**
   * An open position.
   *
   * @param direction +1 long, −1 short
   * @param coin {@code contracts × contract size}
   * @param margin the initial margin at entry ({@code coin × entry ÷ leverage}); tied up while open
   * @param fees the entry fee paid so far (positive)
   * @param funding funding received so far (negative when paid)
   * @param best the best price seen while open (highest for a long), for the maximum favourable excursion
   * @param worst the worst price seen while open (lowest for a long), for the maximum adverse excursion
   */
  public record Position(
      String symbol,
      int direction,
      BigDecimal contracts,
      BigDecimal coin,
      BigDecimal entryPrice,
      BigDecimal leverage,
      BigDecimal margin,
      Instant entryTime,
      Optional<BigDecimal> stop,
      Optional<BigDecimal> take,
      BigDecimal fees,
      BigDecimal funding,
      UUID entryDecision,
      BigDecimal best,
      BigDecimal worst) {

    public String side() {
      return direction > 0 ? "long" : "short";
    }

    /** Profit at {@code price}, before fees and funding. */
    public BigDecimal profitAt(BigDecimal price) {
      return PositionMath.upl(direction, coin, entryPrice, price);
    }

    Position withFunding(BigDecimal amount) {
      return new Position(
          symbol,
          direction,
          contracts,
          coin,
          entryPrice,
          leverage,
          margin,
          entryTime,
          stop,
          take,
          fees,
          funding.add(amount),
          entryDecision,
          best,
          worst);
    }

    /** The position having seen {@code prices} as well. */
    Position seeing(BigDecimal... prices) {
      BigDecimal b = best;
      BigDecimal w = worst;
      for (BigDecimal px : prices) {
        if (px.compareTo(b) * direction > 0) {
          b = px;
        }
        if (px.compareTo(w) * direction < 0) {
          w = px;
        }
      }
      return b == best && w == worst
          ? this
          : new Position(
              symbol,
              direction,
              contracts,
              coin,
              entryPrice,
              leverage,
              margin,
              entryTime,
              stop,
              take,
              fees,
              funding,
              entryDecision,
              b,
              w);
    }

    /** The maximum favourable excursion: how far the price went its way, in % of the entry (≥ 0). */
    public BigDecimal favourablePct() {
      return excursionPct(best).max(BigDecimal.ZERO);
    }

    /** The maximum adverse excursion: how far the price went against it, in % of the entry (≤ 0). */
    public BigDecimal adversePct() {
      return excursionPct(worst).min(BigDecimal.ZERO);
    }

    private BigDecimal excursionPct(BigDecimal price) {
      return price
          .subtract(entryPrice)
          .multiply(BigDecimal.valueOf(100L * direction))
          .divide(entryPrice, 4, RoundingMode.HALF_EVEN);
    }
  }

  /**
   * Everything an account is, for saving it and resuming it later (paper trading survives a restart).
   *
   * @param marks the last price seen per symbol
   */
  public record State(
      BigDecimal cash,
      BigDecimal feesPaid,
      BigDecimal fundingPaid,
      List<Position> positions,
      Map<String, BigDecimal> marks) {
    public State {
      positions = List.copyOf(positions);
      marks = Map.copyOf(marks);
    }
  }

  /**
   * A closed round trip. {@code pnl = grossPnl − fees + funding}: exactly what it added to the cash.
   *
   * @param fees both legs' fees (positive)
   */
  public record Closed(
      Position position,
      Instant exitTime,
      BigDecimal exitPrice,
      ExitReason reason,
      BigDecimal grossPnl,
      BigDecimal fees,
      BigDecimal funding,
      BigDecimal pnl,
      Optional<UUID> exitDecision) {

    /** The maximum favourable excursion while open, in % of the entry price (≥ 0). */
    public BigDecimal favourablePct() {
      return position.favourablePct();
    }

    /** The maximum adverse excursion while open, in % of the entry price (≤ 0). */
    public BigDecimal adversePct() {
      return position.adversePct();
    }
  }

  private final BigDecimal takerFee;
  private final BigDecimal slippageBps;
  private BigDecimal cash;
  private final Map<String, Position> positions = new LinkedHashMap<>();
  private final Map<String, BigDecimal> marks = new LinkedHashMap<>();
  private final Map<String, Optional<BigDecimal>> liquidation = new LinkedHashMap<>();
  private BigDecimal feesPaid = BigDecimal.ZERO;
  private BigDecimal fundingPaid = BigDecimal.ZERO;

  /**
   * @param takerFee the fee rate charged on every fill (0.0005 = 0.05 %)
   * @param slippageBps how far market fills move against the order (entries, closes, stops and takes)
   */
  public PaperAccount(BigDecimal cash, BigDecimal takerFee, BigDecimal slippageBps) {
    if (cash.signum() <= 0) {
      throw new IllegalArgumentException("the starting equity must be positive, was " + cash);
    }
    if (takerFee.signum() < 0 || slippageBps.signum() < 0) {
      throw new IllegalArgumentException("the taker fee and the slippage must not be negative");
    }
    this.cash = cash;
    this.takerFee = takerFee;
    this.slippageBps = slippageBps;
  }

  /**
   * Opens a position with a market order at {@code price} (moved against it by the slippage), paying the taker fee.
   *
   * @throws IllegalStateException when a position is already open on the symbol (one per symbol, as tai2 trades)
   */
  public Position open(
      String symbol,
      int direction,
      BigDecimal contracts,
      BigDecimal contractSize,
      BigDecimal price,
      BigDecimal leverage,
      Optional<BigDecimal> stop,
      Optional<BigDecimal> take,
      Instant at,
      UUID decision) {
    if (positions.containsKey(symbol)) {
      throw new IllegalStateException("a position is already open on " + symbol);
    }
    BigDecimal fill = PositionMath.slipped(price, direction, slippageBps);
    BigDecimal coin = contracts.multiply(contractSize);
    BigDecimal fee = PositionMath.fee(coin, fill, takerFee).negate();
    Position p =
        new Position(
            symbol,
            direction,
            contracts,
            coin,
            fill,
            leverage,
            PositionMath.initialMargin(coin, fill, leverage),
            at,
            stop,
            take,
            fee,
            BigDecimal.ZERO,
            decision,
            fill,
            fill);
    cash = cash.subtract(fee);
    feesPaid = feesPaid.add(fee);
    positions.put(symbol, p);
    marks.put(symbol, fill);
    relevel();
    return p;
  }

  /** Closes the symbol's position with a market order at {@code price} (slipped), for a CLOSE decision. */
  public Optional<Closed> close(
      String symbol, BigDecimal price, Instant at, Optional<UUID> decision) {
    Position p = positions.get(symbol);
    return p == null
        ? Optional.empty()
        : Optional.of(
            settle(
                p.seeing(price),
                PositionMath.slipped(price, -p.direction(), slippageBps),
                ExitReason.CLOSE,
                at,
                decision));
  }

  /** Closes the symbol's position at {@code price} without slippage: the data ended ({@code end}). */
  public Optional<Closed> closeAtEnd(String symbol, BigDecimal price, Instant at) {
    Position p = positions.get(symbol);
    return p == null
        ? Optional.empty()
        : Optional.of(settle(p, price, ExitReason.END, at, Optional.empty()));
  }

  /**
   * Walks one bar's path for the symbol's position: a stop, take-profit or liquidation it meets closes the position
   * (stops and takes are market orders, so slipped; a liquidation fills at the liquidation price). Marks the symbol at
   * the bar's close otherwise.
   */
  public Optional<Closed> onBar(String symbol, PathBar bar) {
    Position p = positions.get(symbol);
    if (p == null) {
      marks.put(symbol, bar.close());
      return Optional.empty();
    }
    Optional<Exit> exit = levels(p).within(bar);
    Instant at = bar.openTime();
    // Until an exit the whole bar was seen; with one, the open and the exit price (the path after
    // it no longer counts).
    Position seen =
        exit.map(e -> p.seeing(bar.open(), e.price()))
            .orElseGet(() -> p.seeing(bar.high(), bar.low()));
    positions.put(symbol, seen);
    Optional<Closed> closed =
        exit.map(
            e ->
                settle(
                    seen,
                    e.reason() == ExitReason.LIQUIDATION
                        ? e.price()
                        : PositionMath.slipped(e.price(), -p.direction(), slippageBps),
                    e.reason(),
                    at,
                    Optional.empty()));
    if (closed.isEmpty()) {
      marks.put(symbol, bar.close());
    }
    return closed;
  }

  /**
   * A new last price for the symbol, as live paper trading sees prices: the way from the previous mark to it is one
   * continuous move, so a stop, take-profit or liquidation level on it closes the position at the level (stops and
   * takes slipped, as market orders). A restart, or the first price ever, starts from {@code price} itself.
   */
  public Optional<Closed> onPrice(String symbol, BigDecimal price, Instant at) {
    Position p = positions.get(symbol);
    BigDecimal from = marks.getOrDefault(symbol, price);
    if (p == null) {
      marks.put(symbol, price);
      return Optional.empty();
    }
    Optional<Exit> exit = levels(p).onMove(from, price);
    Position seen = p.seeing(exit.map(Exit::price).orElse(price));
    positions.put(symbol, seen);
    Optional<Closed> closed =
        exit.map(
            e ->
                settle(
                    seen,
                    e.reason() == ExitReason.LIQUIDATION
                        ? e.price()
                        : PositionMath.slipped(e.price(), -p.direction(), slippageBps),
                    e.reason(),
                    at,
                    Optional.empty()));
    if (closed.isEmpty()) {
      marks.put(symbol, price);
    }
    return closed;
  }

  /** Charges or pays funding on the symbol's position at {@code price} and {@code rate} (a long pays a positive rate). */
  public Optional<BigDecimal> fund(String symbol, BigDecimal price, BigDecimal rate) {
    Position p = positions.get(symbol);
    if (p == null) {
      return Optional.empty();
    }
    BigDecimal amount = PositionMath.funding(p.direction(), p.coin(), price, rate);
    cash = cash.add(amount);
    fundingPaid = fundingPaid.subtract(amount);
    positions.put(symbol, p.withFunding(amount));
    relevel();
    return Optional.of(amount);
  }

  /** The stop, take-profit and liquidation price of a position as they stand. */
  public ExitLevels levels(Position p) {
    return new ExitLevels(
        p.direction(), p.stop(), p.take(), liquidation.getOrDefault(p.symbol(), Optional.empty()));
  }

  private Closed settle(
      Position p, BigDecimal exitPrice, ExitReason reason, Instant at, Optional<UUID> decision) {
    BigDecimal gross = p.profitAt(exitPrice);
    BigDecimal exitFee = PositionMath.fee(p.coin(), exitPrice, takerFee).negate();
    cash = cash.add(gross).subtract(exitFee);
    feesPaid = feesPaid.add(exitFee);
    positions.remove(p.symbol());
    liquidation.remove(p.symbol());
    marks.put(p.symbol(), exitPrice);
    relevel();
    BigDecimal fees = p.fees().add(exitFee);
    return new Closed(
        p,
        at,
        exitPrice,
        reason,
        gross,
        fees,
        p.funding(),
        gross.subtract(fees).add(p.funding()),
        decision);
  }

  /**
   * Recomputes every liquidation price after the cash changed: a cross position is backed by the cash the other
   * positions' margin does not tie up (the simulator's rule).
   */
  private void relevel() {
    for (Position p : positions.values()) {
      BigDecimal others =
          positions.values().stream()
              .filter(o -> o != p)
              .map(Position::margin)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal backing = cash.subtract(others);
      liquidation.put(
          p.symbol(),
          Optional.of(
                  PositionMath.liquidationPrice(p.direction(), p.coin(), p.entryPrice(), backing))
              .filter(px -> px.signum() > 0));
    }
  }

  /** Marks a symbol at {@code price} (for equity between bars). */
  public void mark(String symbol, BigDecimal price) {
    marks.put(symbol, price);
  }

  /** Cash plus the open positions' profit at their marks. */
  public BigDecimal equity() {
    BigDecimal equity = cash;
    for (Position p : positions.values()) {
      equity = equity.add(p.profitAt(marks.getOrDefault(p.symbol(), p.entryPrice())));
    }
    return equity;
  }

  /** USDT free for new positions: equity less the initial margin the open positions tie up at their marks. */
  public BigDecimal available() {
    BigDecimal used = BigDecimal.ZERO;
    for (Position p : positions.values()) {
      used =
          used.add(
              PositionMath.initialMargin(
                  p.coin(), marks.getOrDefault(p.symbol(), p.entryPrice()), p.leverage()));
    }
    return equity().subtract(used).max(BigDecimal.ZERO);
  }

  public BigDecimal cash() {
    return cash;
  }

  public Optional<Position> position(String symbol) {
    return Optional.ofNullable(positions.get(symbol));
  }

  public List<Position> positions() {
    return new ArrayList<>(positions.values());
  }

  public Optional<BigDecimal> liquidationPrice(String symbol) {
    return liquidation.getOrDefault(symbol, Optional.empty());
  }

  public BigDecimal mark(String symbol) {
    return Objects.requireNonNull(marks.get(symbol), () -> "no price for " + symbol + " yet");
  }

  /** What this account is now, to be saved. */
  public State state() {
    return new State(cash, feesPaid, fundingPaid, positions(), marks);
  }

  /** An account resumed from a saved {@link #state()}; the liquidation prices are worked out again. */
  public static PaperAccount restore(State state, BigDecimal takerFee, BigDecimal slippageBps) {
    PaperAccount account = new PaperAccount(BigDecimal.ONE, takerFee, slippageBps);
    account.cash = state.cash();
    account.feesPaid = state.feesPaid();
    account.fundingPaid = state.fundingPaid();
    state.positions().forEach(p -> account.positions.put(p.symbol(), p));
    account.marks.putAll(state.marks());
    account.relevel();
    return account;
  }

  /** Taker fees paid since the start (positive). */
  public BigDecimal feesPaid() {
    return feesPaid;
  }

  /** Funding paid since the start (positive when paid, negative when received on balance). */
  public BigDecimal fundingPaid() {
    return fundingPaid;
  }
}
