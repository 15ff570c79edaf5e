package io.tai2.execution;

import static io.tai2.execution.ExecutionSim.BTC;
import static io.tai2.execution.ExecutionSim.close;
import static io.tai2.execution.ExecutionSim.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tai2.history.ExecutedTrade;
import io.tai2.history.ExecutionFeedback;
import io.tai2.history.OrderRecord;
import io.tai2.history.OrderStatus;
import io.tai2.okx.OrderDetails;
import io.tai2.sim.SimFaults;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The executor on the simulator: entries with their protection, closes with their PnL, paper mode and refusals. */
class OrderExecutorSimTest {

  ExecutionSim sim;

  @BeforeEach
  void start() {
    sim = new ExecutionSim();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void
      givenABuyWithStopLossAndTakeProfit_whenExecutedLive_thenOneOrderFillsAtTheExchangesPriceAndItsProtectionIsOnOkx() {
    OrderPlan plan = entry(BTC, "buy", "1.5", "88000", "95000");
    sim.decisionFor(plan);

    ExecutionResult result = sim.execute(plan);

    OrderDetails onOkx = sim.trading.order(BTC, plan.clientOrderId()).orElseThrow();
    assertThat(result)
        .isInstanceOfSatisfying(
            ExecutionResult.Filled.class,
            filled -> {
              assertThat(filled.protection())
                  .isEqualTo(
                      new ProtectionStatus.Confirmed(
                          BTC,
                          Optional.of(new BigDecimal("88000")),
                          Optional.of(new BigDecimal("95000"))));
              assertThat(filled.acceptedAfter())
                  .hasValueSatisfying(d -> assertThat(d).isPositive());
              assertThat(filled.message())
                  .isEqualTo(
                      "filled buy 1.5 contracts BTC-USDT-SWAP at 90000.1 (fee "
                          + onOkx.fee().stripTrailingZeros().toPlainString()
                          + "); SL 88000 and TP 95000 confirmed on OKX");
            });
    assertThat(sim.orderPosts()).isEqualTo(1);
    assertThat(sim.ordersOnExchange(BTC, plan.clientOrderId())).containsExactly(onOkx.ordId());
    assertThat(onOkx.avgPx())
        .contains(new BigDecimal("90000.1")); // the ask, not the 90000.05 the plan was sized at
    assertThat(onOkx.fee()).isNegative();

    OrderRecord order = sim.order(plan.clientOrderId());
    assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(order.exchangeOrderId()).contains(onOkx.ordId());
    assertThat(order.fillPrice())
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("90000.1"));
    assertThat(order.fillSize()).hasValueSatisfying(s -> assertThat(s).isEqualByComparingTo("1.5"));
    assertThat(order.fee())
        .hasValueSatisfying(f -> assertThat(f).isEqualByComparingTo(onOkx.fee()));

    assertThat(sim.trades(plan.clientOrderId()))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.side()).isEqualTo("buy");
              assertThat(t.size()).isEqualByComparingTo("1.5");
              assertThat(t.amount())
                  .as("1.5 contracts × ctVal 0.01 BTC")
                  .isEqualByComparingTo("0.015");
              assertThat(t.price()).isEqualByComparingTo("90000.1");
              assertThat(t.fee())
                  .hasValueSatisfying(f -> assertThat(f).isEqualByComparingTo(onOkx.fee()));
              assertThat(t.llmReasoning()).contains("breakout above the range");
              assertThat(t.pnl()).isEmpty();
            });
    assertThat(sim.activity(plan.clientOrderId())).isEqualTo(1);
    assertThat(sim.trading.pendingAlgos())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.instId()).isEqualTo(BTC);
              assertThat(a.side()).isEqualTo("sell");
              assertThat(a.stopLossTrigger()).contains(new BigDecimal("88000"));
              assertThat(a.takeProfitTrigger()).contains(new BigDecimal("95000"));
            });
    assertThat(sim.api.journal().count("POST", "/api/v5/account/set-leverage")).isEqualTo(1);
    assertThat(sim.decisionStatus(plan))
        .startsWith("filled: filled buy 1.5 contracts BTC-USDT-SWAP at 90000.1");
    assertThat(sim.feedback()).isEmpty();
  }

  @Test
  void
      givenAnOpenLong_whenASellCloseExecutes_thenThePositionIsFlatItsRealisedPnlIsRecordedAndNoProtectionRemains() {
    sim.execute(entry(BTC, "buy", "2", "88000", "95000"));
    sim.market.setPrice(BTC, new BigDecimal("91000.05")); // bid 91000.0: between stop and target
    OrderPlan exit = close(BTC, "sell", "2");

    ExecutionResult result = sim.execute(exit);

    assertThat(sim.position(BTC)).isZero();
    assertThat(sim.trading.pendingAlgos()).isEmpty();
    assertThat(result)
        .isInstanceOfSatisfying(
            ExecutionResult.Filled.class,
            filled -> {
              assertThat(filled.protection()).isInstanceOf(ProtectionStatus.Released.class);
              assertThat(filled.message())
                  .contains(
                      "filled sell 2 contracts BTC-USDT-SWAP at 91000",
                      "realised PnL 19.998",
                      "position flat");
            });
    ExecutedTrade trade = sim.trades(exit.clientOrderId()).getFirst();
    assertThat(trade.price()).isEqualByComparingTo("91000.0");
    assertThat(trade.pnl())
        .as("2 × 0.01 BTC × (91000.0 − 90000.1)")
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("19.998"));
    assertThat(sim.order(exit.clientOrderId()).reduceOnly()).isTrue();
    assertThat(sim.api.journal().entries())
        .filteredOn(
            e ->
                e.target().equals("/api/v5/trade/order") && e.body().contains(exit.clientOrderId()))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.body())
                    .contains("\"reduceOnly\":true")
                    .doesNotContain("attachAlgoOrds"));
    assertThat(sim.api.journal().count("POST", "/api/v5/account/set-leverage"))
        .as("a close does not touch leverage")
        .isEqualTo(1);
  }

  @Test
  void
      givenLiveExecutionOff_whenAPlanExecutes_thenNothingReachesOkxAndTheDecisionLogSaysWhatWouldHaveBeenSent() {
    OrderPlan plan =
        new OrderPlan(
            UUID.randomUUID(),
            BTC,
            "buy",
            "net",
            "cross",
            "market",
            new BigDecimal("1.5"),
            false,
            Optional.of(new BigDecimal("59000")),
            Optional.of(new BigDecimal("62000")),
            new BigDecimal("3"),
            new BigDecimal("60000"),
            ExecutionSim.NOW,
            "paper run");
    sim.decisionFor(plan);

    ExecutionResult result = sim.executor.execute(plan, false, sim.instrument(BTC));

    assertThat(result)
        .isEqualTo(
            new ExecutionResult.Paper(
                "would place buy 1.5 contracts BTC-USDT-SWAP market, SL 59000, TP 62000"));
    assertThat(sim.api.journal().entries()).as("no request at all reached the exchange").isEmpty();
    assertThat(sim.records.orders().findByClientOrderId(plan.clientOrderId())).isEmpty();
    assertThat(sim.decisionStatus(plan))
        .isEqualTo("paper: would place buy 1.5 contracts BTC-USDT-SWAP market, SL 59000, TP 62000");
    assertThat(sim.executor.execute(close(BTC, "sell", "1"), false, sim.instrument(BTC)).message())
        .isEqualTo("would place sell 1 contracts BTC-USDT-SWAP market, reduce-only");
  }

  @Test
  void givenAnOrderRunningOnASymbol_whenASecondPlanForThatSymbolArrives_thenItIsRefusedAndNotSent()
      throws Exception {
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
    OrderPlan first = entry(BTC, "buy", "1", "88000", "95000");
    CompletableFuture<ExecutionResult> running =
        CompletableFuture.supplyAsync(() -> sim.execute(first));
    awaitOrderPosts(1);

    ExecutionResult second = sim.execute(entry(BTC, "buy", "1", "88000", "95000"));
    ExecutionResult otherSymbol = sim.execute(entry(ExecutionSim.ETH, "buy", "1", "2900", "3200"));

    assertThat(second)
        .isInstanceOfSatisfying(
            ExecutionResult.Refused.class,
            r ->
                assertThat(r.reason())
                    .contains("another order on BTC-USDT-SWAP is being executed", "was not sent"));
    assertThat(otherSymbol)
        .as("other symbols are not held up")
        .isInstanceOf(ExecutionResult.Filled.class);
    assertThat(running.get()).isInstanceOf(ExecutionResult.Filled.class);
    assertThat(sim.orderPosts()).isEqualTo(2);
    assertThat(sim.position(BTC)).isEqualByComparingTo("1");
  }

  @Test
  void
      givenALeverageOkxRefuses_whenAnEntryExecutes_thenNothingIsSentAndTheIntentIsClosedAsNotSent() {
    OrderPlan plan =
        new OrderPlan(
            UUID.randomUUID(),
            BTC,
            "buy",
            "net",
            "cross",
            "market",
            BigDecimal.ONE,
            false,
            Optional.of(new BigDecimal("88000")),
            Optional.empty(),
            new BigDecimal("150"),
            new BigDecimal("90000.05"),
            ExecutionSim.NOW,
            "too much");

    ExecutionResult result = sim.execute(plan);

    assertThat(result)
        .isInstanceOfSatisfying(
            ExecutionResult.Refused.class,
            r ->
                assertThat(r.reason())
                    .contains(
                        "leverage 150x (cross) could not be set on BTC-USDT-SWAP",
                        "59102",
                        "not sent"));
    assertThat(sim.orderPosts()).isZero();
    OrderRecord order = sim.order(plan.clientOrderId());
    assertThat(order.status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(order.errorCode()).contains("not_sent");
    assertThat(sim.feedback())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo("warning");
              assertThat(f.message()).contains("leverage 150x");
            });
  }

  @Test
  void
      givenTooLittleMargin_whenABuyIsSent_thenOkxRejectsIt51008AndTheFeedbackSaysReduceSizeOrAddMargin() {
    OrderPlan plan =
        entry(BTC, "buy", "1000", "88000", null); // 900k USDT notional on a 10k account at 5x

    ExecutionResult result = sim.execute(plan);

    assertThat(result)
        .isInstanceOfSatisfying(
            ExecutionResult.Rejected.class,
            r -> {
              assertThat(r.code()).isEqualTo("51008");
              assertThat(r.message())
                  .startsWith(
                      "insufficient margin for BTC-USDT-SWAP (buy 1000 contracts BTC-USDT-SWAP at 5x): reduce size or add margin");
            });
    assertThat(sim.orderPosts()).isEqualTo(1);
    assertThat(sim.order(plan.clientOrderId()).status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(sim.order(plan.clientOrderId()).errorCode()).contains("51008");
    ExecutionFeedback feedback = sim.feedback().getFirst();
    assertThat(feedback.kind()).isEqualTo("error");
    assertThat(feedback.expiresAt()).contains(sim.clock.instant().plus(Duration.ofMinutes(10)));
    assertThat(feedback.recommendationJson())
        .hasValueSatisfying(
            json ->
                assertThat(json)
                    .contains(
                        "\"code\":\"51008\"",
                        "Reduce size or add margin",
                        "\"requested_contracts\":\"1000\"",
                        "\"leverage\":\"5\""));
    assertThat(sim.trades(plan.clientOrderId())).isEmpty();
  }

  @Test
  void
      givenAnIsolatedEntryShortOfMargin_whenExecutedWithASeed_thenTheSeedMovesOnceFromFundingBeforeTheOrderAndNeverAgain() {
    sim.api
        .exchange()
        .transfer(
            ExecutionSim.DEMO.apiKey(),
            "USDT",
            "9900",
            "18",
            "6"); // trading 100 USDT, funding 9,900
    OrderPlan plan =
        seeded(
            entry(BTC, "buy", "1", "88000", "95000"), "200"); // 900 USDT at 5x: 180 margin + fees

    ExecutionResult result = sim.execute(plan);

    assertThat(result).as("%s", result.message()).isInstanceOf(ExecutionResult.Filled.class);
    assertThat(sim.api.journal().count("POST", "/api/v5/asset/transfer")).isEqualTo(1);
    assertThat(sim.api.exchange().funding(ExecutionSim.DEMO.apiKey())).isEqualByComparingTo("9700");
    assertThat(sim.orderPosts()).isEqualTo(1);
    assertThat(sim.feedback())
        .extracting(ExecutionFeedback::message)
        .contains(
            "Auto-seeded 200 USDT from the funding account for buy 1 contracts BTC-USDT-SWAP (isolated margin)");

    ExecutionResult again = sim.execute(plan); // a retry or a restart: resumed by client order id

    assertThat(again).isInstanceOf(ExecutionResult.Filled.class);
    assertThat(sim.api.journal().count("POST", "/api/v5/asset/transfer"))
        .as("no second transfer")
        .isEqualTo(1);
    assertThat(sim.orderPosts()).isEqualTo(1);
  }

  @Test
  void
      givenASeedTheFundingAccountCannotCover_whenExecuted_thenNothingIsSentAndTheIntentIsClosedWithWhatToCheck() {
    sim.api.exchange().setFunding(ExecutionSim.DEMO.apiKey(), new BigDecimal("50"));
    OrderPlan plan = seeded(entry(BTC, "buy", "1", "88000", "95000"), "200");
    sim.decisionFor(plan);

    ExecutionResult result = sim.execute(plan);

    assertThat(result)
        .isInstanceOfSatisfying(
            ExecutionResult.Refused.class,
            r ->
                assertThat(r.message())
                    .startsWith(
                        "the isolated auto-seed of 200 USDT from the funding account failed (")
                    .endsWith(
                        "buy 1 contracts BTC-USDT-SWAP not sent; check both balances on OKX"));
    assertThat(sim.orderPosts()).isZero();
    assertThat(sim.api.journal().count("POST", "/api/v5/account/set-leverage")).isZero();
    assertThat(sim.order(plan.clientOrderId()).status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(sim.api.exchange().funding(ExecutionSim.DEMO.apiKey())).isEqualByComparingTo("50");
    assertThat(sim.feedback()).extracting(ExecutionFeedback::kind).containsExactly("error");
  }

  @Test
  void
      givenAnIsolatedEntryWithoutASeed_whenOkxRejectsIt51008_thenTheRecommendationPointsAtTheAutoSeed() {
    OrderPlan plan = seeded(entry(BTC, "buy", "1000", "88000", null), null);

    ExecutionResult result = sim.execute(plan);

    assertThat(result)
        .isInstanceOfSatisfying(
            ExecutionResult.Rejected.class, r -> assertThat(r.code()).isEqualTo("51008"));
    assertThat(sim.feedback().getFirst().recommendationJson())
        .hasValueSatisfying(
            json ->
                assertThat(json)
                    .contains(
                        "set an isolated auto-seed limit (execution settings isolated_seed) for BTC-USDT-SWAP"));
  }

  /** The plan in isolated margin, moving {@code seed} USDT from funding first (none when null). */
  private static OrderPlan seeded(OrderPlan p, String seed) {
    return new OrderPlan(
        p.decisionId(),
        p.symbol(),
        p.side(),
        p.posSide(),
        "isolated",
        p.orderType(),
        p.contracts(),
        p.reduceOnly(),
        p.stopLoss(),
        p.takeProfit(),
        p.leverage(),
        p.referencePrice(),
        p.snapshotAt(),
        p.rationale(),
        Optional.ofNullable(seed).map(BigDecimal::new));
  }

  @Test
  void givenAnEntryWithoutAStopLoss_whenExecuted_thenItIsRefusedBeforeAnythingIsStoredOrSent() {
    OrderPlan plan = entry(BTC, "buy", "1", null, "95000");

    ExecutionResult result = sim.execute(plan);

    assertThat(result)
        .isEqualTo(
            new ExecutionResult.Refused(
                "entry buy 1 contracts BTC-USDT-SWAP has no stop-loss: it is never sent"));
    assertThat(sim.api.journal().entries()).isEmpty();
    assertThat(sim.records.orders().findByClientOrderId(plan.clientOrderId())).isEmpty();
  }

  @Test
  void
      givenAPlanThatFilled_whenTheSamePlanExecutesAgain_thenNoSecondOrderIsSentAndTheSameTradeComesBack() {
    OrderPlan plan = entry(BTC, "buy", "1", "88000", "95000");
    ExecutedTrade first = ((ExecutionResult.Filled) sim.execute(plan)).trade();

    ExecutionResult again = sim.execute(plan);

    assertThat(again)
        .isInstanceOfSatisfying(
            ExecutionResult.Filled.class,
            f -> {
              assertThat(f.trade()).isEqualTo(first);
              assertThat(f.acceptedAfter()).as("nothing was accepted by this call").isEmpty();
              assertThat(f.protection()).isInstanceOf(ProtectionStatus.Confirmed.class);
            });
    assertThat(sim.orderPosts()).isEqualTo(1);
    assertThat(sim.trades(plan.clientOrderId())).hasSize(1);
    assertThat(sim.activity(plan.clientOrderId())).isEqualTo(1);
    assertThat(sim.position(BTC)).isEqualByComparingTo("1");
  }

  @Test
  void
      givenAFillAtTheAskAndTheSamePlanAgain_whenMeasured_thenOneAcceptedOneFilledAndItsAdverseSlippageAreRecordedOnce() {
    OrderPlan plan =
        entry(BTC, "buy", "1", "88000", "95000"); // sized at 90000.05, fills at the ask 90000.1

    sim.execute(plan);
    sim.execute(plan); // resumed from the ledger: nothing new was accepted or filled
    sim.execute(
        entry(ExecutionSim.ETH, "buy", "100000", "2900", null)); // OKX refuses it (51008): no fill

    assertThat(sim.meters.get("tai2.order.accepted").timer().count()).isEqualTo(1);
    assertThat(sim.meters.get("tai2.order.filled").timer().count()).isEqualTo(1);
    var slippage =
        sim.meters.get("tai2.fill.slippage").tags("symbol", BTC, "side", "buy").summary();
    assertThat(slippage.count()).isEqualTo(1);
    assertThat(slippage.totalAmount())
        .as("0.05 above 90000.05, adverse for a buy")
        .isCloseTo(0.05 / 90000.05 * 10_000, within(1e-9));
    assertThat(sim.meters.find("tai2.fill.slippage").tag("symbol", ExecutionSim.ETH).summaries())
        .isEmpty();
  }

  @Test
  void givenAPlanForAnotherInstrument_whenExecuted_thenItIsAProgrammingError() {
    assertThatThrownBy(
            () ->
                sim.executor.execute(
                    entry(BTC, "buy", "1", "88000", null), true, sim.instrument(ExecutionSim.ETH)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void awaitOrderPosts(long n) throws InterruptedException {
    for (int i = 0; i < 500 && sim.orderPosts() < n; i++) {
      Thread.sleep(10);
    }
    assertThat(sim.orderPosts()).isEqualTo(n);
  }
}
