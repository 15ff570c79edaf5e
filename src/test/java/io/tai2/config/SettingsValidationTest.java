package io.tai2.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsValidationTest {

  static final GuardrailSettings D = GuardrailSettings.defaults(Duration.ofSeconds(900));

  @Test
  void givenInvalidExecutionSettings_whenBuilt_thenRefusedWithTheFieldNamed() {
    assertThatThrownBy(
            () -> new ExecutionSettings(true, "spot", "market", BigDecimal.ZERO, Map.of()))
        .hasMessageContaining("trade_mode");
    assertThatThrownBy(
            () -> new ExecutionSettings(true, "cross", "limit", BigDecimal.ZERO, Map.of()))
        .hasMessageContaining("order_type");
    assertThatThrownBy(
            () -> new ExecutionSettings(true, "cross", "market", new BigDecimal("-1"), Map.of()))
        .hasMessageContaining("negative");
  }

  @Test
  void givenCrossFieldRules_whenBroken_thenRefused() {
    assertThatThrownBy(() -> SettingsJson.guardrails("{\"min_leverage\":6}", D))
        .hasMessageContaining("max_leverage must be between min_leverage (6)");
    assertThatThrownBy(
            () -> SettingsJson.guardrails("{\"symbol_position_caps\":{\"BTC-USDT-SWAP\":0.3}}", D))
        .hasMessageContaining("at most max_position_pct (0.2)");
    assertThatThrownBy(() -> SettingsJson.guardrails("{\"max_position_pct\":20}", D))
        .hasMessageContaining("0.2 = 20 %");
    assertThatThrownBy(() -> SettingsJson.guardrails("{\"trade_window_seconds\":30}", D))
        .hasMessageContaining("at least 60");
  }

  @Test
  void givenSavedDocuments_whenRead_thenEveryFieldRoundTripsAndMissingOnesKeepTheirValue() {
    GuardrailSettings custom =
        SettingsJson.guardrails(
            "{\"max_leverage\":3,\"symbol_position_caps\":{\"ETH-USDT-SWAP\":0.05},\"wait_for_tp_sl\":true,"
                + "\"max_price_drift_atr\":0.5,\"fee_aware_take_profit\":false}",
            D);

    assertThat(SettingsJson.guardrails(SettingsJson.write(custom), D)).isEqualTo(custom);
    assertThat(custom.maxPositionPct()).isEqualByComparingTo("0.2");
    ExecutionSettings e =
        new ExecutionSettings(
            true,
            "isolated",
            "market",
            new BigDecimal("0.5"),
            Map.of("BTC-USDT-SWAP", new BigDecimal("0.02")));
    assertThat(SettingsJson.execution(SettingsJson.write(e), ExecutionSettings.defaults()))
        .isEqualTo(e);
  }

  static List<FieldError> guardrailErrors(String json) {
    SettingsPatches.Guardrails patch =
        StrictJson.bind(StrictJson.parse(json), SettingsPatches.Guardrails.class, "guardrails");
    return SettingsRules.guardrails(patch, D, "ETH-USDT-SWAP"::equals);
  }

  @Test
  void givenAGuardrailChange_whenChecked_thenEveryBrokenRuleIsNamedByItsPath() {
    assertThat(
            guardrailErrors(
                "{\"max_leverage\":2.555,\"trade_window_seconds\":59,\"max_price_drift_bps\":10001,"
                    + "\"symbol_position_caps\":{\"ETH-USDT-SWAP\":0.5,\"XRP-USDT-SWAP\":0.1}}"))
        .extracting(FieldError::path)
        .containsExactly(
            "guardrails.max_leverage",
            "guardrails.trade_window_seconds",
            "guardrails.max_price_drift_bps",
            "guardrails.symbol_position_caps.XRP-USDT-SWAP",
            "guardrails.symbol_position_caps.ETH-USDT-SWAP");
    assertThat(
            guardrailErrors(
                "{\"max_leverage\":125,\"snapshot_max_age_seconds\":86400,\"symbol_position_caps\":{\"ETH-USDT-SWAP\":0.2}}"))
        .isEmpty();
  }

  @Test
  void givenAValidChange_whenApplied_thenOnlyTheFieldsGivenChange() {
    SettingsPatches.Guardrails patch =
        StrictJson.bind(
            StrictJson.parse("{\"max_trades_per_hour\":7,\"require_protection\":false}"),
            SettingsPatches.Guardrails.class,
            "guardrails");

    GuardrailSettings after = patch.applyTo(D);

    assertThat(after).isEqualTo(D.toBuilder().maxTradesPerHour(7).requireProtection(false).build());
  }

  @Test
  void givenAStoredDocumentOfAnOlderVersion_whenRead_thenAFieldNoLongerKnownIsSkipped() {
    assertThat(SettingsJson.guardrails("{\"max_leverage\":3,\"retired_field\":true}", D))
        .isEqualTo(D.toBuilder().maxLeverage(new BigDecimal("3")).build());
  }
}
