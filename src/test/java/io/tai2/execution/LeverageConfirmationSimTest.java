package io.tai2.execution;

import static io.tai2.execution.ExecutionSim.BTC;
import static io.tai2.execution.ExecutionSim.DEMO;
import static io.tai2.execution.ExecutionSim.close;
import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.OrderStatus;
import io.tai2.sim.SimExchange;
import io.tai2.sim.SimFaults;
import io.tai2.sim.SimJournal;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An entry skips set-leverage only when OKX confirmed exactly the plan's leverage and reported nothing else since; every
 * other case sets it before the order leaves, and an entry OKX reports at another leverage is set back and reported.
 */
class LeverageConfirmationSimTest {

  private static final String SET_LEVERAGE = "/api/v5/account/set-leverage";

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
      givenTheLeverageOkxConfirmed_whenTheNextEntryAsksForTheSame_thenNoSetLeverageIsSentAndTheOrderGoesOutAtIt() {
    assertThat(sim.execute(entryAt("5"))).isInstanceOf(ExecutionResult.Filled.class);
    sim.execute(close(BTC, "sell", "1"));
    OrderPlan again = entryAt("5");

    ExecutionResult result = sim.execute(again);

    assertThat(result).isInstanceOf(ExecutionResult.Filled.class);
    assertThat(setLeverageCount()).isEqualTo(1);
    assertThat(sim.trading.order(BTC, again.clientOrderId()).orElseThrow().lever())
        .isEqualByComparingTo("5");
    assertThat(sim.order(again.clientOrderId()).status()).isEqualTo(OrderStatus.FILLED);
    assertThat(sim.feedback()).isEmpty();
  }

  @Test
  void
      givenTheServicesPolicy_whenTheConfirmedLeverageIsAskedForAgain_thenEveryEntryStillSetsItBeforeItsOrderLeaves() {
    OrderExecutor service =
        new OrderExecutor(
            sim.connection, sim.records, sim.locks, ExecutionPolicy.defaults(), sim.clock);
    assertThat(service.execute(entryAt("5"), true, sim.instrument(BTC)))
        .isInstanceOf(ExecutionResult.Filled.class);
    service.execute(close(BTC, "sell", "1"), true, sim.instrument(BTC));
    OrderPlan again = entryAt("5");

    assertThat(service.execute(again, true, sim.instrument(BTC)))
        .isInstanceOf(ExecutionResult.Filled.class);

    assertThat(ExecutionPolicy.defaults().leverageTrust())
        .as("the service trusts no remembered leverage")
        .isZero();
    assertThat(setLeverageCount()).as("one set-leverage per entry").isEqualTo(2);
    assertThat(requestsAfterTheLastSetLeverage())
        .first()
        .satisfies(e -> assertThat(e.body()).contains(again.clientOrderId()));
  }

  @Test
  void
      givenTheLeverageOkxConfirmed_whenTheNextEntryAsksForAnother_thenItIsSetBeforeTheOrderLeaves() {
    sim.execute(entryAt("5"));
    sim.execute(close(BTC, "sell", "1"));
    OrderPlan lower = entryAt("3");

    sim.execute(lower);

    assertThat(setLeverageCount()).isEqualTo(2);
    assertThat(requestsAfterTheLastSetLeverage())
        .first()
        .satisfies(e -> assertThat(e.body()).contains(lower.clientOrderId()));
    assertThat(sim.trading.order(BTC, lower.clientOrderId()).orElseThrow().lever())
        .isEqualByComparingTo("3");
    assertThat(sim.api.exchange().leverage(DEMO.apiKey(), BTC, "cross")).isEqualByComparingTo("3");
  }

  @Test
  void
      givenASetLeverageOkxRefused_whenTheLeverageConfirmedBeforeIsAskedForAgain_thenItIsSetAgain() {
    sim.execute(entryAt("5"));
    assertThat(sim.execute(entryAt("150")))
        .isInstanceOf(ExecutionResult.Refused.class); // 59102: above the instrument's maximum
    OrderPlan again = entryAt("5");

    sim.execute(again);

    assertThat(setLeverageCount()).isEqualTo(3);
    assertThat(sim.trading.order(BTC, again.clientOrderId()).orElseThrow().lever())
        .isEqualByComparingTo("5");
  }

