package io.tai2.execution;

import io.tai2.history.ExecutedTrade;
import io.tai2.history.OrderRecord;
import io.tai2.history.OrderStatus;
import io.tai2.okx.FillInfo;
import io.tai2.okx.Instrument;
import io.tai2.okx.OkxApiException;
import io.tai2.okx.OkxOutcomeUnknownException;
import io.tai2.okx.OkxTrading;
import io.tai2.okx.OrderDetails;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles a recorded order with what OKX says about it: its status, and for a fill the trade row (OKX's average fill
 * price, filled size and fee; realised PnL from the fills for closes) and the cooldown fill.
 */
final class OrderResolver {

  private static final Logger log = LoggerFactory.getLogger(OrderResolver.class);

  /** Where the order stands after asking OKX. */
  sealed interface Resolution {
    OrderRecord order();

    /**
     * It filled (wholly, or partly before OKX canceled the rest); the trade is recorded. {@code leverage} is what OKX
     * reports the order was placed at (empty when the fill was taken from the records).
     */
    record Filled(OrderRecord order, ExecutedTrade trade, Optional<BigDecimal> leverage)
        implements Resolution {}

    /** OKX has it, still live or partly filled, after the bounded lookups. */
    record Open(OrderRecord order, String state) implements Resolution {}

    /** OKX canceled it without any fill. */
    record Canceled(OrderRecord order) implements Resolution {}

    /** OKX does not know it; the order row is left as it was, for the caller to decide. */
    record NotFound(OrderRecord order) implements Resolution {}

    /** OKX could not be asked; the order row is left as it was. */
    record Unreachable(OrderRecord order, String reason) implements Resolution {}
  }

  private final OrderLedger ledger;
  private final OrderLookup lookup;

  OrderResolver(OrderLedger ledger, OrderLookup lookup) {
    this.ledger = ledger;
    this.lookup = lookup;
  }

  Resolution resolve(
      OkxTrading trading,
      OrderRecord order,
      Instrument instrument,
      Optional<String> reasoning,
      int attempts) {
    return switch (lookup.await(trading, order.symbol(), order.clientOrderId(), attempts)) {
      case OrderLookup.Outcome.Found found ->
          apply(trading, order, found.order(), instrument, reasoning);
      case OrderLookup.Outcome.NotFound ignored -> new Resolution.NotFound(order);
      case OrderLookup.Outcome.Unreachable u -> new Resolution.Unreachable(order, u.reason());
    };
  }

  private Resolution apply(
      OkxTrading trading,
      OrderRecord order,
      OrderDetails details,
      Instrument instrument,
      Optional<String> reasoning) {
    String id = order.clientOrderId();
    boolean filledSome = details.accFillSz().signum() > 0 && details.avgPx().isPresent();
    if (details.isFilled() || (OrderLookup.isFinal(details) && filledSome)) {
      OrderStatus status = details.isFilled() ? OrderStatus.FILLED : OrderStatus.CANCELED;
      ExecutedTrade trade =
          ledger.fill(
              order, read(trading, details, order.reduceOnly()), status, instrument, reasoning);
      return new Resolution.Filled(
          ledger.get(id), trade, Optional.of(details.lever()).filter(l -> l.signum() > 0));
    }
    if (OrderLookup.isFinal(details)) {
      ledger.canceled(id, "canceled", "OKX canceled the order without a fill");
      return new Resolution.Canceled(ledger.get(id));
    }
    ledger.accepted(
        id, details.ordId(), filledSome ? OrderStatus.PARTIALLY_FILLED : OrderStatus.LIVE);
    return new Resolution.Open(ledger.get(id), details.state());
  }

  /**
   * The fill from the order details (avgPx, accFillSz, fee: never the pre-trade price). A close also reads its fills
   * for the realised PnL ({@code fillPnl}); if they cannot be read the PnL stays empty rather than guessed.
   */
  private OrderLedger.Fill read(OkxTrading trading, OrderDetails d, boolean realisesPnl) {
    Optional<BigDecimal> pnl = Optional.empty();
    Instant at = d.cTime();
    if (realisesPnl) {
      try {
        // The order's fills come at or after its creation, both on OKX's clock: a few seconds'
        // margin is plenty, and an
        // active account's whole last minute of fills is not read (and paged through) for one
        // order.
        List<FillInfo> fills =
            trading.fills(Optional.of(d.instId()), d.cTime().minusSeconds(5)).stream()
                .filter(f -> f.ordId().equals(d.ordId()))
                .toList();
        if (!fills.isEmpty()) {
          pnl =
              Optional.of(
                  fills.stream().map(FillInfo::fillPnl).reduce(BigDecimal.ZERO, BigDecimal::add));
          at = fills.stream().map(FillInfo::ts).max(Comparator.naturalOrder()).orElse(at);
        }
      } catch (OkxApiException | OkxOutcomeUnknownException e) {
        log.warn("event=fills_unread client_order_id={} error=\"{}\"", d.clOrdId(), e.getMessage());
      }
    }
    return new OrderLedger.Fill(
        d.ordId(), d.avgPx().orElseThrow(), d.accFillSz(), d.fee(), pnl, at);
  }
}
