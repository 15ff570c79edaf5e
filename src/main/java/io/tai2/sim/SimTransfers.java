package io.tai2.sim;

import io.tai2.sim.SimExchange.BalanceChanged;
import io.tai2.sim.SimExchange.Bill;
import io.tai2.sim.SimExchange.Change;
import io.tai2.sim.SimExchange.Refused;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * USDT moved between funding (6) and trading (18) balances, within one account or master ⇄ sub-account
 * ({@code asset/transfer}), with OKX's refusals and the type 1 bills it leaves. Called under the exchange's lock.
 */
final class SimTransfers {

  private final Clock clock;
  private final SimIds ids;
  private final Consumer<Change> emit;

  SimTransfers(Clock clock, SimIds ids, Consumer<Change> emit) {
    this.clock = clock;
    this.ids = ids;
    this.emit = emit;
  }

  /**
   * Moves USDT from one account's funding (6) or trading (18) balance to another's (the same account, or master ⇄ sub);
   * empty on success. Each trading balance that changes gets a type 1 bill (11 in, 12 out).
   */
  Optional<Refused> transfer(
      Function<String, SimBook> books,
      String fromKey,
      String from,
      String toKey,
      String to,
      String ccy,
      String amt) {
    BigDecimal amount;
    try {
      amount = new BigDecimal(amt);
    } catch (NumberFormatException e) {
      return Optional.of(new Refused("51000", "Parameter amt error"));
    }
    if (amount.signum() <= 0) {
      return Optional.of(new Refused("58114", "Transfer amount must be greater than 0"));
    }
    if (from.equals(to) && fromKey.equals(toKey)) {
      return Optional.of(
          new Refused("58123", "The From parameter cannot be the same as the To parameter."));
    }
    if (!ccy.equals("USDT")
        || !List.of("6", "18").contains(from)
        || !List.of("6", "18").contains(to)) {
      return Optional.of(new Refused("51000", "Parameter from/to/ccy error"));
    }
    SimBook source = books.apply(fromKey);
    SimBook target = books.apply(toKey);
    BigDecimal available = from.equals("6") ? source.funding : source.available();
    if (amount.compareTo(available) > 0) {
      return Optional.of(new Refused("58116", "Transfer amount exceeds the available balance"));
    }
    move(source, from, amount.negate());
    move(target, to, amount);
    return Optional.empty();
  }

  private void move(SimBook book, String account, BigDecimal amount) {
    if (account.equals("6")) {
      book.funding = book.funding.add(amount);
      return;
    }
    book.cash = book.cash.add(amount);
    book.addBill(Bill.transfer(ids.next(), amount, book.cash, clock.millis()));
    emit.accept(new BalanceChanged(book.apiKey));
  }
}
