package io.tai2.execution;

import io.tai2.history.ExecutedTrade;
import io.tai2.history.OrderRecord;
import java.time.Duration;
import java.util.Optional;

/** What became of an order plan, in words an operator can act on. */
public sealed interface ExecutionResult {

  /** One line for the operator. */
  String message();

  /**
   * Internal latency from {@code execute()} being called to OKX accepting the order (leverage set-up and the round trip
   * included); empty when this call got no acceptance (paper, refused, rejected, unknown, or a plan resumed from an
   * earlier attempt).
   */
  default Optional<Duration> acceptedAfter() {
    return Optional.empty();
  }

  /** The order filled; the trade is recorded with OKX's fill price, size and fee. */
  record Filled(
      OrderRecord order,
      ExecutedTrade trade,
      ProtectionStatus protection,
      Optional<Duration> acceptedAfter)
      implements ExecutionResult {
    @Override
    public String message() {
      String pnl = trade.pnl().map(p -> ", realised PnL " + OrderWords.num(p)).orElse("");
      String fee = trade.fee().map(f -> " (fee " + OrderWords.num(f) + ")").orElse("");
      return "filled "
          + OrderWords.order(trade.side(), trade.size(), trade.instrument())
          + " at "
          + OrderWords.num(trade.price())
          + fee
          + pnl
          + "; "
          + protection.message();
    }
  }

  /** Live execution is off: nothing went to OKX; this is what would have been sent. */
  record Paper(String text) implements ExecutionResult {
    @Override
    public String message() {
      return text;
    }
  }

  /** OKX refused the order; {@code code} is OKX's (e.g. 51008) or "canceled" when OKX canceled it unfilled. */
  record Rejected(String code, String message) implements ExecutionResult {}

  /**
   * OKX's answer was lost and the order could not be confirmed either way within the bounded lookups. It is never
   * resent; the reconciler resolves it by its client order id.
   */
  record Unknown(String clientOrderId, String message) implements ExecutionResult {}

  /** Execution did not send the plan (another order on the symbol running, no stop-loss, leverage not set …). */
  record Refused(String reason) implements ExecutionResult {
    @Override
    public String message() {
      return reason;
    }
  }
}
