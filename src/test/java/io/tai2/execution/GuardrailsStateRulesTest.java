package io.tai2.execution;

import static io.tai2.execution.TradeFixtures.BTC;
import static io.tai2.execution.TradeFixtures.NOW;
import static io.tai2.execution.TradeFixtures.bd;
import static io.tai2.execution.TradeFixtures.btcLong;
import static io.tai2.execution.TradeFixtures.close;
import static io.tai2.execution.TradeFixtures.hold;
import static io.tai2.execution.TradeFixtures.input;
import static io.tai2.execution.TradeFixtures.position;
import static io.tai2.execution.TradeFixtures.sell;
import static io.tai2.execution.TradeFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.execution.RuleCheck.Result;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules about state: settings, snapshot age, risk lock, HOLD, instrument, positions, alignment, cooldown, rate. */
class GuardrailsStateRulesTest {

  /** A setup on the default BUY (5 contracts BTC at 60,000) and the verdict it must give: a rule name, or null = approved. */
  record Case(String name, Consumer<TradeFixtures.Input> setup, String blockedBy, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("the defaults approve", in -> {}, null, null),
        // an invalid trade mode or order type cannot reach here: ExecutionSettings refuses them
        // (ExecutionSettingsTest)
        // snapshot_max_age 900 s: 900 s old passes, 901 s is stale
        new Case(
            "a snapshot 900 s old is still fresh",
            in -> in.snapshotAt = NOW.minusSeconds(900),
            null,
            null),
        new Case(
            "a snapshot 901 s old is stale",
            in -> in.snapshotAt = NOW.minusSeconds(901),
            "snapshot_age",
            "stale: the price the model saw for BTC-USDT-SWAP is 901 s old (limit 900 s); wait for the market feed and re-prompt"),
        new Case(
            "a snapshot 61 s in the future is a clock problem",
            in -> in.snapshotAt = NOW.plusSeconds(61),
            "snapshot_age",
            "is stamped 61 s in the future: check the server clock (NTP) and re-prompt"),
        new Case(
            "a snapshot 60 s in the future is tolerated skew",
            in -> in.snapshotAt = NOW.plusSeconds(60),
            null,
            null),
        new Case(
            "the risk lock blocks an entry",
            in -> in.locked = true,
            "risk_lock",
            "locked: the risk lock is on (daily loss limit reached); nothing is sent until an operator resets it"),
        new Case(
            "the risk lock blocks a close too",
            in -> {
              in.locked = true;
              in.positions.add(btcLong("1"));
              in.decision = close();
            },
            "risk_lock",
            "locked"),
        new Case(
            "missing instrument rules block",
            in ->
                in.instrument =
                    spec("BTC-USDT-SWAP", null, "BTC", "0.1", "0.01", "0.01", null, null),
            "instrument",
            "the instrument rules for BTC-USDT-SWAP are incomplete (ctVal missing"),
        new Case(
            "instrument rules of another symbol are a caller bug",
            in -> {
              in.instrument = BTC;
              in.symbol = "ETH-USDT-SWAP";
            },
            "instrument",
            "the instrument rules are for BTC-USDT-SWAP, not ETH-USDT-SWAP"),
        new Case(
            "no price blocks",
            in -> in.current = BigDecimal.ZERO,
            "instrument",
            "no valid price for BTC-USDT-SWAP"),
        new Case(
            "two positions on the symbol are left to the operator",
            in -> {
              in.mode = GuardrailInput.PositionMode.LONG_SHORT;
              in.positions.add(
                  position("BTC-USDT-SWAP", "long", "1", "cross", "long", "3", null, null));
              in.positions.add(
                  position("BTC-USDT-SWAP", "short", "2", "cross", "short", "3", null, null));
            },
            "position",
            "2 positions are open on BTC-USDT-SWAP (long 1 contracts cross, short 2 contracts cross)"),
        new Case(
            "a position on another symbol does not count",
            in ->
                in.positions.add(
                    position("ETH-USDT-SWAP", "long", "5", "cross", "net", "3", null, null)),
            null,
            null),
        // alignment on (default)
        new Case(
            "alignment on: BUY while long is adding",
            in -> in.positions.add(btcLong("1")),
            "alignment",
            "alignment: a long 1 contracts is already open on BTC-USDT-SWAP and require_position_alignment forbids adding to it; CLOSE it first or HOLD"),
        new Case(
            "alignment on: SELL while long is a flip, not a close",
            in -> {
              in.positions.add(btcLong("1"));
              in.decision = sell("0.75", "0.1", null, "61000", "58000");
            },
            "alignment",
            "flip: a SELL while long on BTC-USDT-SWAP would reverse it (or hedge it in long/short mode)"),
        new Case(
            "alignment on: SELL while short is adding",
            in -> {
              in.positions.add(
                  position("BTC-USDT-SWAP", "short", "1", "cross", "net", "3", null, null));
              in.decision = sell("0.75", "0.1", null, "61000", "58000");
            },
            "alignment",
            "forbids adding"),
        new Case(
            "alignment on: BUY while short is a flip",
            in ->
                in.positions.add(
                    position("BTC-USDT-SWAP", "short", "1", "cross", "net", "3", null, null)),
            "alignment",
            "flip: a BUY while short"),
        // alignment off
        new Case(
            "alignment off: BUY while long adds",
            in -> {
              in.settings.alignment = false;
              in.positions.add(btcLong("1"));
            },
            null,
            null),
        new Case(
            "alignment off: SELL while long is still a flip",
            in -> {
              in.settings.alignment = false;
              in.positions.add(btcLong("1"));
              in.decision = sell("0.75", "0.1", null, "61000", "58000");
            },
            "alignment",
            "decide CLOSE first, then enter on a later decision"),
        new Case(
            "alignment off: adding in another margin mode opens a second position",
            in -> {
              in.settings.alignment = false;
              in.positions.add(
                  position("BTC-USDT-SWAP", "long", "1", "isolated", "net", "3", null, null));
            },
            "margin_mode",
            "the open long on BTC-USDT-SWAP is isolated but the trade mode is cross"),
        new Case(
            "the side of a position comes from posSide when side is missing",
            in ->
                in.positions.add(
                    position("BTC-USDT-SWAP", null, "1", "cross", "long", "3", null, null)),
            "alignment",
            "a long 1 contracts is already open"),
        // wait-for-TP/SL
        new Case(
            "wait-for-TP/SL: an entry on a position with SL and TP waits",
            in -> {
              in.settings.alignment = false;
              in.settings.waitForTpSl = true;
              in.positions.add(
                  position("BTC-USDT-SWAP", "long", "1", "cross", "net", "3", "58000", "63000"));
            },
            "wait_for_tp_sl",
            "wait-for-TP/SL: the long on BTC-USDT-SWAP has its stop-loss 58000 and take-profit 63000 set"),
        new Case(
            "wait-for-TP/SL: a position with only a stop does not wait",
            in -> {
              in.settings.alignment = false;
              in.settings.waitForTpSl = true;
              in.positions.add(
                  position("BTC-USDT-SWAP", "long", "1", "cross", "net", "3", "58000", null));
            },
            null,
            null),
        new Case(
            "wait-for-TP/SL: CLOSE is still allowed",
            in -> {
              in.settings.waitForTpSl = true;
              in.positions.add(
                  position("BTC-USDT-SWAP", "long", "1", "cross", "net", "3", "58000", "63000"));
              in.decision = close();
            },
            null,
            null),
        // cooldown / min hold 180 s, from the last fill
        new Case(
            "cooldown: 179 s after a fill",
            in -> in.lastFill = NOW.minusSeconds(179),
            "cooldown",
            "cooldown: the last fill on BTC-USDT-SWAP was 179 s ago (min hold / cooldown 180 s); the next order is allowed at 2026-11-25T12:00:01Z"),
        new Case(
            "cooldown: 180 s after a fill", in -> in.lastFill = NOW.minusSeconds(180), null, null),
        new Case("cooldown: no fill yet", in -> in.lastFill = null, null, null),
        new Case(
            "cooldown: min hold 0 is off (not the poll interval)",
            in -> {
              in.settings.minHold = Duration.ZERO;
              in.lastFill = NOW.minusSeconds(1);
            },
            null,
            null),
        new Case(
            "min hold holds back a CLOSE too",
            in -> {
              in.positions.add(btcLong("1"));
              in.lastFill = NOW.minusSeconds(30);
              in.decision = close();
            },
            "cooldown",
            "min hold: the position on BTC-USDT-SWAP was filled 30 s ago (min hold 180 s)"),
        // trades per window: 2
        new Case("trade rate: 1 of 2 accepted", in -> in.accepted = 1, null, null),
        new Case(
            "trade rate: 2 of 2 accepted",
            in -> in.accepted = 2,
            "trade_rate",
            "trade limit: 2 orders accepted in the last 3600 s (limit 2); wait for the window to roll or raise max_trades_per_hour"),
        new Case(
            "trade rate: 0 is unlimited",
            in -> {
              in.settings.maxTradesPerHour = 0;
              in.accepted = 100;
            },
            null,
            null),
        new Case(
            "trade rate: a CLOSE never waits for a slot",
            in -> {
              in.accepted = 5;
              in.positions.add(btcLong("1"));
              in.decision = close();
            },
            null,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givenAState_whenADecisionIsEvaluated_thenTheRuleDecides(Case c) {
    TradeFixtures.Input in = input();
    c.setup().accept(in);

    GuardrailVerdict verdict = in.evaluate();

    if (c.blockedBy() == null) {
      assertThat(verdict).isInstanceOf(GuardrailVerdict.Approved.class);
    } else {
      assertThat(verdict)
          .isInstanceOfSatisfying(
              GuardrailVerdict.Blocked.class,
              b -> {
                assertThat(b.rule()).isEqualTo(c.blockedBy());
                assertThat(b.reason()).contains(c.reason());
                assertThat(b.checks().getLast())
                    .satisfies(
                        k -> {
                          assertThat(k.rule()).isEqualTo(c.blockedBy());
                          assertThat(k.result()).isEqualTo(Result.BLOCKED);
                        });
              });
    }
  }

  @Test
  void givenAHold_whenEvaluated_thenNothingToDoAndNoLaterRuleRan() {
    TradeFixtures.Input in = input();
    in.decision = hold();
    in.accepted = 99;

    GuardrailVerdict verdict = in.evaluate();

    assertThat(verdict)
        .isInstanceOfSatisfying(
            GuardrailVerdict.NothingToDo.class,
            n -> assertThat(n.reason()).isEqualTo("HOLD: nothing to send for BTC-USDT-SWAP"));
    assertThat(verdict.checks())
        .extracting(RuleCheck::rule)
        .containsExactly(
            "live_execution", "execution_settings", "snapshot_age", "risk_lock", "action");
  }

  @Test
  void givenLiveExecutionOff_whenAnEntryPasses_thenThePlanIsStillMadeAndPaperIsRecorded() {
    TradeFixtures.Input in = input();
    in.live = false;

    GuardrailVerdict verdict = in.evaluate();

    assertThat(verdict).isInstanceOf(GuardrailVerdict.Approved.class);
    assertThat(verdict.checks().getFirst())
        .isEqualTo(
            new RuleCheck(
                "live_execution",
                Result.ADJUSTED,
                "off",
                "paper",
                "live execution is off: an approved plan fills in the paper account, nothing is sent"));
  }

  @Test
  void givenTheDefaults_whenAnEntryIsApproved_thenEveryRuleRanInTheDocumentedOrder() {
    GuardrailVerdict verdict = input().evaluate();

    assertThat(verdict.checks())
        .extracting(RuleCheck::rule)
        .containsExactly(
            "live_execution",
            "execution_settings",
            "snapshot_age",
            "risk_lock",
            "instrument",
            "position",
            "alignment",
            "margin_mode",
            "wait_for_tp_sl",
            "cooldown",
            "trade_rate",
            "stop_loss",
            "take_profit",
            "fee_aware_take_profit",
            "price_drift",
            "leverage_target",
            "size_budget",
            "available_margin",
            "position_cap",
            "margin_needed",
            "position_tier",
            "max_order_size",
            "lot_size",
            "leverage",
            "isolated_seed");
  }

  @Test
  void givenHedgeMode_whenABuyAndASellAreApproved_thenPosSideIsLongAndShort() {
    TradeFixtures.Input buy = input();
    buy.mode = GuardrailInput.PositionMode.LONG_SHORT;
    TradeFixtures.Input sell = input();
    sell.mode = GuardrailInput.PositionMode.LONG_SHORT;
    sell.decision = sell("0.75", "0.1", null, "61000", "58000");

    assertThat(((GuardrailVerdict.Approved) buy.evaluate()).plan())
        .satisfies(
            p -> {
              assertThat(p.side()).isEqualTo("buy");
              assertThat(p.posSide()).isEqualTo("long");
            });
    assertThat(((GuardrailVerdict.Approved) sell.evaluate()).plan())
        .satisfies(
            p -> {
              assertThat(p.side()).isEqualTo("sell");
              assertThat(p.posSide()).isEqualTo("short");
            });
  }

  @Test
  void givenAnApprovedEntry_whenPlanned_thenThePlanCarriesTheDecisionAndTheSnapshot() {
    TradeFixtures.Input in = input();
    in.tradeMode = "isolated";

    OrderPlan plan = ((GuardrailVerdict.Approved) in.evaluate()).plan();

    assertThat(plan.decisionId()).isEqualTo(TradeFixtures.DECISION);
    assertThat(plan.symbol()).isEqualTo("BTC-USDT-SWAP");
    assertThat(plan.posSide()).isEqualTo("net");
    assertThat(plan.tradeMode()).isEqualTo("isolated");
    assertThat(plan.orderType()).isEqualTo("market");
    assertThat(plan.reduceOnly()).isFalse();
    assertThat(plan.referencePrice()).isEqualByComparingTo("60000");
    assertThat(plan.snapshotAt()).isEqualTo(NOW.minusSeconds(5));
    assertThat(plan.rationale()).isEqualTo("test thesis");
    assertThat(plan.stopLoss())
        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("59000"));
    assertThat(plan.takeProfit())
        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("62000"));
    assertThat(bd("5")).isEqualByComparingTo(plan.contracts());
  }
}
