package io.tai2.execution;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Something an operator wants to hear about the moment it happens, published by execution as an application event (the
 * notify module listens; execution knows nothing of it). Published after the fact is recorded: a listener can never
 * change what happened, and a failing listener is logged, never thrown into trading.
 */
public sealed interface TradingEvent {

  Instant at();

  /** An entry order filled on OKX: a position was opened or added to. {@code protection} is the stop/TP check's line. */
  record EntryFilled(
      Instant at,
      String symbol,
      String side,
      BigDecimal contracts,
      BigDecimal price,
      Optional<BigDecimal> stopLoss,
      Optional<BigDecimal> takeProfit,
      String protection)
      implements TradingEvent {}

  /** A reduce-only close tai2 sent filled: {@code pnl} is OKX's realised PnL for the fill, when known. */
  record PositionClosed(
      Instant at,
      String symbol,
      String side,
      BigDecimal contracts,
      BigDecimal price,
      Optional<BigDecimal> pnl,
      String reason)
      implements TradingEvent {}

  /**
   * OKX closed (part of) a position on its own: a stop-loss or take-profit it triggered, a liquidation, auto-deleveraging,
   * or a close made outside tai2. {@code reason} says which, as far as the fill tells; the fills of one order are summed.
   */
  record ExchangeExit(
      Instant at,
      String symbol,
      String side,
      BigDecimal contracts,
      BigDecimal price,
      BigDecimal pnl,
      String reason)
      implements TradingEvent {}

  /** An order was sent and OKX's answer is unknown: it is never resent; the reconciler settles it by its client order id. */
  record OrderOutcomeUnknown(Instant at, String symbol, String clientOrderId, String message)
      implements TradingEvent {}

  /** Reconciliation found something worth a look (a warning or an error), e.g. an order OKX does not know. */
  record ReconciliationFinding(Instant at, String symbol, String level, String message)
      implements TradingEvent {}

  /**
   * A position's protection was found missing, and what was done: {@code outcome} is {@code rearmed}, {@code stop_only}
   * (the take-profit could not be placed), {@code flattened} (closed at market for want of a stop) or {@code unprotected}
   * (nothing could be done: act now).
   */
  record ProtectionChanged(Instant at, String symbol, String outcome, String message)
      implements TradingEvent {}

  /** A risk lock ({@code daily_loss} or {@code kill_switch}) was released by an operator: new orders may go out again. */
  record RiskLockReleased(Instant at, String lock, String actor, String reason)
      implements TradingEvent {}

  /** The daily-loss lock engaged: no new entries until it is reset or the day rolls over. */
  record DailyLossLocked(Instant at, String reason) implements TradingEvent {}

  /** The kill switch engaged; {@code failures} must be checked by hand on OKX. */
  record KillSwitchEngaged(
      Instant at, String actor, boolean flatten, List<String> actions, List<String> failures)
      implements TradingEvent {
    public KillSwitchEngaged {
      actions = List.copyOf(actions);
      failures = List.copyOf(failures);
    }
  }

  /** Where nothing listens (tests, benchmarks). */
  Consumer<TradingEvent> NOWHERE = e -> {};

  /** Hands {@code event} to {@code sink}; whatever the sink does wrong is logged and swallowed, so trading goes on. */
  static void publish(Consumer<TradingEvent> sink, TradingEvent event) {
    try {
      sink.accept(event);
    } catch (RuntimeException e) {
      LoggerHolder.LOG.warn(
          "event=trading_event_not_published kind={} error=\"{}\"",
          event.getClass().getSimpleName(),
          e.toString());
    }
  }

  /** Interfaces cannot hold a private logger field. */
  final class LoggerHolder {
    private static final Logger LOG = LoggerFactory.getLogger(TradingEvent.class);

    private LoggerHolder() {}
  }
}
