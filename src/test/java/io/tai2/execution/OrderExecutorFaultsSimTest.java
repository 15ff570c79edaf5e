package io.tai2.execution;

import static io.tai2.execution.ExecutionSim.BTC;
import static io.tai2.execution.ExecutionSim.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.OrderRecord;
import io.tai2.history.OrderStatus;
import io.tai2.okx.OrderDetails;
import io.tai2.sim.SimExchange;
import io.tai2.sim.SimFaults;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The executor under injected faults: every scenario ends with at most one order on the exchange per client order id,
 * and database rows that say what really happened.
 */
class OrderExecutorFaultsSimTest {

  ExecutionSim sim = new ExecutionSim();

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void
      givenOkxAcceptsTheOrderButTheAnswerIsLost_whenExecuted_thenItIsFoundByClientOrderIdAndRecordedAsFilledOnce() {
    sim.api
        .faults()
        .arm(SimFaults.Fault.of("POST", "/api/v5/trade/order", SimFaults.Kind.ACCEPT_THEN_DROP, 1));
    OrderPlan plan = entry(BTC, "buy", "1", "88000", "95000");

    ExecutionResult result = sim.execute(plan);

    assertThat(result)
        .isInstanceOfSatisfying(
            ExecutionResult.Filled.class,
            f -> {
              assertThat(f.acceptedAfter()).as("the acceptance itself was never seen").isEmpty();
              assertThat(f.protection()).isInstanceOf(ProtectionStatus.Confirmed.class);
            });
    assertExactlyOneFilledOrder(plan);
    assertThat(sim.order(plan.clientOrderId()).errorCode())
        .as("the lost answer stays on record")
        .contains("no_answer");
  }

  @Test
  void givenTheAnswerComesAfterTheClientsTimeout_whenExecuted_thenTheOrderIsLookedUpNotResent() {
    sim.close();
    sim = new ExecutionSim(Duration.ofMillis(400));
    sim.api
        .faults()
        .arm(
            new SimFaults.Fault(
                "POST",
                "/api/v5/trade/order",
                SimFaults.Kind.DELAY,
                1,
                Duration.ofMillis(1500),
                "",
                ""));
    OrderPlan plan = entry(BTC, "buy", "1", "88000", "95000");

    ExecutionResult result = sim.execute(plan);

    assertThat(result).isInstanceOf(ExecutionResult.Filled.class);
    assertExactlyOneFilledOrder(plan);
  }

