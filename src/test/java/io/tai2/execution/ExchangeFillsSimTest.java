package io.tai2.execution;

import static io.tai2.execution.ExecutionSim.BTC;
import static io.tai2.execution.ExecutionSim.NOW;
import static io.tai2.execution.ExecutionSim.close;
import static io.tai2.execution.ExecutionSim.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.DecisionAttribution;
import io.tai2.history.DecisionAttributionRepository;
import io.tai2.history.ExecutedTrade;
import io.tai2.history.FundingPaymentRepository;
import io.tai2.history.RiskLockRepository;
import io.tai2.okx.AccountBill;
import io.tai2.okx.FillInfo;
import io.tai2.sim.SimClock;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exits OKX makes on its own, on the simulator: the triggered stop-loss or take-profit, the kill switch's flattening and
 * funding are recorded from OKX's fills and bills once, and the entry decision's round trip closes with their PnL and
 * fees. The exchange clock moves so each exit comes after its entry, as on OKX.
 */
class ExchangeFillsSimTest {

  final SimClock exchangeClock = new SimClock(Clock.fixed(NOW, ZoneOffset.UTC));
  final ExecutionSim sim = new ExecutionSim(exchangeClock);

  @AfterEach
  void stop() {
    sim.close();
  }

  /** A BUY of 1 BTC contract (0.01 BTC) at the ask 90000.1 with SL 88000 and TP 95000, made by a recorded decision. */
  OrderPlan enterLong() {
    OrderPlan plan = entry(BTC, "buy", "1", "88000", "95000");
    sim.decisionFor(plan);
    assertThat(sim.execute(plan)).isInstanceOf(ExecutionResult.Filled.class);
    return plan;
  }

  DecisionAttribution attribution(OrderPlan plan) {
    List<DecisionAttribution> all =
        new DecisionAttributionRepository(sim.jdbc)
            .between(NOW.minusSeconds(3600), NOW.plusSeconds(86_400), Optional.empty());
    return all.stream().filter(a -> a.id().equals(plan.decisionId())).findFirst().orElseThrow();
  }

  /** The fills OKX made without a client order id: what the exchange did on its own. */
  List<FillInfo> exchangeMadeFills() {
    return sim.trading.fills(Optional.of(BTC), NOW.minusSeconds(3600)).stream()
        .filter(f -> f.clOrdId().isEmpty())
        .toList();
  }

