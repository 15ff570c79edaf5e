package io.tai2.sim;

import io.tai2.fills.PositionMath;
import io.tai2.okx.Instrument;
import io.tai2.sim.SimExchange.MarginAdjustment;
import io.tai2.sim.SimExchange.Position;
import io.tai2.sim.SimExchange.Refused;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.Optional;

/**
 * An account's settings and its positions' margin: leverage per instrument and margin mode, net or long/short position
 * mode, and isolated margin added or removed, each with OKX's refusals. Called under the exchange's lock.
 */
final class SimAccountSettings {

  private final Clock clock;
  private final SimMarket market;

  SimAccountSettings(Clock clock, SimMarket market) {
    this.clock = clock;
    this.market = market;
  }

  /** Adds or removes isolated margin (59300 no position, 59301 below the floor, 59303 not enough available). */
  MarginAdjustment adjustMargin(
      SimBook book, String instId, String posSide, String type, String amt) {
    Position p = book.positions.get(SimBook.key(instId, "isolated", posSide));
    if (p == null || p.pos().signum() == 0) {
      return MarginAdjustment.refused("59300", "Margin call failed. Position does not exist.");
    }
    BigDecimal amount = new BigDecimal(amt);
    Instrument inst = market.instrument(instId).orElseThrow();
    BigDecimal notional = p.pos().abs().multiply(inst.contractSize()).multiply(market.last(instId));
    BigDecimal margin;
    if (type.equals("add")) {
      if (amount.compareTo(book.available()) > 0) {
        return MarginAdjustment.refused(
            "59303", "Insufficient available margin, add margin or reduce the borrowing amount");
      }
      margin = p.margin().add(amount);
    } else if (type.equals("reduce")) {
      margin = p.margin().subtract(amount);
      BigDecimal floor = notional.divide(inst.maxLeverage(), PositionMath.MC);
      if (margin.compareTo(floor) < 0) {
        return MarginAdjustment.refused(
            "59301", "Margin adjustment exceeds the maximum available.");
      }
    } else {
      return MarginAdjustment.refused("51000", "Parameter type error");
    }
    Position updated = p.withMargin(margin, clock.millis());
    book.putPosition(SimBook.key(instId, "isolated", posSide), updated);
    BigDecimal realLeverage = notional.divide(margin, 2, RoundingMode.HALF_UP);
    return new MarginAdjustment(Optional.empty(), realLeverage);
  }

  /** Switches between {@code net_mode} and {@code long_short_mode}; 59000 while positions or orders are open. */
  static Optional<Refused> setPositionMode(SimBook book, String posMode) {
    if (!posMode.equals(SimBook.NET_MODE) && !posMode.equals(SimBook.LONG_SHORT_MODE)) {
      return Optional.of(new Refused("51000", "Parameter posMode error"));
    }
    boolean busy =
        book.positions.values().stream().anyMatch(p -> p.pos().signum() != 0)
            || !book.resting.isEmpty();
    if (busy) {
      return Optional.of(
          new Refused(
              "59000",
              "Settings failed. Delete any open positions or orders before modifying settings."));
    }
    book.posMode = posMode;
    return Optional.empty();
  }

  /** Sets leverage; empty on success, else the OKX error it is refused with. */
  Optional<Refused> setLeverage(SimBook book, String instId, String mgnMode, String lever) {
    Optional<Instrument> instrument = market.instrument(instId);
    if (instrument.isEmpty()) {
      return Optional.of(new Refused("51001", "Instrument ID or Spread ID doesn't exist."));
    }
    if (!mgnMode.equals("cross") && !mgnMode.equals("isolated")) {
      return Optional.of(new Refused("51000", "Parameter mgnMode error"));
    }
    BigDecimal value;
    try {
      value = new BigDecimal(lever);
    } catch (NumberFormatException e) {
      return Optional.of(new Refused("51000", "Parameter lever error"));
    }
    if (value.compareTo(BigDecimal.ONE) < 0) {
      return Optional.of(new Refused("51000", "Parameter lever error"));
    }
    if (value.compareTo(instrument.get().maxLeverage()) > 0) {
      return Optional.of(
          new Refused(
              "59102", "Leverage exceeds the maximum leverage. Please adjust your leverage."));
    }
    book.leverage.put(instId + "/" + mgnMode, value);
    return Optional.empty();
  }
}
