package io.tai2.execution;

import io.tai2.history.ExecutedTrade;
import io.tai2.history.OrderRecord;
import io.tai2.history.OrderStatus;
import io.tai2.okx.Instrument;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An order's row as it moves through its states, and what its fill leaves behind: the trade row and the cooldown fill,
 * each exactly once per client order id (a retry, a restart and the reconciler may all see the same fill).
 */
final class OrderLedger {

  private static final Logger log = LoggerFactory.getLogger(OrderLedger.class);

  /** A fill as OKX reports it: average price, filled contracts, fee (negative = paid), realised PnL for closes. */
  record Fill(
      String ordId,
      BigDecimal price,
      BigDecimal contracts,
      BigDecimal fee,
      Optional<BigDecimal> pnl,
      Instant at) {}

  private final ExecutionRecords records;
  private final Clock clock;

  OrderLedger(ExecutionRecords records, Clock clock) {
    this.records = records;
    this.clock = clock;
  }

  Instant now() {
    return clock.instant();
  }

  /** The intent of a plan, not yet stored. */
  OrderRecord intent(OrderPlan plan) {
    return intent(plan, OrderStatus.INTENT);
  }

  /**
   * The intent of a plan in {@code status}: INTENT when something must happen before it is sent (it is marked SENT then),
   * SENT when it goes out right after the commit, so that storing and marking it cost one commit.
   */
  OrderRecord intent(OrderPlan plan, OrderStatus status) {
    Instant now = now();
    return new OrderRecord(
        UUID.randomUUID(),
        plan.clientOrderId(),
        Optional.of(plan.decisionId()),
        plan.symbol(),
        plan.side(),
        Optional.of(plan.posSide()),
        plan.orderType(),
        plan.tradeMode(),
        plan.contracts(),
        Optional.of(plan.referencePrice()),
        plan.reduceOnly(),
        plan.stopLoss(),
        plan.takeProfit(),
        status,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        now,
        now);
  }

  /** The intent of a market close that execution decides on by itself (flattening an unprotected position). */
  OrderRecord closeIntent(
      String clOrdId,
      Optional<UUID> decisionId,
      String instId,
      String side,
      String posSide,
      String tdMode,
      BigDecimal contracts) {
    Instant now = now();
    return new OrderRecord(
        UUID.randomUUID(),
        clOrdId,
        decisionId,
        instId,
        side,
        Optional.of(posSide),
        "market",
        tdMode,
        contracts,
        Optional.empty(),
        true,
        Optional.empty(),
        Optional.empty(),
        OrderStatus.INTENT,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        now,
        now);
  }

  /** @throws io.tai2.history.DuplicateClientOrderIdException when this client order id is already recorded */
  void store(OrderRecord intent) {
    records.orders().insertIntent(intent);
    log.info(
        "event=order_intent_stored client_order_id={} symbol={} side={} contracts={} reduce_only={} status={}",
        intent.clientOrderId(),
        intent.symbol(),
        intent.side(),
        OrderWords.num(intent.sizeContracts()),
        intent.reduceOnly(),
        intent.status());
  }

  Optional<OrderRecord> find(String clOrdId) {
    return records.orders().findByClientOrderId(clOrdId);
  }

  OrderRecord get(String clOrdId) {
    return find(clOrdId)
        .orElseThrow(
            () ->
                new IllegalStateException("order " + clOrdId + " vanished from the orders table"));
  }

  List<OrderRecord> unresolved() {
    return records.orders().unresolved();
  }

  Optional<OrderRecord> lastFilledEntry(String symbol) {
    return records.orders().lastFilledEntry(symbol);
  }

  Optional<ExecutedTrade> trade(String clOrdId) {
    return records.trades().findByClientOrderId(clOrdId);
  }

  /**
   * Written before the request leaves, so that INTENT provably means "never sent". False when the order is no longer an
   * unsent intent (something closed it meanwhile): the request must not leave then, or a live order would sit on a closed row.
   */
  boolean sending(String clOrdId) {
    return status(clOrdId, OrderStatus.SENT, Optional.empty(), Optional.empty(), Optional.empty());
  }

  // The writes below return false when the order had already moved past them (see OrderStatus); the
  // row is left as it was
  // and the refusal is logged, never thrown: a late write must not break the trading path that made
  // it.

  boolean unknown(String clOrdId, String code, String message) {
    return status(
        clOrdId, OrderStatus.UNKNOWN, Optional.empty(), Optional.of(code), Optional.of(message));
  }

  boolean accepted(String clOrdId, String ordId, OrderStatus status) {
    return status(
        clOrdId,
        status,
        Optional.of(ordId).filter(s -> !s.isEmpty()),
        Optional.empty(),
        Optional.empty());
  }

  boolean rejected(String clOrdId, String code, String message) {
    return status(
        clOrdId, OrderStatus.REJECTED, Optional.empty(), Optional.of(code), Optional.of(message));
  }

