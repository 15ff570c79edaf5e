package io.tai2.execution;

import io.tai2.history.OrderRecord;
import io.tai2.history.OrderStatus;
import io.tai2.okx.AlgoOrder;
import io.tai2.okx.Instrument;
import io.tai2.okx.OkxApiException;
import io.tai2.okx.OkxConnection;
import io.tai2.okx.OkxOutcomeUnknownException;
import io.tai2.okx.OkxTrading;
import io.tai2.okx.PositionInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings tai2's records in line with OKX, at start-up and periodically: every unresolved order is settled by its client
 * order id (a fill recorded once, an unsent intent closed), every open position is checked for a stop-loss (re-armed
 * from the last filled entry, else flagged), and protection orders tai2 left without a position are cancelled. Each
 * finding is returned and recorded as execution feedback.
 */
public final class Reconciler {

  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  /**
   * One thing reconciliation found or did; {@code protection} is the event of a position found without its stop;
   * {@code settlesUnknown}: how an order whose outcome was unknown ended, which the operator heard of as unknown.
   */
  private record Finding(
      String symbol,
      ExecutionAlerts.Level level,
      String message,
      Optional<TradingEvent> protection,
      boolean settlesUnknown) {
    Finding(String symbol, ExecutionAlerts.Level level, String message) {
      this(symbol, level, message, Optional.empty(), false);
    }

    Finding(
        String symbol,
        ExecutionAlerts.Level level,
        String message,
        Optional<TradingEvent> protection) {
      this(symbol, level, message, protection, false);
    }

    Finding settlingUnknown() {
      return new Finding(symbol, level, message, protection, true);
    }
  }

  private final OkxConnection connection;
  private final SymbolLocks locks;
  private final ExecutionPolicy policy;
  private final Clock clock;
  private final Function<String, Optional<Instrument>> instruments;
  private final OrderLedger ledger;
  private final ExecutionAlerts alerts;
  private final OrderResolver resolver;
  private final ProtectionKeeper protection;
  private final Consumer<TradingEvent> events;

  /** {@code instruments} looks up an instrument's rules by id (its contract size turns a fill into a traded amount). */
  public Reconciler(
      OkxConnection connection,
      ExecutionRecords records,
      SymbolLocks locks,
      ExecutionPolicy policy,
      Clock clock,
      Function<String, Optional<Instrument>> instruments) {
    this(connection, records, locks, policy, clock, instruments, TradingEvent.NOWHERE);
  }

  /**
   * With {@code events} told of what the operator should hear: a position found without its stop (and what was done), and
   * every other warning or error found.
   */
  public Reconciler(
      OkxConnection connection,
      ExecutionRecords records,
      SymbolLocks locks,
      ExecutionPolicy policy,
      Clock clock,
      Function<String, Optional<Instrument>> instruments,
      Consumer<TradingEvent> events) {
    this.events = events;
    this.connection = connection;
    this.locks = locks;
    this.policy = policy;
    this.clock = clock;
    this.instruments = instruments;
    ExecutionParts parts = ExecutionParts.of(records, policy, clock);
    this.ledger = parts.ledger();
    this.alerts = parts.alerts();
    this.resolver = parts.resolver();
    this.protection = parts.protection();
  }

  /** Runs one reconciliation; returns what it found, in the order found (empty when all was in order). */
  public List<String> reconcile() {
    OkxConnection.Clients clients = connection.current();
    if (clients.config().keys().isEmpty()) {
      log.info("event=reconcile_skipped reason=\"no OKX credentials\"");
      return List.of();
    }
    OkxTrading trading = clients.trading();
    List<Finding> findings = new ArrayList<>();
    List<OrderRecord> unresolved = ledger.unresolved();
    unresolved.forEach(order -> order(trading, order, findings));
    int positions = positions(trading, findings);
    findings.forEach(f -> alerts.record(f.symbol(), f.level(), f.message(), Optional.empty()));
    findings.forEach(this::announce);
    log.info(
        "event=reconciled orders={} positions={} findings={}",
        unresolved.size(),
        positions,
        findings.size());
    return findings.stream().map(Finding::message).toList();
  }

