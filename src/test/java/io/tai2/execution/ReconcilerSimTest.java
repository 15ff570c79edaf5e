package io.tai2.execution;

import static io.tai2.execution.ExecutionSim.BTC;
import static io.tai2.execution.ExecutionSim.ETH;
import static io.tai2.execution.ExecutionSim.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.OrderStatus;
import io.tai2.okx.AlgoOrder;
import io.tai2.okx.OrderRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Start-up and periodic reconciliation on the simulator: orders settled by client order id, positions kept under a stop. */
class ReconcilerSimTest {

  ExecutionSim sim = new ExecutionSim();

  @AfterEach
  void stop() {
    sim.close();
  }

  /** What the executor stores before sending, stored directly: the process "died" right after. */
  void storeIntent(OrderPlan plan) {
    new OrderLedger(sim.records, sim.clock)
        .store(new OrderLedger(sim.records, sim.clock).intent(plan));
  }

  @Test
  void givenAnIntentStoredButNeverSent_whenReconciled_thenItIsMarkedCanceledAndNothingReachesOkx() {
    OrderPlan plan = entry(BTC, "buy", "1", "88000", "95000");
    storeIntent(plan);

    List<String> findings = sim.reconciler.reconcile();

    assertThat(findings)
        .containsExactly(
            "order "
                + plan.clientOrderId()
                + " (buy 1 contracts BTC-USDT-SWAP) was never sent: marked canceled");
    assertThat(sim.order(plan.clientOrderId()).status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(sim.orderPosts()).isZero();
    assertThat(sim.position(BTC)).isZero();
    assertThat(sim.feedback())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo("info");
              assertThat(f.message()).isEqualTo(findings.getFirst());
            });
    assertThat(sim.execute(plan))
        .as("the decision is not revived")
        .isInstanceOf(ExecutionResult.Refused.class);
    assertThat(sim.orderPosts()).isZero();
  }

  @Test
  void
      givenAnOrderSentButItsAnswerNeverRead_whenReconciled_thenItIsFilledWithOneTradeAndTheSamePlanIsNotSentAgain() {
    OrderPlan plan = entry(BTC, "buy", "1", "88000", "95000");
    sim.decisionFor(plan);
    sim.records.decisions().setExecutionStatus(plan.decisionId(), "unknown: no answer from OKX");
    storeIntent(plan);
    sim.records
        .orders()
        .updateStatus(
            plan.clientOrderId(),
            OrderStatus.SENT,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            sim.clock.instant());
    sim.trading.placeOrder(
        new OrderRequest(
            BTC,
            "cross",
            "buy",
            "market",
            BigDecimal.ONE,
            Optional.empty(),
            plan.clientOrderId(),
            false,
            plan.takeProfit(),
            plan.stopLoss()));

    List<String> findings = sim.reconciler.reconcile();
    List<String> again = sim.reconciler.reconcile();
    String decisionStatus = sim.decisionStatus(plan);
    ExecutionResult reExecuted = sim.execute(plan);

    assertThat(findings)
        .containsExactly(
            "order "
                + plan.clientOrderId()
                + " (buy 1 contracts BTC-USDT-SWAP) filled at 90000.1: trade recorded");
    assertThat(again).as("nothing left to do").isEmpty();
    assertThat(sim.order(plan.clientOrderId()).status()).isEqualTo(OrderStatus.FILLED);
    assertThat(decisionStatus)
        .as("the decision tells how its order ended, once")
        .isEqualTo("unknown: no answer from OKX → reconciliation: " + findings.getFirst());
    assertThat(sim.trades(plan.clientOrderId()))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.price()).isEqualByComparingTo("90000.1");
              assertThat(t.amount()).isEqualByComparingTo("0.01");
            });
    assertThat(sim.activity(plan.clientOrderId())).isEqualTo(1);
    assertThat(reExecuted).isInstanceOf(ExecutionResult.Filled.class);
    assertThat(sim.orderPosts()).isEqualTo(1);
    assertThat(sim.ordersOnExchange(BTC, plan.clientOrderId())).hasSize(1);
    assertThat(sim.trades(plan.clientOrderId())).hasSize(1);
    assertThat(sim.position(BTC)).isEqualByComparingTo("1");
    assertThat(sim.events)
        .as("the operator, told of the unknown outcome, hears how it ended")
        .singleElement()
        .isInstanceOfSatisfying(
            TradingEvent.ReconciliationFinding.class,
            e -> {
              assertThat(e.level()).isEqualTo("info");
              assertThat(e.message()).isEqualTo(findings.getFirst());
            });
  }

  @Test
  void
      givenAPositionWhoseStopLossWasCancelled_whenReconciled_thenItIsReArmedFromTheLastFilledEntry() {
    sim.execute(entry(ETH, "buy", "10", "2900", "3200"));
    AlgoOrder attached = sim.trading.pendingAlgos().getFirst();
    sim.trading.cancelAlgo(ETH, attached.algoId());

    List<String> findings = sim.reconciler.reconcile();

    assertThat(findings)
        .singleElement()
        .asString()
        .startsWith("position without SL on ETH-USDT-SWAP: SL 2900, TP 3200 re-armed (algo ");
    assertThat(sim.trading.pendingAlgos())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.instId()).isEqualTo(ETH);
              assertThat(a.stopLossTrigger()).contains(new BigDecimal("2900"));
              assertThat(a.takeProfitTrigger()).contains(new BigDecimal("3200"));
            });
    assertThat(sim.feedback())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo("warning");
              assertThat(f.message()).isEqualTo(findings.getFirst());
            });
    assertThat(sim.events)
        .singleElement()
        .isInstanceOfSatisfying(
            TradingEvent.ProtectionChanged.class,
            e -> {
              assertThat(e.symbol()).isEqualTo(ETH);
              assertThat(e.outcome()).isEqualTo("rearmed");
              assertThat(e.message()).startsWith("SL 2900, TP 3200 re-armed (algo ");
            });
    assertThat(sim.reconciler.reconcile()).isEmpty();
    assertThat(sim.events).as("nothing new to tell").hasSize(1);
  }

  @Test
  void
      givenAPositionTai2DidNotOpen_whenReconciled_thenAnErrorSaysThereIsNoKnownStopAndThePositionIsLeftAlone() {
    sim.trading.placeOrder(
        new OrderRequest(
            ETH,
            "cross",
            "buy",
            "market",
            new BigDecimal("5"),
            Optional.empty(),
            "manual1",
            false,
            Optional.empty(),
            Optional.empty()));

    List<String> findings = sim.reconciler.reconcile();

    assertThat(findings)
        .containsExactly(
            "position without SL on ETH-USDT-SWAP: no known stop; set one or close it");
    assertThat(sim.feedback())
        .singleElement()
        .satisfies(f -> assertThat(f.kind()).isEqualTo("error"));
    assertThat(sim.events)
        .singleElement()
        .isInstanceOfSatisfying(
            TradingEvent.ProtectionChanged.class,
            e -> assertThat(e.outcome()).isEqualTo("unprotected"));
    assertThat(sim.position(ETH)).isEqualByComparingTo("5");
    assertThat(sim.trading.pendingAlgos()).isEmpty();
  }

  @Test
  void
      givenAPositionPastItsKnownStop_whenReconciled_thenTheStopCannotBePlacedAndThePositionIsFlattened() {
    OrderPlan plan = entry(ETH, "buy", "10", "2900", null);
    sim.execute(plan);
    sim.trading.cancelAlgo(ETH, sim.trading.pendingAlgos().getFirst().algoId());
    sim.market.setPrice(
        ETH, new BigDecimal("2850.005")); // through the stop, with no stop on OKX to fire

    List<String> findings = sim.reconciler.reconcile();

    assertThat(findings)
        .singleElement()
        .asString()
        .startsWith(
            "position without SL on ETH-USDT-SWAP: could not be protected (OKX refused the protection order: 51280")
        .endsWith(": flattened");
    assertThat(sim.position(ETH)).isZero();
    assertThat(sim.trades(OrderWords.derived(plan.clientOrderId(), "fl")))
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.pnl())
                    .as("10 × 0.1 ETH × (2850.00 − 3000.01)")
                    .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("-150.01")));
    assertThat(sim.feedback())
        .singleElement()
        .satisfies(f -> assertThat(f.kind()).isEqualTo("error"));
  }

  @Test
  void givenEverythingInOrder_whenReconciled_thenThereAreNoFindingsAndNoFeedback() {
    sim.execute(entry(BTC, "buy", "1", "88000", "95000"));
    sim.execute(entry(ETH, "sell", "10", "3100", "2800"));

    assertThat(sim.reconciler.reconcile()).isEmpty();
    assertThat(sim.feedback()).isEmpty();
    assertThat(sim.events).isEmpty();
    assertThat(sim.trading.pendingAlgos()).hasSize(2);
  }

  @Test
  void
      givenAnOrderSentThatOkxNeverGot_whenReconciled_thenTheOperatorIsToldOfTheWarningsButNotOfTheInformation() {
    OrderPlan sent = entry(BTC, "buy", "1", "88000", "95000");
    storeIntent(sent);
    sim.records
        .orders()
        .updateStatus(
            sent.clientOrderId(),
            OrderStatus.SENT,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            sim.clock.instant());
    OrderPlan neverSent = entry(ETH, "buy", "1", "2900", "3200");
    storeIntent(neverSent);

    List<String> findings = sim.reconciler.reconcile();

    assertThat(findings).hasSize(2);
    assertThat(sim.events)
        .as("the unsent intent is information; the missing sent order a warning")
        .singleElement()
        .isInstanceOfSatisfying(
            TradingEvent.ReconciliationFinding.class,
            e -> {
              assertThat(e.symbol()).isEqualTo(BTC);
              assertThat(e.level()).isEqualTo("warning");
              assertThat(e.message())
                  .isEqualTo(
                      "order "
                          + sent.clientOrderId()
                          + " (buy 1 contracts BTC-USDT-SWAP) is not on OKX yet: still unknown,"
                          + " checked again next run");
            });
  }

  @Test
  void givenAnExecutionHoldingASymbol_whenReconciled_thenThatSymbolIsLeftForTheNextRun() {
    OrderPlan plan = entry(BTC, "buy", "1", "88000", "95000");
    storeIntent(plan);
    assertThat(sim.locks.tryTake(BTC)).isTrue();
    try {
      assertThat(sim.reconciler.reconcile())
          .singleElement()
          .asString()
          .endsWith("not checked: an execution on BTC-USDT-SWAP is running");
      assertThat(sim.order(plan.clientOrderId()).status()).isEqualTo(OrderStatus.INTENT);
    } finally {
      sim.locks.release(BTC);
    }
    sim.clock.advance(Duration.ofSeconds(1));
    assertThat(sim.reconciler.reconcile())
        .singleElement()
        .asString()
        .endsWith("was never sent: marked canceled");
  }
}