  boolean canceled(String clOrdId, String code, String message) {
    return status(
        clOrdId, OrderStatus.CANCELED, Optional.empty(), Optional.of(code), Optional.of(message));
  }

  private boolean status(
      String clOrdId,
      OrderStatus status,
      Optional<String> ordId,
      Optional<String> code,
      Optional<String> message) {
    if (!records.orders().updateStatus(clOrdId, status, ordId, code, message, now())) {
      refused(clOrdId, status, "status");
      return false;
    }
    log.info(
        "event=order_status client_order_id={} status={} exchange_order_id={} code={}",
        clOrdId,
        status,
        ordId.orElse("-"),
        code.orElse("-"));
    return true;
  }

  /** A write the order's state machine refused: it came late or out of order, so the order keeps the state it reached. */
  private void refused(String clOrdId, OrderStatus to, String write) {
    String from = find(clOrdId).map(o -> o.status().name()).orElse("missing");
    log.warn(
        "event=order_transition_refused client_order_id={} from={} to={} write={}",
        clOrdId,
        from,
        to,
        write);
  }

  /**
   * Records a fill: the trade row, the cooldown fill and the order's final status, in one transaction (one commit, and a
   * crash leaves all or nothing). Each write is idempotent, so when the transaction fails (a concurrent writer's row
   * aborts a PostgreSQL transaction) they are written again one by one: the trade row and the cooldown fill first, so a
   * crash in between leaves the order unresolved, and resolving it again only completes what is missing.
   */
  ExecutedTrade fill(
      OrderRecord order,
      Fill fill,
      OrderStatus status,
      Instrument instrument,
      Optional<String> reasoning) {
    ExecutedTrade trade =
        new ExecutedTrade(
            UUID.randomUUID(),
            fill.at(),
            order.symbol(),
            instrument.instId(),
            order.side(),
            fill.contracts(),
            fill.price(),
            fill.contracts().multiply(instrument.contractSize()),
            Optional.of(order.clientOrderId()),
            reasoning,
            fill.pnl(),
            Optional.of(fill.fee()));
    boolean inserted;
    try {
      inserted =
          Boolean.TRUE.equals(
              records.transactions().execute(tx -> writeFill(order, fill, status, trade)));
    } catch (RuntimeException e) {
      log.warn(
          "event=fill_transaction_failed client_order_id={} error=\"{}\" action=write_one_by_one",
          order.clientOrderId(),
          e.toString());
      inserted = writeFill(order, fill, status, trade);
    }
    log.info(
        "event=order_filled client_order_id={} symbol={} side={} contracts={} price={} fee={} pnl={} trade_recorded={}",
        order.clientOrderId(),
        order.symbol(),
        order.side(),
        OrderWords.num(fill.contracts()),
        OrderWords.num(fill.price()),
        OrderWords.num(fill.fee()),
        fill.pnl().map(OrderWords::num).orElse("-"),
        inserted ? "now" : "already");
    return inserted
        ? trade
        : records.trades().findByClientOrderId(order.clientOrderId()).orElse(trade);
  }

  /** The writes of a fill; true when this call inserted the trade row. */
  private boolean writeFill(OrderRecord order, Fill fill, OrderStatus status, ExecutedTrade trade) {
    boolean inserted = records.trades().insertOnce(trade);
    records.activity().recordFillOnce(order.symbol(), order.clientOrderId(), fill.at());
    if (!records
        .orders()
        .updateStatus(
            order.clientOrderId(),
            status,
            Optional.of(fill.ordId()),
            order.errorCode(),
            order.errorMessage(),
            now())) {
      refused(order.clientOrderId(), status, "status");
    }
    if (!records
        .orders()
        .recordFill(
            order.clientOrderId(), status, fill.price(), fill.contracts(), fill.fee(), now())) {
      refused(order.clientOrderId(), status, "fill");
    }
    return inserted;
  }

  /** Adds how an order ended, found later by reconciliation, to its decision's execution status (the first words stay). */
  void decisionSettled(Optional<UUID> decisionId, String finding) {
    decisionId.ifPresent(
        id -> {
          try {
            records.decisions().appendExecutionStatus(id, " → reconciliation: " + finding);
          } catch (RuntimeException e) {
            log.warn(
                "event=decision_status_not_stored decision_id={} error=\"{}\"", id, e.toString());
          }
        });
  }

  /** Sets the decision log's execution status ("filled: …", "paper: …"); the log is informative, so a failure only logs. */
  void decision(Optional<UUID> decisionId, String status) {
    decisionId.ifPresent(
        id -> {
          try {
            records
                .decisions()
                .setExecutionStatus(id, status.length() > 500 ? status.substring(0, 500) : status);
          } catch (RuntimeException e) {
            log.warn(
                "event=decision_status_not_stored decision_id={} error=\"{}\"", id, e.toString());
          }
        });
  }
}
