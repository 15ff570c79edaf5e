package io.tai2.execution;

import static io.tai2.execution.TradeFixtures.PEPE;
import static io.tai2.execution.TradeFixtures.bd;
import static io.tai2.execution.TradeFixtures.buy;
import static io.tai2.execution.TradeFixtures.input;
import static io.tai2.execution.TradeFixtures.sell;
import static io.tai2.execution.TradeFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.execution.RuleCheck.Result;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Stop-loss, take-profit, the fee-aware take-profit and the price-drift gate, on BTC at 60,000 (tick 0.1). */
class GuardrailsProtectionRulesTest {

  /**
   * A setup and what must come out: the plan's SL and TP ("" = none) when approved, else the blocking rule and reason.
   * {@code check} is a rule whose result must be {@code result}.
   */
  record Case(
      String name,
      Consumer<TradeFixtures.Input> setup,
      String stopLoss,
      String takeProfit,
      String blockedBy,
      String reason,
      String check,
      Result result) {
    @Override
    public String toString() {
      return name;
    }

    static Case approved(
        String name,
        Consumer<TradeFixtures.Input> setup,
        String sl,
        String tp,
        String check,
        Result result) {
      return new Case(name, setup, sl, tp, null, null, check, result);
    }

    static Case blocked(
        String name, Consumer<TradeFixtures.Input> setup, String rule, String reason) {
      return new Case(name, setup, null, null, rule, reason, rule, Result.BLOCKED);
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        Case.approved(
            "a BUY with SL below and TP above passes as given",
            in -> {},
            "59000",
            "62000",
            "stop_loss",
            Result.PASSED),
        // docs/spec/tai2-upstream.md §9 tests 42/43: an entry without a stop-loss is blocked
        // (require_protection on by default)
        Case.blocked(
            "a BUY without a stop-loss",
            in -> in.decision = buy("0.75", "0.1", null, null, "62000"),
            "stop_loss_required",
            "a BUY without a stop-loss: every entry needs one (require_protection); re-prompt, or HOLD"),
        Case.blocked(
            "a SELL without a stop-loss",
            in -> in.decision = sell("0.75", "0.1", null, null, "58000"),
            "stop_loss_required",
            "a SELL without a stop-loss"),
        // §9 test 44 (never passed upstream): with a stop-loss the entry executes
        Case.approved(
            "require_protection off: no stop-loss is allowed",
            in -> {
              in.settings.requireProtection = false;
              in.decision = buy("0.75", "0.1", null, null, "62000");
            },
            "",
            "62000",
            "stop_loss_required",
            Result.SKIPPED),
        // quantised away from the price: a BUY's SL down, TP up; a SELL's SL up, TP down
        Case.approved(
            "BUY levels rounded away from the price",
            in -> in.decision = buy("0.75", "0.1", null, "59000.05", "62000.01"),
            "59000",
            "62000.1",
            "stop_loss",
            Result.ADJUSTED),
        Case.approved(
            "SELL levels rounded away from the price",
            in -> in.decision = sell("0.75", "0.1", null, "61000.03", "58000.07"),
            "61000.1",
            "58000",
            "take_profit",
            Result.ADJUSTED),
        // nudge: offset max(0.1, 0.1 % × 60,000 = 60) = 60
        Case.approved(
            "a BUY stop above the price is nudged to 59,940",
            in -> in.decision = buy("0.75", "0.1", null, "60010", null),
            "59940",
            "",
            "stop_loss",
            Result.ADJUSTED),
        Case.approved(
            "a BUY stop at the price is nudged to 59,940",
            in -> in.decision = buy("0.75", "0.1", null, "60000", null),
            "59940",
            "",
            "stop_loss",
            Result.ADJUSTED),
        Case.approved(
            "a SELL stop below the price is nudged to 60,060",
            in -> in.decision = sell("0.75", "0.1", null, "59990", null),
            "60060",
            "",
            "stop_loss",
            Result.ADJUSTED),
        // PEPE at 0.00001 with a tick of 0.00001: nothing positive lies a tick below the price
        Case.blocked(
            "a wrong-side stop that cannot be nudged",
            in -> {
              in.instrument =
                  spec("PEPE-USDT-SWAP", "1000", "PEPE", "0.00001", "1", "1", "5000", "50");
              in.price("0.00001");
              in.decision = buy("0.75", "0.1", null, "0.00002", null);
            },
            "stop_loss",
            "the stop-loss 0.00002 of a BUY must be below the price 0.00001 and cannot be nudged there (tick 0.00001)"),
        Case.approved(
            "a BUY take-profit below the price is dropped",
            in -> in.decision = buy("0.75", "0.1", null, "58000", "59000"),
            "58000",
            "",
            "take_profit",
            Result.ADJUSTED),
        Case.approved(
            "a SELL take-profit above the price is dropped",
            in -> in.decision = sell("0.75", "0.1", null, "62000", "61000"),
            "62000",
            "",
            "take_profit",
            Result.ADJUSTED),
        // fee-aware: gain 50 ÷ 60,000 = 0.0833 %; fees 0.05 % × (1 + 60,050 ÷ 60,000) = 0.10004 %
        // (shown to 4 places) → a hit loses money
        Case.blocked(
            "a take-profit inside the round-trip fees",
            in -> in.decision = buy("0.75", "0.1", null, "59000", "60050"),
            "fee_aware_take_profit",
            "the take-profit 60050 is 0.0833% from the price 60000; the round-trip taker fees (0.05% on entry and exit) take 0.1%: a hit would lose money"),
        // SELL: gain 50 ÷ 60,000; fees 0.05 % × (1 + 59,950 ÷ 60,000) = 0.099958 %
        Case.blocked(
            "a SELL take-profit inside the round-trip fees",
            in -> in.decision = sell("0.75", "0.1", null, "61000", "59950"),
            "fee_aware_take_profit",
            "the take-profit 59950 is 0.0833% from the price 60000"),
        // 100 ÷ 60,000 = 0.1667 % > 0.1001 %
        Case.approved(
            "a take-profit beyond the fees",
            in -> in.decision = buy("0.75", "0.1", null, "59000", "60100"),
            "59000",
            "60100",
            "fee_aware_take_profit",
            Result.PASSED),
        Case.approved(
            "fee-aware take-profit off",
            in -> {
              in.settings.feeAware = false;
              in.decision = buy("0.75", "0.1", null, "59000", "60050");
            },
            "59000",
            "60050",
            "fee_aware_take_profit",
            Result.SKIPPED),
        Case.approved(
            "fee rate unknown",
            in -> {
              in.takerFee = null;
              in.decision = buy("0.75", "0.1", null, "59000", "60050");
            },
            "59000",
            "60050",
            "fee_aware_take_profit",
            Result.SKIPPED),
        // drift: |60,301 − 60,000| ÷ 60,000 = 50.17 bps > 50
        Case.blocked(
            "price moved 50.17 bps",
            in -> in.current = bd("60301"),
            "price_drift",
            "price moved 50.17 bps since the snapshot (60000 → 60301, limit 50 bps): re-prompt"),
        Case.approved(
            "price moved exactly 50 bps up",
            in -> in.current = bd("60300"),
            "59000",
            "62000",
            "price_drift",
            Result.PASSED),
        Case.approved(
            "price moved exactly 50 bps down",
            in -> in.current = bd("59700"),
            "59000",
            "62000",
            "price_drift",
            Result.PASSED),
        // ATR 100, limit 1.5 × ATR = 150; a 200 move (33 bps) passes the bps gate but not the ATR
        // gate
        Case.blocked(
            "price moved 2 × ATR",
            in -> {
              in.settings.maxDriftAtr = bd("1.5");
              in.atr = bd("100");
              in.current = bd("60200");
            },
            "price_drift",
            "price moved 2 × ATR since the snapshot (60000 → 60200, ATR 100, limit 1.5 × ATR): re-prompt"),
        Case.approved(
            "the ATR gate needs an ATR",
            in -> {
              in.settings.maxDriftAtr = bd("1.5");
              in.current = bd("60200");
            },
            "59000",
            "62000",
            "price_drift",
            Result.PASSED),
        Case.approved(
            "no drift limit at all",
            in -> {
              in.settings.maxDriftBps = 0;
              in.current = bd("66000");
              in.decision = buy("0.75", "0.1", null, "59000", "68000");
            },
            "59000",
            "68000",
            "price_drift",
            Result.SKIPPED),
        Case.approved(
            "PEPE levels at 8 decimals",
            in -> {
              in.instrument = PEPE;
              in.price("0.00001");
              in.equity = bd("1000");
              in.available = bd("1000");
              in.decision = buy("0.5", "0.1", null, "0.000009501", "0.000011009");
            },
            "0.0000095",
            "0.00001101",
            "take_profit",
            Result.ADJUSTED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givenStopsAndTargets_whenEvaluated_thenTheyAreKeptAdjustedDroppedOrBlocked(Case c) {
    TradeFixtures.Input in = input();
    c.setup().accept(in);

    GuardrailVerdict verdict = in.evaluate();

    assertThat(verdict.checks())
        .filteredOn(k -> k.rule().equals(c.check()))
        .extracting(RuleCheck::result)
        .containsExactly(c.result());
    if (c.blockedBy() != null) {
      assertThat(verdict)
          .isInstanceOfSatisfying(
              GuardrailVerdict.Blocked.class,
              b -> {
                assertThat(b.rule()).isEqualTo(c.blockedBy());
                assertThat(b.reason()).contains(c.reason());
              });
      return;
    }
    assertThat(verdict)
        .isInstanceOfSatisfying(
            GuardrailVerdict.Approved.class,
            a -> {
              if (c.stopLoss().isEmpty()) {
                assertThat(a.plan().stopLoss()).isEmpty();
              } else {
                assertThat(a.plan().stopLoss())
                    .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(c.stopLoss()));
              }
              if (c.takeProfit().isEmpty()) {
                assertThat(a.plan().takeProfit()).isEmpty();
              } else {
                assertThat(a.plan().takeProfit())
                    .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(c.takeProfit()));
              }
            });
  }
}
