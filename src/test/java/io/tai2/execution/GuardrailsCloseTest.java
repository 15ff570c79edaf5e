package io.tai2.execution;

import static io.tai2.execution.TradeFixtures.PEPE;
import static io.tai2.execution.TradeFixtures.close;
import static io.tai2.execution.TradeFixtures.input;
import static io.tai2.execution.TradeFixtures.position;
import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.execution.RuleCheck.Result;
import java.math.BigDecimal;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** CLOSE: a reduce-only order sized from the actual position (docs/spec/tai2-upstream.md §10 item 8 fixed). */
class GuardrailsCloseTest {

  record Case(
      String name,
      Consumer<TradeFixtures.Input> setup,
      String side,
      String posSide,
      String mode,
      String contracts,
      String leverage) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> closes() {
    return Stream.of(
        new Case(
            "a net-mode cross long of 2.5 → sell 2.5",
            in ->
                in.positions.add(
                    position(
                        "BTC-USDT-SWAP", "long", "2.5", "cross", "net", "3", "58000", "63000")),
            "sell",
            "net",
            "cross",
            "2.5",
            "3"),
        new Case(
            "a hedge-mode isolated short of 3 → buy 3 on posSide short",
            in -> {
              in.mode = GuardrailInput.PositionMode.LONG_SHORT;
              in.positions.add(
                  position("BTC-USDT-SWAP", "short", "3", "isolated", "short", "10", null, null));
            },
            "buy",
            "short",
            "isolated",
            "3",
            "10"),
        // the close keeps the position's own margin mode even when the trade mode changed since
        new Case(
            "the position's margin mode wins over the trade mode",
            in -> {
              in.tradeMode = "isolated";
              in.positions.add(
                  position("BTC-USDT-SWAP", "long", "1", "cross", "net", "2", null, null));
            },
            "sell",
            "net",
            "cross",
            "1",
            "2"),
        // a position without a known leverage gets 1× (the executor does not need it for a close)
        new Case(
            "unknown leverage on the position → 1×",
            in ->
                in.positions.add(
                    position("BTC-USDT-SWAP", "long", "1", "cross", "net", null, null, null)),
            "sell",
            "net",
            "cross",
            "1",
            "1"),
        // the size does not depend on the decision's sizing, equity or caps
        new Case(
            "a close is not capped",
            in -> {
              in.settings.maxPositionPct = new BigDecimal("0.0001");
              in.available = BigDecimal.ZERO;
              in.positions.add(
                  position("BTC-USDT-SWAP", "long", "40", "cross", "net", "5", null, null));
            },
            "sell",
            "net",
            "cross",
            "40",
            "5"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("closes")
  void givenAnOpenPosition_whenClosed_thenAReduceOnlyOrderForAllOfItWithoutStops(Case c) {
    TradeFixtures.Input in = input();
    in.decision = close();
    c.setup().accept(in);

    GuardrailVerdict verdict = in.evaluate();

    assertThat(verdict)
        .isInstanceOfSatisfying(
            GuardrailVerdict.Approved.class,
            a -> {
              OrderPlan plan = a.plan();
              assertThat(plan.reduceOnly()).isTrue();
              assertThat(plan.side()).isEqualTo(c.side());
              assertThat(plan.posSide()).isEqualTo(c.posSide());
              assertThat(plan.tradeMode()).isEqualTo(c.mode());
              assertThat(plan.contracts()).isEqualByComparingTo(c.contracts());
              assertThat(plan.leverage()).isEqualByComparingTo(c.leverage());
              assertThat(plan.stopLoss()).isEmpty();
              assertThat(plan.takeProfit()).isEmpty();
            });
  }

  @Test
  void givenNoPosition_whenClosed_thenNothingToDo() {
    TradeFixtures.Input in = input();
    in.decision = close();

    assertThat(in.evaluate())
        .isInstanceOfSatisfying(
            GuardrailVerdict.NothingToDo.class,
            n ->
                assertThat(n.reason())
                    .isEqualTo("CLOSE: no open position on BTC-USDT-SWAP; nothing to close"));
  }

  @Test
  void givenAPositionAboveTheMarketOrderLimit_whenClosed_thenTheLimitIsClosedAndTheRestNamed() {
    TradeFixtures.Input in = input();
    in.instrument = PEPE;
    in.price("0.00001");
    in.decision = close();
    in.positions.add(position("PEPE-USDT-SWAP", "long", "12000", "cross", "net", "2", null, null));

    GuardrailVerdict verdict = in.evaluate();

    // maxMktSz 5,000: one order closes 5,000 of 12,000
    assertThat(verdict)
        .isInstanceOfSatisfying(
            GuardrailVerdict.Approved.class,
            a -> assertThat(a.plan().contracts()).isEqualByComparingTo("5000"));
    assertThat(verdict.checks())
        .filteredOn(k -> k.result() == Result.CLIPPED)
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.rule()).isEqualTo("close");
              assertThat(k.detail())
                  .endsWith("decide CLOSE again for the remaining 7000 contracts");
            });
  }

  @Test
  void givenDustBelowOneLot_whenClosed_thenBlockedWithWhatToDo() {
    TradeFixtures.Input in = input();
    in.decision = close();
    in.positions.add(position("BTC-USDT-SWAP", "long", "0.005", "cross", "net", "2", null, null));

    assertThat(in.evaluate())
        .isInstanceOfSatisfying(
            GuardrailVerdict.Blocked.class,
            b -> {
              assertThat(b.rule()).isEqualTo("close");
              assertThat(b.reason())
                  .isEqualTo(
                      "the long on BTC-USDT-SWAP is 0.005 contracts, less than one lot (0.01): close it on OKX");
            });
  }

  @Test
  void givenAStaleSnapshot_whenClosed_thenBlockedLikeAnyOrder() {
    TradeFixtures.Input in = input();
    in.decision = close();
    in.snapshotAt = TradeFixtures.NOW.minusSeconds(3600);
    in.positions.add(position("BTC-USDT-SWAP", "long", "1", "cross", "net", "2", null, null));

    assertThat(in.evaluate())
        .isInstanceOfSatisfying(
            GuardrailVerdict.Blocked.class, b -> assertThat(b.rule()).isEqualTo("snapshot_age"));
  }

  @Test
  void givenAPriceDriftBeyondTheLimit_whenClosed_thenTheCloseStillGoes() {
    TradeFixtures.Input in = input();
    in.decision = close();
    in.current = new BigDecimal("63000");
    in.positions.add(position("BTC-USDT-SWAP", "long", "1", "cross", "net", "2", null, null));

    // a close only reduces risk; the drift gate guards entries
    assertThat(in.evaluate()).isInstanceOf(GuardrailVerdict.Approved.class);
  }
}
