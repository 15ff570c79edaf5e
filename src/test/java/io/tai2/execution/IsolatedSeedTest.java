package io.tai2.execution;

import static io.tai2.execution.TradeFixtures.bd;
import static io.tai2.execution.TradeFixtures.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.IsolatedSeed;
import io.tai2.config.SettingsJson;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Isolated-margin auto-seeding: the seed limit (docs/spec/tai2-upstream.md §6.6) and what the guardrails plan to move from funding. */
class IsolatedSeedTest {

  static final String BTC = "BTC-USDT-SWAP";

  @Test
  void givenSeedSettings_whenTheLimitIsResolved_thenItFollowsUpstreamsOrder() {
    // upstream's tested examples: 1000 × 0.05 → 50; a symbol pct of 0.02 on 2000 beats a global 0.5
    // → 40
    assertThat(seed("0", "0.05", "0", Map.of(), Map.of()).limit(BTC, bd("1000")))
        .contains(bd("50.00"));
    assertThat(seed("0", "0.5", "0", Map.of(), Map.of(BTC, bd("0.02"))).limit(BTC, bd("2000")))
        .contains(bd("40.00"));
    // the symbol amount replaces the global one; the max transfer caps it; the equity share caps
    // both
    assertThat(seed("100", "0", "0", Map.of(BTC, bd("300")), Map.of()).limit(BTC, bd("10000")))
        .contains(bd("300"));
    assertThat(
            seed("100", "0", "0", Map.of(BTC, bd("300")), Map.of())
                .limit("ETH-USDT-SWAP", bd("10000")))
        .contains(bd("100"));
    assertThat(seed("100", "0", "80", Map.of(), Map.of()).limit(BTC, bd("10000")))
        .contains(bd("80"));
    assertThat(seed("0", "0", "80", Map.of(), Map.of()).limit(BTC, bd("10000"))).contains(bd("80"));
    assertThat(seed("100", "0.005", "0", Map.of(), Map.of()).limit(BTC, bd("10000")))
        .contains(bd("50.000"));
    // off: nothing set, or only a share of no equity
    assertThat(IsolatedSeed.none().limit(BTC, bd("10000"))).isEmpty();
    assertThat(seed("0", "0.05", "0", Map.of(), Map.of()).limit(BTC, BigDecimal.ZERO)).isEmpty();
  }

  @Test
  void givenNonsense_whenSeedSettingsAreMade_thenRefused() {
    assertThatThrownBy(() -> seed("-1", "0", "0", Map.of(), Map.of()))
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> seed("0", "1.5", "0", Map.of(), Map.of()))
        .hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> seed("0", "0", "0", Map.of(), Map.of(BTC, bd("-0.1"))))
        .hasMessageContaining("between 0 and 1");
  }

  @Test
  void givenSeedSettings_whenSavedAsJsonAndRead_thenTheyComeBackAndAnOldDocumentKeepsTheDefault() {
    ExecutionSettings settings =
        new ExecutionSettings(
            true,
            "isolated",
            "market",
            BigDecimal.ONE,
            Map.of(),
            seed("150", "0.05", "500", Map.of(BTC, bd("300")), Map.of(BTC, bd("0.02"))));

    ExecutionSettings read =
        SettingsJson.execution(SettingsJson.write(settings), ExecutionSettings.defaults());

    assertThat(read.isolatedSeed().limit(BTC, bd("10000")))
        .isEqualTo(settings.isolatedSeed().limit(BTC, bd("10000")));
    assertThat(read).isEqualTo(settings);
    assertThat(
            SettingsJson.execution("{\"trade_mode\":\"isolated\"}", ExecutionSettings.defaults())
                .isolatedSeed())
        .isEqualTo(IsolatedSeed.none());
  }

  @Test
  void
      givenIsolatedMarginShortOfTheOrder_whenApproved_thenThePlanMovesTheGapWithItsBufferFromFunding() {
    TradeFixtures.Input in = input();
    in.tradeMode = "isolated";
    in.available = bd("100");
    in.seedable = bd("5000");

    GuardrailVerdict verdict = in.evaluate();

    // budget 10,000 × 10 % × 3 = 3,000 USDT = 5 contracts at 3x: margin 1,000 + fee reserve 1.5 −
    // available 100 = 901.5,
    // plus the buffer max(1, 5 % of 1,000) = 50
    assertThat(verdict)
        .isInstanceOfSatisfying(
            GuardrailVerdict.Approved.class,
            approved -> {
              assertThat(approved.plan().contracts()).isEqualByComparingTo("5");
              assertThat(approved.plan().leverage()).isEqualByComparingTo("3");
              assertThat(approved.plan().seedUsdt())
                  .hasValueSatisfying(seed -> assertThat(seed).isEqualByComparingTo("951.50"));
            });
    assertThat(verdict.checks())
        .filteredOn(c -> c.rule().equals("available_margin"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.detail())
                    .contains(
                        "available margin 100 USDT + up to 5,000 USDT from the funding account"));
  }

  @Test
  void
      givenTheSeedableAmountIsSmall_whenApproved_thenTheOrderShrinksToFitAndEverythingSeedableMoves() {
    TradeFixtures.Input in = input();
    in.tradeMode = "isolated";
    in.available = bd("100");
    in.seedable = bd("500");

    GuardrailVerdict verdict = in.evaluate();

    assertThat(verdict)
        .isInstanceOfSatisfying(
            GuardrailVerdict.Approved.class,
            approved -> {
              OrderPlan plan = approved.plan();
              BigDecimal notional = plan.contracts().multiply(bd("0.01")).multiply(bd("60000"));
              BigDecimal needed =
                  notional
                      .divide(plan.leverage(), MathContext.DECIMAL64)
                      .add(notional.multiply(bd("0.0005")));
              assertThat(needed).as("fits available + seedable").isLessThanOrEqualTo(bd("600"));
              assertThat(plan.seedUsdt()).contains(bd("500.00"));
            });
  }

  @Test
  void givenEnoughMarginOrCrossMargin_whenApproved_thenNothingMoves() {
    TradeFixtures.Input isolatedRich = input();
    isolatedRich.tradeMode = "isolated";
    isolatedRich.seedable = bd("5000");
    TradeFixtures.Input cross = input();
    cross.available = bd("100");
    cross.seedable = bd("5000");

    assertThat(plan(isolatedRich.evaluate()).seedUsdt()).isEmpty();
    OrderPlan crossPlan = plan(cross.evaluate());
    assertThat(crossPlan.seedUsdt()).isEmpty();
    assertThat(
            crossPlan
                .contracts()
                .multiply(bd("600"))
                .divide(crossPlan.leverage(), MathContext.DECIMAL64))
        .as("cross margin sizes against the trading account only")
        .isLessThanOrEqualTo(bd("100"));
    assertThat(cross.evaluate().checks())
        .filteredOn(c -> c.rule().equals("isolated_seed"))
        .singleElement()
        .satisfies(c -> assertThat(c.detail()).contains("isolated margin only"));
  }

  private static OrderPlan plan(GuardrailVerdict verdict) {
    assertThat(verdict).isInstanceOf(GuardrailVerdict.Approved.class);
    return ((GuardrailVerdict.Approved) verdict).plan();
  }

  private static IsolatedSeed seed(
      String usdt,
      String pct,
      String max,
      Map<String, BigDecimal> symbolUsdt,
      Map<String, BigDecimal> symbolPct) {
    return new IsolatedSeed(bd(usdt), bd(pct), bd(max), symbolUsdt, symbolPct);
  }
}