  @Test
  void
      givenASetLeverageOkxLeftUnanswered_whenTheLeverageConfirmedBeforeIsAskedForAgain_thenItIsSetAgain() {
    sim.execute(entryAt("5"));
    sim.api
        .faults()
        .arm(
            SimFaults.Fault.of(
                "POST",
                SET_LEVERAGE,
                SimFaults.Kind.ACCEPT_THEN_DROP,
                1)); // OKX applied it, the answer never came
    assertThat(sim.execute(entryAt("7")))
        .isInstanceOfSatisfying(
            ExecutionResult.Refused.class,
            r ->
                assertThat(r.reason())
                    .contains("leverage 7x (cross) could not be set", "no answer from OKX"));
    OrderPlan again = entryAt("5");

    sim.execute(again);

    assertThat(setLeverageCount()).isEqualTo(3);
    assertThat(sim.trading.order(BTC, again.clientOrderId()).orElseThrow().lever())
        .as("not the 7x the unanswered request left")
        .isEqualByComparingTo("5");
  }

  @Test
  void
      givenAPositionOkxReportsAtAnotherLeverage_whenTheNextEntryExecutes_thenTheLeverageIsSetBeforeTheOrderLeaves() {
    sim.execute(entryAt("5"));
    // By hand on OKX's site: leverage 10x and one more contract, so the position now runs at 10x.
    sim.api.exchange().setLeverage(DEMO.apiKey(), BTC, "cross", "10");
    assertThat(sim.api.exchange().place(DEMO.apiKey(), handBuy()))
        .isNotInstanceOf(SimExchange.Refused.class);
    sim.reconciler.reconcile(); // reads the positions, as it does every minute
    OrderPlan next = entryAt("5");

    sim.execute(next);

    assertThat(setLeverageCount()).isEqualTo(2);
    assertThat(sim.trading.order(BTC, next.clientOrderId()).orElseThrow().lever())
        .isEqualByComparingTo("5");
    assertThat(sim.feedback()).noneMatch(f -> f.message().contains("changed on OKX outside tai2"));
  }

  @Test
  void
      givenTheLeverageChangedOnOkxWhileFlat_whenAnEntryFillsAtIt_thenItIsSetBackTheOperatorIsToldAndTheNextEntryGoesOutAsPlanned() {
    sim.execute(entryAt("5"));
    sim.execute(close(BTC, "sell", "1"));
    sim.api
        .exchange()
        .setLeverage(
            DEMO.apiKey(), BTC, "cross", "10"); // by hand on OKX's site, which OKX reports nowhere
    OrderPlan unseen = entryAt("5");

    ExecutionResult result = sim.execute(unseen);

    assertThat(result).isInstanceOf(ExecutionResult.Filled.class);
    assertThat(sim.trading.order(BTC, unseen.clientOrderId()).orElseThrow().lever())
        .as("the residual case the trust window bounds")
        .isEqualByComparingTo("10");
    assertThat(sim.api.exchange().leverage(DEMO.apiKey(), BTC, "cross"))
        .as("set back to the plan's")
        .isEqualByComparingTo("5");
    assertThat(setLeverageCount()).as("the first entry's and the set-back").isEqualTo(2);
    assertThat(sim.feedback())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo("warning");
              assertThat(f.message())
                  .contains(
                      "buy 1 contracts BTC-USDT-SWAP filled at 10x, not the planned 5x (cross)",
                      "changed on OKX outside tai2",
                      "set back to 5x");
            });
    sim.execute(close(BTC, "sell", "1"));
    OrderPlan next = entryAt("5");
    sim.execute(next);
    assertThat(sim.trading.order(BTC, next.clientOrderId()).orElseThrow().lever())
        .isEqualByComparingTo("5");
  }

  /** A market buy of one contract at {@code leverage}, cross margin, net mode, with its stop-loss. */
  private static OrderPlan entryAt(String leverage) {
    return new OrderPlan(
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
        new BigDecimal(leverage),
        new BigDecimal("90000.05"),
        ExecutionSim.NOW,
        "leverage " + leverage);
  }

  private static SimExchange.OrderRequest handBuy() {
    return new SimExchange.OrderRequest(
        BTC,
        "cross",
        "net",
        "buy",
        "market",
        "1",
        Optional.empty(),
        Optional.of("byhand1"),
        false,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private long setLeverageCount() {
    return sim.api.journal().count("POST", SET_LEVERAGE);
  }

  private List<SimJournal.Entry> requestsAfterTheLastSetLeverage() {
    List<SimJournal.Entry> all = sim.api.journal().entries();
    int last = 0;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).target().equals(SET_LEVERAGE)) {
        last = i;
      }
    }
    return all.subList(last + 1, all.size());
  }
}
