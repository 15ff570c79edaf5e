package io.tai2.execution;

import io.tai2.okx.OkxApiException;
import io.tai2.okx.OkxOutcomeUnknownException;
import io.tai2.okx.OkxTrading;
import io.tai2.okx.OrderDetails;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks OKX about an order by its client order id, a bounded number of times, until OKX reports it final (filled or
 * canceled). This is the only way execution learns an unanswered order's fate: it never resends to find out.
 */
final class OrderLookup {

  private static final Logger log = LoggerFactory.getLogger(OrderLookup.class);

  /** What the lookups found. */
  sealed interface Outcome {
    /** OKX knows the order; it may still be live when the lookups ran out. */
    record Found(OrderDetails order) implements Outcome {}

    /** OKX said 51603 "order does not exist" and never anything else. */
    record NotFound(int attempts) implements Outcome {}

    /** OKX could not be asked (network, 5xx after the client's own retries …). */
    record Unreachable(String reason) implements Outcome {}
  }

  private final ExecutionPolicy policy;

  OrderLookup(ExecutionPolicy policy) {
    this.policy = policy;
  }

  Outcome await(OkxTrading trading, String instId, String clOrdId, int attempts) {
    Optional<OrderDetails> seen = Optional.empty();
    boolean notFound = false;
    String error = "";
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        Optional<OrderDetails> order = trading.order(instId, clOrdId);
        if (order.isPresent()) {
          seen = order;
          if (isFinal(order.get())) {
            return new Outcome.Found(order.get());
          }
        } else {
          notFound = true;
        }
      } catch (OkxApiException | OkxOutcomeUnknownException e) {
        error = e.getMessage();
        log.warn(
            "event=order_lookup_failed client_order_id={} attempt={} error=\"{}\"",
            clOrdId,
            attempt,
            error);
      }
      if (attempt < attempts && !pause(policy.lookupPause(attempt))) {
        break;
      }
    }
    if (seen.isPresent()) {
      return new Outcome.Found(seen.get());
    }
    return notFound || error.isEmpty()
        ? new Outcome.NotFound(attempts)
        : new Outcome.Unreachable(error);
  }

  static boolean isFinal(OrderDetails order) {
    return order.state().equals("filled") || order.state().endsWith("canceled");
  }

  /** Sleeps; false when interrupted (the interrupt stays set and the caller stops waiting). */
  static boolean pause(Duration pause) {
    try {
      Thread.sleep(pause);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
