package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.config.DisplaySettings;
import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.MarketRuntimeSettings;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.SchedulerSettings;
import io.tai2.reasoning.ReasoningSettings;
import io.tai2.settings.RuntimeSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each rule of {@link RiskyChanges#RULES} on typed settings: towards more risk it asks, towards less it does not. */
class RiskyChangesTest {

  static final GuardrailSettings GUARDRAILS =
      GuardrailSettings.defaults(Duration.ofSeconds(900)).toBuilder()
          .symbolPositionCaps(Map.of("BTC-USDT-SWAP", new BigDecimal("0.1")))
          .maxPriceDriftAtr(new BigDecimal("0.5"))
          .build();
  static final RuntimeSettings BEFORE =
      new RuntimeSettings(
          new MarketRuntimeSettings(List.of("BTC-USDT-SWAP"), Duration.ofSeconds(5), true, 24),
          GUARDRAILS,
          ExecutionSettings.defaults(),
          ReasoningSettings.defaults(),
          SchedulerSettings.defaults(),
          new OkxRuntimeSettings(true, Optional.empty()),
          DisplaySettings.defaults());

  record Case(String phrase, RuntimeSettings riskier, RuntimeSettings safer) {}

  static RuntimeSettings guardrails(UnaryOperator<GuardrailSettings.Builder> change) {
    return new RuntimeSettings(
        BEFORE.market(),
        change.apply(GUARDRAILS.toBuilder()).build(),
        BEFORE.execution(),
        BEFORE.reasoning(),
        BEFORE.scheduler(),
        BEFORE.okx(),
        BEFORE.ui());
  }

  static RuntimeSettings with(boolean live, boolean scheduler, boolean demo) {
    return new RuntimeSettings(
        BEFORE.market(),
        GUARDRAILS,
        new ExecutionSettings(live, "cross", "market", BigDecimal.ZERO, Map.of()),
        BEFORE.reasoning(),
        SchedulerSettings.defaults().withEnabled(scheduler),
        new OkxRuntimeSettings(demo, Optional.empty()),
        BEFORE.ui());
  }

  static RuntimeSettings okx(OkxRuntimeSettings okx) {
    return new RuntimeSettings(
        BEFORE.market(),
        GUARDRAILS,
        BEFORE.execution(),
        BEFORE.reasoning(),
        BEFORE.scheduler(),
        okx,
        BEFORE.ui());
  }

  static final OkxRuntimeSettings.SealedKeys MASTER =
      new OkxRuntimeSettings.SealedKeys("v1:a", "v1:b", "v1:c");

  /** Per guarded field: a riskier and a safer change of it alone. */
  static final Map<String, Case> CASES = new LinkedHashMap<>();

  static {
    CASES.put(
        "execution.enabled",
        new Case("live execution on", with(true, false, true), with(false, false, true)));
    CASES.put(
        "okx.demo",
        new Case("OKX to live trading", with(false, false, false), with(false, false, true)));
    CASES.put(
        "okx.master_keys",
        new Case(
            "OKX master keys saved (they move money between master and sub-account)",
            okx(
                new OkxRuntimeSettings(
                    true, Optional.empty(), Optional.empty(), Optional.of(MASTER))),
            okx(BEFORE.okx())));
    CASES.put(
        "okx.sub_account",
        new Case(
            "another OKX sub-account declared (transfers go to it)",
            okx(BEFORE.okx().withSubAccount(Optional.of("tai2sub2"))),
            okx(BEFORE.okx().withSubAccount(Optional.empty()))));
    CASES.put(
        "guardrails.max_leverage",
        new Case(
            "max leverage up",
            guardrails(b -> b.maxLeverage(new BigDecimal("6"))),
            guardrails(b -> b.maxLeverage(new BigDecimal("4")))));
    CASES.put(
        "guardrails.max_position_pct",
        new Case(
            "max position up",
            guardrails(b -> b.maxPositionPct(new BigDecimal("0.3"))),
            guardrails(b -> b.maxPositionPct(new BigDecimal("0.15")))));
    CASES.put(
        "guardrails.symbol_position_caps",
        new Case(
            "a symbol position cap raised or removed",
            guardrails(b -> b.symbolPositionCaps(Map.of("BTC-USDT-SWAP", new BigDecimal("0.15")))),
            guardrails(
                b -> b.symbolPositionCaps(Map.of("BTC-USDT-SWAP", new BigDecimal("0.05"))))));
    CASES.put(
        "guardrails.max_trades_per_hour",
        new Case(
            "more trades per hour (0 = unlimited)",
            guardrails(b -> b.maxTradesPerHour(3)),
            guardrails(b -> b.maxTradesPerHour(1))));
    CASES.put(
        "guardrails.daily_loss_limit_pct",
        new Case(
            "daily loss limit up or off",
            guardrails(b -> b.dailyLossLimitPct(new BigDecimal("0.05"))),
            guardrails(b -> b.dailyLossLimitPct(new BigDecimal("0.02")))));
    CASES.put(
        "guardrails.require_protection",
        new Case(
            "protection (TP/SL) no longer required",
            guardrails(b -> b.requireProtection(false)),
            guardrails(b -> b.requireProtection(true))));
    CASES.put(
        "guardrails.max_price_drift_bps",
        new Case(
            "price-drift gate loosened or off",
            guardrails(b -> b.maxPriceDriftBps(80)),
            guardrails(b -> b.maxPriceDriftBps(30))));
    CASES.put(
        "guardrails.max_price_drift_atr",
        new Case(
            "price-drift gate loosened or off",
            guardrails(b -> b.maxPriceDriftAtr(new BigDecimal("0.8"))),
            guardrails(b -> b.maxPriceDriftAtr(new BigDecimal("0.3")))));
    CASES.put(
        "guardrails.min_hold_seconds",
        new Case(
            "minimum hold shortened",
            guardrails(b -> b.minHold(Duration.ofSeconds(60))),
            guardrails(b -> b.minHold(Duration.ofSeconds(600)))));
    CASES.put(
        "scheduler.enabled",
        new Case(
            "scheduler placing live orders unattended",
            // from live execution on alone: switching the scheduler on is the change
            with(true, true, true),
            with(true, false, true)));
  }

  @Test
  void givenEveryGuardedField_thenATestCaseCoversIt() {
    assertThat(CASES.keySet())
        .as("every field the CFG page marks is checked here")
        .isEqualTo(RiskyChanges.GUARDED_FIELDS);
    assertThat(
            RiskyChanges.RULES.stream().map(RiskyChanges.Rule::phrase).collect(Collectors.toSet()))
        .isEqualTo(CASES.values().stream().map(Case::phrase).collect(Collectors.toSet()));
  }

  @Test
  void
      givenEachGuardedField_whenChangedTowardsMoreRisk_thenItsRuleApplies_andTowardsLessNoneDoes() {
    CASES.forEach(
        (field, c) -> {
          RuntimeSettings from =
              field.equals("scheduler.enabled") ? with(true, false, true) : BEFORE;
          RuntimeSettings saferFrom =
              field.equals("scheduler.enabled") ? with(true, true, true) : BEFORE;
          assertThat(RiskyChanges.risky(from, c.riskier()))
              .as(field + " towards more risk")
              .contains(c.phrase());
          assertThat(RiskyChanges.risky(saferFrom, c.safer()))
              .as(field + " towards less risk")
              .isEmpty();
        });
  }

  @Test
  void givenALimitWhereZeroMeansOff_whenSetToZero_thenItIsRiskyAndFromZeroItIsNot() {
    assertThat(RiskyChanges.risky(BEFORE, guardrails(b -> b.maxTradesPerHour(0))))
        .containsExactly("more trades per hour (0 = unlimited)");
    assertThat(RiskyChanges.risky(BEFORE, guardrails(b -> b.dailyLossLimitPct(BigDecimal.ZERO))))
        .containsExactly("daily loss limit up or off");
    assertThat(RiskyChanges.risky(BEFORE, guardrails(b -> b.maxPriceDriftBps(0))))
        .containsExactly("price-drift gate loosened or off");
    RuntimeSettings unlimited = guardrails(b -> b.maxTradesPerHour(0));
    assertThat(RiskyChanges.risky(unlimited, guardrails(b -> b.maxTradesPerHour(5))))
        .as("from unlimited to a limit is safer")
        .isEmpty();
  }

  @Test
  void givenASymbolCap_whenRemoved_thenRisky_andANewCapIsNot() {
    assertThat(RiskyChanges.risky(BEFORE, guardrails(b -> b.symbolPositionCaps(Map.of()))))
        .as("removing a cap lets the symbol use max_position_pct")
        .containsExactly("a symbol position cap raised or removed");
    assertThat(
            RiskyChanges.risky(
                BEFORE,
                guardrails(
                    b ->
                        b.symbolPositionCaps(
                            Map.of(
                                "BTC-USDT-SWAP",
                                new BigDecimal("0.1"),
                                "ETH-USDT-SWAP",
                                new BigDecimal("0.2"))))))
        .as("a new cap only lowers that symbol's limit")
        .isEmpty();
  }

  @Test
  void givenTheSchedulerOn_whenLiveExecutionIsSwitchedOn_thenBothRulesApply() {
    assertThat(RiskyChanges.risky(with(false, true, true), with(true, true, true)))
        .containsExactly("live execution on", "scheduler placing live orders unattended");
    assertThat(RiskyChanges.risky(with(false, false, true), with(false, true, true)))
        .as("scheduler on, paper only")
        .isEmpty();
  }

  @Test
  void givenOnlyUnguardedFields_whenChanged_thenNothingIsRisky() {
    assertThat(
            RiskyChanges.risky(
                BEFORE, guardrails(b -> b.tradeWindow(Duration.ofMinutes(30)).waitForTpSl(true))))
        .isEmpty();
    assertThat(Set.copyOf(RiskyChanges.risky(BEFORE, BEFORE))).isEmpty();
  }
}