  private void order(OkxTrading trading, OrderRecord order, List<Finding> findings) {
    String symbol = order.symbol();
    String what = "order " + order.clientOrderId() + " (" + OrderWords.record(order) + ")";
    if (!locks.tryTake(symbol)) {
      findings.add(
          new Finding(
              symbol,
              ExecutionAlerts.Level.INFO,
              what + " not checked: an execution on " + symbol + " is running"));
      return;
    }
    try {
      Optional<Instrument> instrument = instruments.apply(symbol);
      if (instrument.isEmpty()) {
        findings.add(
            new Finding(
                symbol,
                ExecutionAlerts.Level.WARNING,
                what + " not checked: instrument " + symbol + " is unknown"));
        return;
      }
      Finding finding =
          switch (resolver.resolve(trading, order, instrument.get(), Optional.empty(), 1)) {
            case OrderResolver.Resolution.Filled f ->
                new Finding(
                    symbol,
                    ExecutionAlerts.Level.INFO,
                    what + " filled at " + OrderWords.num(f.trade().price()) + ": trade recorded");
            case OrderResolver.Resolution.Canceled c ->
                new Finding(
                    symbol,
                    ExecutionAlerts.Level.INFO,
                    what + " was canceled by OKX without a fill");
            case OrderResolver.Resolution.Open o ->
                new Finding(
                    symbol, ExecutionAlerts.Level.INFO, what + " is " + o.state() + " on OKX");
            case OrderResolver.Resolution.NotFound n -> notFound(order, what);
            case OrderResolver.Resolution.Unreachable u ->
                new Finding(
                    symbol,
                    ExecutionAlerts.Level.WARNING,
                    what + " could not be checked (" + u.reason() + "); checked again next run");
          };
      boolean settled =
          ledger.find(order.clientOrderId()).map(o -> !o.status().isUnresolved()).orElse(false);
      boolean wasUnknown =
          order.status() == OrderStatus.SENT || order.status() == OrderStatus.UNKNOWN;
      findings.add(settled && wasUnknown ? finding.settlingUnknown() : finding);
      if (settled) {
        // The decision said what execution knew then ("unknown: …"); it now also says how it ended.
        ledger.decisionSettled(order.decisionId(), finding.message());
      }
    } finally {
      locks.release(symbol);
    }
  }

  /** OKX does not know the order: decide by what tai2 recorded about it. Closing it never causes a resend. */
  private Finding notFound(OrderRecord order, String what) {
    String symbol = order.symbol();
    String id = order.clientOrderId();
    switch (order.status()) {
      case INTENT -> {
        ledger.canceled(id, "not_sent", "never sent (found as an intent by reconciliation)");
        return new Finding(
            symbol, ExecutionAlerts.Level.INFO, what + " was never sent: marked canceled");
      }
      case SENT, UNKNOWN -> {
        Duration since = Duration.between(order.updatedAt(), clock.instant());
        if (since.compareTo(policy.notFoundGrace()) >= 0) {
          ledger.canceled(
              id,
              "not_found",
              "not found on OKX " + since.toSeconds() + " s after sending: never placed");
          return new Finding(
              symbol,
              ExecutionAlerts.Level.WARNING,
              what
                  + " is not on OKX "
                  + since.toSeconds()
                  + " s after it was sent: it never reached OKX, marked canceled");
        }
        return new Finding(
            symbol,
            ExecutionAlerts.Level.WARNING,
            what + " is not on OKX yet: still unknown, checked again next run");
      }
      default -> {
        ledger.canceled(id, "not_found", "no longer known to OKX");
        return new Finding(
            symbol,
            ExecutionAlerts.Level.WARNING,
            what + " is no longer known to OKX: marked canceled");
      }
    }
  }