  /** Every fill's PnL plus fee on OKX: what the round trip made, net. */
  BigDecimal netOnOkx() {
    return sim.trading.fills(Optional.of(BTC), NOW.minusSeconds(3600)).stream()
        .map(f -> f.fillPnl().add(f.fee()))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  List<ExecutedTrade> recordedFromExchange() {
    return sim
        .jdbc
        .sql("SELECT id FROM executed_trades WHERE exchange_bill_id IS NOT NULL")
        .query(UUID.class)
        .list()
        .stream()
        .map(
            id ->
                sim.records.trades().recent(100).stream()
                    .filter(t -> t.id().equals(id))
                    .findFirst()
                    .orElseThrow())
        .toList();
  }

  @Test
  void
      givenAnEntryWithAnAttachedStop_whenOkxTriggersIt_thenTheRoundTripClosesWithTheStopsPnlAndBothFees_recordedOnceOverTwoRuns() {
    OrderPlan plan = enterLong();
    assertThat(attribution(plan).isClosed()).as("open until the exit is recorded").isFalse();
    exchangeClock.advance(Duration.ofMinutes(5));

    sim.market.setPrice(
        BTC,
        new BigDecimal("87000.05")); // jumps through the stop at 88000: filled at the bid 87000.0
    ExchangeFills.Recorded first = sim.exchangeFills.record();
    ExchangeFills.Recorded second = sim.exchangeFills.record();

    assertThat(sim.position(BTC)).isZero();
    assertThat(first.fills()).isEqualTo(1);
    assertThat(second.fills()).as("the same fill read again is not recorded again").isZero();
    FillInfo stop = exchangeMadeFills().getFirst();
    assertThat(stop.fillPx()).isEqualByComparingTo("87000.0");
    assertThat(stop.fillPnl()).isEqualByComparingTo("-30.001"); // 0.01 BTC × (87000.0 − 90000.1)
    assertThat(recordedFromExchange())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.side()).isEqualTo("sell");
              assertThat(t.size()).isEqualByComparingTo("1");
              assertThat(t.amount()).isEqualByComparingTo("0.01");
              assertThat(t.price()).isEqualByComparingTo("87000.0");
              assertThat(t.pnl()).contains(stop.fillPnl());
              assertThat(t.fee()).contains(stop.fee());
              assertThat(t.clientOrderId()).isEmpty();
              assertThat(t.timestamp()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
            });
    // −30.001 realised, −0.4500005 entry fee (0.05 % of 900.001), −0.435 stop fee (0.05 % of 870.0)
    DecisionAttribution a = attribution(plan);
    assertThat(a.realisedPnl())
        .hasValueSatisfying(
            p -> {
              assertThat(p).isEqualByComparingTo("-30.8860005");
              assertThat(p).isEqualByComparingTo(netOnOkx());
            });
    assertThat(a.closedAt()).contains(NOW.plus(Duration.ofMinutes(5)));
    assertThat(a.holding()).contains(Duration.ofMinutes(5));
  }

  @Test
  void
      givenAnEntryWithAnAttachedStop_whenOkxTriggersIt_thenTheOperatorIsToldOnceOfTheStopWithItsPriceAndPnl() {
    enterLong();
    exchangeClock.advance(Duration.ofMinutes(5));
    sim.market.setPrice(BTC, new BigDecimal("87000.05"));

    sim.exchangeFills.record();
    sim.exchangeFills.record();

    assertThat(sim.events)
        .singleElement()
        .isInstanceOfSatisfying(
            TradingEvent.ExchangeExit.class,
            e -> {
              assertThat(e.symbol()).isEqualTo(BTC);
              assertThat(e.side()).isEqualTo("sell");
              assertThat(e.contracts()).isEqualByComparingTo("1");
              assertThat(e.price()).isEqualByComparingTo("87000.0");
              assertThat(e.pnl()).isEqualByComparingTo("-30.001");
              assertThat(e.reason()).isEqualTo("stop-loss 88000 triggered");
              assertThat(e.at()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
            });
  }

  @Test
  void givenAnEntryWithAnAttachedTakeProfit_whenOkxTriggersIt_thenTheExitIsToldAsTheTakeProfit() {
    enterLong();
    exchangeClock.advance(Duration.ofMinutes(30));
    sim.market.setPrice(BTC, new BigDecimal("95500.05"));

    sim.exchangeFills.record();

    assertThat(sim.events)
        .singleElement()
        .isInstanceOfSatisfying(
            TradingEvent.ExchangeExit.class,
            e -> {
              assertThat(e.reason()).isEqualTo("take-profit 95000 triggered");
              assertThat(e.pnl()).isEqualByComparingTo("54.999");
            });
  }

  @Test
  void
      givenAnEntryWithAnAttachedTakeProfit_whenOkxTriggersIt_thenTheRoundTripClosesWithItsProfitNetOfBothFees() {
    OrderPlan plan = enterLong();
    exchangeClock.advance(Duration.ofMinutes(30));

    sim.market.setPrice(
        BTC,
        new BigDecimal("95500.05")); // through the take-profit at 95000: filled at the bid 95500.0
    sim.exchangeFills.record();
    sim.exchangeFills.record();

    assertThat(recordedFromExchange())
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.pnl())
                    .hasValueSatisfying(
                        pnl ->
                            assertThat(pnl)
                                .isEqualByComparingTo("54.999"))); // 0.01 × (95500.0 − 90000.1)
    // 54.999 − 0.4500005 − 0.4775 (0.05 % of 955.0)
    assertThat(attribution(plan).realisedPnl())
        .hasValueSatisfying(
            p -> {
              assertThat(p).isEqualByComparingTo("54.0714995");
              assertThat(p).isEqualByComparingTo(netOnOkx());
            });
    assertThat(attribution(plan).closedAt()).contains(NOW.plus(Duration.ofMinutes(30)));
  }

  @Test
  void
      givenTai2ClosedThePositionItself_whenExchangeFillsAreRecorded_thenItsCloseIsNotRecordedAgain() {
    OrderPlan plan = enterLong();
    exchangeClock.advance(Duration.ofMinutes(10));
    OrderPlan closing = close(BTC, "sell", "1");
    assertThat(sim.execute(closing)).isInstanceOf(ExecutionResult.Filled.class);

    ExchangeFills.Recorded recorded = sim.exchangeFills.record();

    assertThat(recorded.fills()).isZero();
    assertThat(recordedFromExchange()).isEmpty();
    assertThat(sim.events)
        .as("tai2's own close is told by execution, not again as an exchange exit")
        .isEmpty();
    assertThat(sim.records.trades().recent(100)).hasSize(2);
    assertThat(sim.trades(closing.clientOrderId())).hasSize(1);
    assertThat(attribution(plan).realisedPnl())
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo(netOnOkx()));
    assertThat(attribution(plan).closedAt()).contains(NOW.plus(Duration.ofMinutes(10)));
  }

  @Test
  void
      givenTheKillSwitchFlattensThePosition_whenExchangeFillsAreRecorded_thenItsCloseEndsTheRoundTrip() {
    OrderPlan plan = enterLong();
    exchangeClock.advance(Duration.ofMinutes(2));
    KillSwitch killSwitch =
        new KillSwitch(
            () -> sim.trading,
            new RiskLockRepository(
                sim.jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(sim.dataSource))),
            sim.records.feedback(),
            sim.clock);
    assertThat(killSwitch.engage(true, "test").failures()).isEmpty();

    sim.exchangeFills.record();

    assertThat(sim.position(BTC)).isZero();
    assertThat(recordedFromExchange())
        .singleElement()
        .satisfies(t -> assertThat(t.side()).isEqualTo("sell"));
    assertThat(attribution(plan).realisedPnl())
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo(netOnOkx()));
    assertThat(attribution(plan).closedAt()).contains(NOW.plus(Duration.ofMinutes(2)));
    assertThat(sim.events)
        .singleElement()
        .isInstanceOfSatisfying(
            TradingEvent.ExchangeExit.class,
            e -> assertThat(e.reason()).isEqualTo("closed by the kill switch"));
  }

  @Test
  void
      givenTheInstrumentsNotLoadedYet_whenRecorded_thenTheFillIsLeftForALaterRunWhichReadsBackToIt() {
    AtomicBoolean loaded = new AtomicBoolean(false);
    ExchangeFills atStartUp =
        new ExchangeFills(
            sim.connection,
            sim.records.trades(),
            sim.records.orders(),
            new FundingPaymentRepository(sim.jdbc),
            sim.clock,
            id -> loaded.get() ? sim.market.instrument(id) : Optional.empty());
    OrderPlan plan = enterLong();
    exchangeClock.advance(Duration.ofMinutes(5));
    sim.market.setPrice(BTC, new BigDecimal("87000.05"));
    sim.clock.advance(Duration.ofHours(1)); // the run starts long after the stop filled

    ExchangeFills.Recorded before = atStartUp.record();
    sim.clock.advance(Duration.ofHours(1));
    loaded.set(true);
    ExchangeFills.Recorded after = atStartUp.record();

    assertThat(before.fills()).isZero();
    assertThat(after.fills())
        .as("the second run reads from the fill it left, not from when the first run started")
        .isEqualTo(1);
    assertThat(attribution(plan).realisedPnl())
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo(netOnOkx()));
  }

  @Test
  void
      givenFundingSettledWhileTheRoundTripWasOpen_whenTheStopEndsIt_thenTheFundingCountsInItsPnl() {
    OrderPlan plan = enterLong();
    exchangeClock.set(Instant.parse("2026-11-25T16:00:00Z"));
    List<AccountBill> funding =
        sim.trading.bills(Optional.of("8"), NOW); // any request settles what is due
    exchangeClock.advance(Duration.ofMinutes(1));
    sim.market.setPrice(BTC, new BigDecimal("87000.05"));

    ExchangeFills.Recorded first = sim.exchangeFills.record();
    ExchangeFills.Recorded second = sim.exchangeFills.record();

    assertThat(funding).singleElement().satisfies(b -> assertThat(b.balChg()).isNegative());
    BigDecimal paid = funding.getFirst().balChg();
    assertThat(paid)
        .isEqualByComparingTo(
            "-0.09000005"); // the long pays 0.01 % of 900.0005 (0.01 BTC at 90000.05)
    assertThat(first).isEqualTo(new ExchangeFills.Recorded(1, 1));
    assertThat(second).isEqualTo(new ExchangeFills.Recorded(0, 0));
    assertThat(attribution(plan).realisedPnl())
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo(netOnOkx().add(paid)));
  }
}
