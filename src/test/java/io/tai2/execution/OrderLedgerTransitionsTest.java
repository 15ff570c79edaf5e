package io.tai2.execution;

import static io.tai2.execution.ExecutionSim.BTC;
import static io.tai2.execution.ExecutionSim.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.OrderRecord;
import io.tai2.history.OrderStatus;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

/** The ledger's status writes on the real orders table: a late write is refused, logged and never thrown into the trading path. */
@ExtendWith(OutputCaptureExtension.class)
class OrderLedgerTransitionsTest {

  ExecutionSim sim = new ExecutionSim();
  OrderLedger ledger = new OrderLedger(sim.records, sim.clock);

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void
      givenAFilledOrder_whenAStaleLookupSaysLiveOrTheReconcilerClosesIt_thenBothAreRefusedAndTheFillStays(
          CapturedOutput output) {
    OrderPlan plan = entry(BTC, "buy", "1", "88000", "95000");
    String id = plan.clientOrderId();
    ledger.store(ledger.intent(plan));
    assertThat(ledger.sending(id)).isTrue();
    assertThat(ledger.accepted(id, "ex-1", OrderStatus.LIVE)).isTrue();
    OrderRecord live = ledger.get(id);
    ledger.fill(
        live,
        new OrderLedger.Fill(
            "ex-1",
            new BigDecimal("90000.1"),
            BigDecimal.ONE,
            new BigDecimal("-0.9"),
            Optional.empty(),
            sim.clock.instant()),
        OrderStatus.FILLED,
        sim.instrument(BTC),
        Optional.of("breakout"));

    boolean staleLive = ledger.accepted(id, "ex-1", OrderStatus.LIVE);
    boolean lateCancel = ledger.canceled(id, "not_found", "no longer known to OKX");

    assertThat(staleLive).isFalse();
    assertThat(lateCancel).isFalse();
    OrderRecord row = ledger.get(id);
    assertThat(row.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(row.fillPrice())
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("90000.1"));
    assertThat(row.errorCode()).isEmpty();
    assertThat(output.getOut())
        .contains(
            "event=order_transition_refused client_order_id="
                + id
                + " from=FILLED to=LIVE write=status")
        .contains(
            "event=order_transition_refused client_order_id="
                + id
                + " from=FILLED to=CANCELED write=status");
  }

  @Test
  void
      givenTheDatabaseRefusesTheFillsTransaction_whenAFillIsRecorded_thenItsWritesAreMadeOneByOneAndNothingIsMissing(
          CapturedOutput output) {
    TransactionOperations refused =
        new TransactionOperations() {
          @Override
          public <T> T execute(TransactionCallback<T> action) {
            throw new CannotCreateTransactionException("connection refused");
          }
        };
    ExecutionRecords records =
        new ExecutionRecords(
            sim.records.orders(),
            sim.records.trades(),
            sim.records.activity(),
            sim.records.feedback(),
            sim.records.decisions(),
            refused);
    OrderLedger withoutTransactions = new OrderLedger(records, sim.clock);
    OrderPlan plan = entry(BTC, "buy", "1", "88000", "95000");
    String id = plan.clientOrderId();
    withoutTransactions.store(withoutTransactions.intent(plan, OrderStatus.SENT));

    withoutTransactions.fill(
        withoutTransactions.get(id),
        new OrderLedger.Fill(
            "ex-1",
            new BigDecimal("90000.1"),
            BigDecimal.ONE,
            new BigDecimal("-0.9"),
            Optional.empty(),
            sim.clock.instant()),
        OrderStatus.FILLED,
        sim.instrument(BTC),
        Optional.of("breakout"));

    OrderRecord row = withoutTransactions.get(id);
    assertThat(row.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(row.exchangeOrderId()).contains("ex-1");
    assertThat(row.fillPrice())
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("90000.1"));
    assertThat(sim.trades(id))
        .singleElement()
        .satisfies(t -> assertThat(t.price()).isEqualByComparingTo("90000.1"));
    assertThat(sim.activity(id)).isEqualTo(1);
    assertThat(output.getOut()).contains("event=fill_transaction_failed client_order_id=" + id);
  }

  @Test
  void
      givenAnIntentClosedBeforeItWasSent_whenTheSendIsRecorded_thenItIsRefusedSoTheRequestMustNotLeave(
          CapturedOutput output) {
    OrderPlan plan = entry(BTC, "buy", "1", "88000", "95000");
    String id = plan.clientOrderId();
    ledger.store(ledger.intent(plan));
    assertThat(ledger.canceled(id, "not_sent", "never sent (found as an intent by reconciliation)"))
        .isTrue();

    assertThat(ledger.sending(id)).isFalse();
    assertThat(ledger.get(id).status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(output.getOut())
        .contains(
            "event=order_transition_refused client_order_id="
                + id
                + " from=CANCELED to=SENT write=status");
  }

  @Test
  void givenNoSuchOrder_whenAStatusIsWritten_thenItIsRefusedAsMissingWithoutThrowing(
      CapturedOutput output) {
    assertThat(ledger.unknown("t2-missing", "no_answer", "timeout")).isFalse();
    assertThat(output.getOut())
        .contains(
            "event=order_transition_refused client_order_id=t2-missing from=missing to=UNKNOWN");
  }
}