  /** Checks each open position for a stop-loss and each tai2 protection order for a position; returns how many positions. */
  private int positions(OkxTrading trading, List<Finding> findings) {
    TreeSet<String> symbols = new TreeSet<>();
    try {
      trading.positions(Optional.empty()).stream()
          .filter(p -> p.pos().signum() != 0)
          .forEach(p -> symbols.add(p.instId()));
      trading.pendingAlgos().forEach(a -> symbols.add(a.instId()));
    } catch (OkxApiException | OkxOutcomeUnknownException e) {
      findings.add(
          new Finding(
              "",
              ExecutionAlerts.Level.ERROR,
              "positions could not be read from OKX ("
                  + e.getMessage()
                  + "): stop-losses not checked"));
      return 0;
    }
    int open = 0;
    for (String symbol : symbols) {
      if (!locks.tryTake(symbol)) {
        findings.add(
            new Finding(
                symbol,
                ExecutionAlerts.Level.INFO,
                "protection on " + symbol + " not checked: an execution is running"));
        continue;
      }
      try {
        open += symbol(trading, symbol, findings);
      } catch (OkxApiException | OkxOutcomeUnknownException e) {
        findings.add(
            new Finding(
                symbol,
                ExecutionAlerts.Level.ERROR,
                "protection on " + symbol + " could not be checked (" + e.getMessage() + ")"));
      } finally {
        locks.release(symbol);
      }
    }
    return open;
  }

  /** Under the symbol's lock, so no execution changes its position or algos while they are read and acted on. */
  private int symbol(OkxTrading trading, String symbol, List<Finding> findings) {
    List<PositionInfo> open =
        trading.positions(Optional.of(symbol)).stream().filter(p -> p.pos().signum() != 0).toList();
    List<AlgoOrder> algos =
        trading.pendingAlgos().stream().filter(a -> a.instId().equals(symbol)).toList();
    for (PositionInfo p : open) {
      if (ProtectionKeeper.hasStop(algos, p)) {
        continue;
      }
      String prefix = "position without SL on " + symbol + ": ";
      Optional<Instrument> instrument = instruments.apply(symbol);
      if (instrument.isEmpty()) {
        String message = prefix + "instrument unknown, not re-armed; set a stop or close it";
        findings.add(
            new Finding(
                symbol,
                ExecutionAlerts.Level.ERROR,
                message,
                Optional.of(
                    new TradingEvent.ProtectionChanged(
                        clock.instant(), symbol, "unprotected", message))));
        continue;
      }
      ProtectionStatus status = protection.ensureFromHistory(trading, p, instrument.get());
      findings.add(
          new Finding(
              symbol,
              level(status),
              prefix + status.message(),
              ProtectionEvents.of(clock.instant(), symbol, status)));
    }
    for (AlgoOrder algo : algos) {
      boolean closesAPosition =
          open.stream()
              .anyMatch(
                  p -> algo.side().equals(ProtectionKeeper.direction(p) > 0 ? "sell" : "buy"));
      if (!closesAPosition && algo.algoClOrdId().startsWith("t2")) {
        // Left by tai2 (a crash between a close and its clean-up): it would act on the next
        // position in this direction.
        trading.cancelAlgo(symbol, algo.algoId());
        findings.add(
            new Finding(
                symbol,
                ExecutionAlerts.Level.INFO,
                "protection order "
                    + algo.algoId()
                    + " on "
                    + symbol
                    + " had no position to protect: cancelled"));
      }
    }
    return open.size();
  }

  /**
   * A protection finding as its own event; any other warning or error, and how an unknown order ended, as a
   * reconciliation finding; other information stays in the log.
   */
  private void announce(Finding f) {
    if (f.protection().isPresent()) {
      TradingEvent.publish(events, f.protection().get());
    } else if (f.level() != ExecutionAlerts.Level.INFO || f.settlesUnknown()) {
      TradingEvent.publish(
          events,
          new TradingEvent.ReconciliationFinding(
              clock.instant(), f.symbol(), f.level().kind, f.message()));
    }
  }

  private static ExecutionAlerts.Level level(ProtectionStatus status) {
    return switch (status) {
      case ProtectionStatus.Flattened f -> ExecutionAlerts.Level.ERROR;
      case ProtectionStatus.Unprotected u -> ExecutionAlerts.Level.ERROR;
      case ProtectionStatus.Rearmed r -> ExecutionAlerts.Level.WARNING;
      case ProtectionStatus.StopOnly s -> ExecutionAlerts.Level.WARNING;
      default -> ExecutionAlerts.Level.INFO;
    };
  }
}
