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
  record EntryFilled(Instant at, String symbol, String side, BigDecimal contracts, BigDecimal price, Optional<BigDecimal> stopLoss,
      Optional<BigDecimal> takeProfit, String protection) implements TradingEvent {}

  /** A reduce-only close tai2 sent filled: {@code pnl} is OKX's realised PnL for the fill, when known. */
  record PositionClosed(Instant at, String symbol, String side, BigDecimal contracts, BigDecimal price, Optional<BigDecimal> pnl,
      String reason) implements TradingEvent {}

  /** The daily-loss lock engaged: no new entries until it is reset or the day rolls over. */
  record DailyLossLocked(Instant at, String reason) implements TradingEvent {}

  /** The kill switch engaged; {@code failures} must be checked by hand on OKX. */
  record KillSwitchEngaged(Instant at, String actor, boolean flatten, List<String> actions, List<String> failures) implements TradingEvent {
    public KillSwitchEngaged {
      actions = List.copyOf(actions);
      failures = List.copyOf(failures);
    }
  }

  /** Where nothing listens (tests, benchmarks). */
  Consumer<TradingEvent> NOWHERE = e -> { };

  /** Hands {@code event} to {@code sink}; whatever the sink does wrong is logged and swallowed, so trading goes on. */
  static void publish(Consumer<TradingEvent> sink, TradingEvent event) {
    try {
      sink.accept(event);
    } catch (RuntimeException e) {
      LoggerHolder.LOG.warn("event=trading_event_not_published kind={} error=\"{}\"", event.getClass().getSimpleName(), e.toString());
    }
  }

  /** Interfaces cannot hold a private logger field. */
  final class LoggerHolder {
    private static final Logger LOG = LoggerFactory.getLogger(TradingEvent.class);

    private LoggerHolder() {}
  }
}