  @Test
  void
      givenA503OnTheOrder_whenExecuted_thenTheOutcomeIsUnknownNothingIsResentAndTheReconcilerClosesItAfterTheGrace() {
    sim.api
        .faults()
        .arm(
            SimFaults.Fault.of(
                "POST", "/api/v5/trade/order", SimFaults.Kind.SERVICE_UNAVAILABLE, 1));
    OrderPlan plan = entry(BTC, "buy", "1", "88000", "95000");

    ExecutionResult result = sim.execute(plan);

    assertThat(result)
        .isInstanceOfSatisfying(
            ExecutionResult.Unknown.class,
            u -> {
              assertThat(u.clientOrderId()).isEqualTo(plan.clientOrderId());
              assertThat(u.message()).contains("not found on OKX after 3 lookups", "NOT resent");
            });
    assertThat(sim.order(plan.clientOrderId()).status()).isEqualTo(OrderStatus.UNKNOWN);
    assertThat(sim.order(plan.clientOrderId()).errorCode()).contains("50001");
    assertThat(sim.feedback())
        .singleElement()
        .satisfies(f -> assertThat(f.kind()).isEqualTo("error"));
    assertThat(sim.api.journal().count("GET", "/api/v5/trade/order"))
        .isEqualTo(ExecutionSim.FAST.lookupAttempts());

    assertThat(sim.execute(plan))
        .as("the same plan again: looked up, not sent")
        .isInstanceOf(ExecutionResult.Unknown.class);
    assertThat(sim.reconciler.reconcile())
        .singleElement()
        .asString()
        .contains("not on OKX yet: still unknown");
    sim.clock.advance(Duration.ofMinutes(3));
    assertThat(sim.reconciler.reconcile())
        .singleElement()
        .asString()
        .contains("it never reached OKX, marked canceled");
    assertThat(sim.order(plan.clientOrderId()).status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(sim.execute(plan)).isInstanceOf(ExecutionResult.Refused.class);

    assertThat(sim.orderPosts()).isEqualTo(1);
    assertThat(sim.ordersOnExchange(BTC, plan.clientOrderId())).isEmpty();
    assertThat(sim.position(BTC)).isZero();
    assertThat(sim.trades(plan.clientOrderId())).isEmpty();
  }

  @Test
  void givenOkxRateLimitsTheOrder_whenExecuted_thenItIsRejectedAndNotRetried() {
    sim.api
        .faults()
        .arm(SimFaults.Fault.of("POST", "/api/v5/trade/order", SimFaults.Kind.RATE_LIMIT, 1));
    OrderPlan plan = entry(BTC, "buy", "1", "88000", "95000");

    ExecutionResult result = sim.execute(plan);

    assertThat(result)
        .isInstanceOfSatisfying(
            ExecutionResult.Rejected.class,
            r -> {
              assertThat(r.code()).isEqualTo("50011");
              assertThat(r.message()).contains("rate-limited", "not placed and is not retried");
            });
    assertThat(sim.orderPosts()).isEqualTo(1);
    assertThat(sim.ordersOnExchange(BTC, plan.clientOrderId())).isEmpty();
    assertThat(sim.order(plan.clientOrderId()).status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(sim.execute(plan))
        .as("a rejected plan stays rejected")
        .isInstanceOf(ExecutionResult.Rejected.class);
    assertThat(sim.orderPosts()).isEqualTo(1);
  }

  @Test
  void givenTheAttachedStopLossNeverAppears_whenTheEntryFills_thenAStandaloneStopIsReArmed() {
    dropAttachedProtection();
    OrderPlan plan = entry(BTC, "buy", "1", "88000", "95000");

    ExecutionResult result = sim.execute(plan);

    assertThat(result)
        .isInstanceOfSatisfying(
            ExecutionResult.Filled.class,
            f ->
                assertThat(f.protection())
                    .isInstanceOfSatisfying(
                        ProtectionStatus.Rearmed.class,
                        r -> {
                          assertThat(r.stopLoss()).contains(new BigDecimal("88000"));
                          assertThat(r.takeProfit()).contains(new BigDecimal("95000"));
                        }));
    assertThat(sim.trading.pendingAlgos())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.algoClOrdId()).startsWith("t2").doesNotEndWith("ps");
              assertThat(a.stopLossTrigger()).contains(new BigDecimal("88000"));
              assertThat(a.takeProfitTrigger()).contains(new BigDecimal("95000"));
              assertThat(a.side()).isEqualTo("sell");
            });
    assertThat(sim.position(BTC)).isEqualByComparingTo("1");
    assertThat(sim.feedback())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo("warning");
              assertThat(f.message())
                  .startsWith(
                      "position on BTC-USDT-SWAP had no stop-loss after buy 1 contracts BTC-USDT-SWAP filled: SL 88000, TP 95000 re-armed");
            });
  }

  @Test
  void
      givenNoStopLossCanBePlaced_whenTheEntryFills_thenThePositionIsFlattenedOnceAndAnErrorSaysSo() {
    dropAttachedProtection();
    sim.api
        .faults()
        .arm(
            new SimFaults.Fault(
                "POST",
                "/api/v5/trade/order-algo",
                SimFaults.Kind.OKX_CODE,
                1,
                Duration.ZERO,
                "51280",
                "SL trigger price must be less than the last price"));
    OrderPlan plan = entry(BTC, "buy", "1", "88000", "95000");

    ExecutionResult result = sim.execute(plan);

    assertThat(result)
        .isInstanceOfSatisfying(
            ExecutionResult.Filled.class,
            f ->
                assertThat(f.protection())
                    .isInstanceOfSatisfying(
                        ProtectionStatus.Flattened.class,
                        fl -> assertThat(fl.reason()).contains("51280")));
    assertThat(sim.position(BTC)).isZero();
    assertThat(sim.api.journal().count("POST", "/api/v5/trade/close-position")).isEqualTo(1);
    OrderRecord flatten = sim.order(OrderWords.derived(plan.clientOrderId(), "fl"));
    assertThat(flatten.reduceOnly()).isTrue();
    assertThat(flatten.side()).isEqualTo("sell");
    assertThat(flatten.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(sim.trades(flatten.clientOrderId()))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.price()).isEqualByComparingTo("90000.0"); // sold at the bid
              assertThat(t.pnl())
                  .hasValueSatisfying(
                      p ->
                          assertThat(p)
                              .isEqualByComparingTo("-0.001")); // 1 × 0.01 × (90000.0 − 90000.1)
            });
    assertThat(sim.feedback())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo("error");
              assertThat(f.message())
                  .startsWith(
                      "position on BTC-USDT-SWAP had no stop-loss after buy 1 contracts BTC-USDT-SWAP filled and could not be protected")
                  .endsWith(": flattened");
            });
    assertThat(sim.orderPosts())
        .as("the entry was sent once; the flatten is a close-position")
        .isEqualTo(1);
  }

  @Test
  void givenAnUnansweredClosePosition_whenFlattening_thenTheCloseIsLookedUpNotSentTwice() {
    dropAttachedProtection();
    sim.api
        .faults()
        .arm(
            new SimFaults.Fault(
                "POST",
                "/api/v5/trade/order-algo",
                SimFaults.Kind.OKX_CODE,
                1,
                Duration.ZERO,
                "51000",
                "refused"));
    sim.api
        .faults()
        .arm(
            SimFaults.Fault.of(
                "POST", "/api/v5/trade/close-position", SimFaults.Kind.ACCEPT_THEN_DROP, 1));
    OrderPlan plan = entry(BTC, "buy", "1", "88000", null);

    ExecutionResult result = sim.execute(plan);

    assertThat(((ExecutionResult.Filled) result).protection())
        .isInstanceOf(ProtectionStatus.Flattened.class);
    assertThat(sim.api.journal().count("POST", "/api/v5/trade/close-position")).isEqualTo(1);
    assertThat(sim.position(BTC)).isZero();
    assertThat(sim.order(OrderWords.derived(plan.clientOrderId(), "fl")).status())
        .isEqualTo(OrderStatus.FILLED);
  }

  /** OKX creates the attached TP/SL after the fill; here it is cancelled the moment it appears, as if creating it failed. */
  private void dropAttachedProtection() {
    AtomicBoolean dropped = new AtomicBoolean();
    sim.api
        .exchange()
        .onChange(
            change -> {
              if (change instanceof SimExchange.AlgoChanged a
                  && a.algo().state().equals("live")
                  && a.algo().algoClOrdId().endsWith("ps")
                  && dropped.compareAndSet(false, true)) {
                sim.api.exchange().cancelAlgo(a.apiKey(), a.algo().instId(), a.algo().algoId());
              }
            });
  }

  private void assertExactlyOneFilledOrder(OrderPlan plan) {
    OrderDetails onOkx = sim.trading.order(BTC, plan.clientOrderId()).orElseThrow();
    assertThat(sim.orderPosts()).isEqualTo(1);
    assertThat(sim.ordersOnExchange(BTC, plan.clientOrderId())).containsExactly(onOkx.ordId());
    assertThat(sim.position(BTC)).isEqualByComparingTo("1");
    OrderRecord order = sim.order(plan.clientOrderId());
    assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(order.exchangeOrderId()).contains(onOkx.ordId());
    assertThat(order.fillPrice()).contains(onOkx.avgPx().orElseThrow());
    assertThat(sim.trades(plan.clientOrderId()))
        .singleElement()
        .satisfies(t -> assertThat(t.price()).isEqualByComparingTo("90000.1"));
    assertThat(sim.activity(plan.clientOrderId())).isEqualTo(1);
    assertThat(sim.trading.pendingAlgos())
        .singleElement()
        .satisfies(a -> assertThat(a.stopLossTrigger()).contains(new BigDecimal("88000")));
  }
}
