package io.tai2.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.FieldError;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.InvalidSettingsChangeException;
import io.tai2.config.MarketRuntimeSettings;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.SchedulerSettings;
import io.tai2.config.Secret;
import io.tai2.config.SecretVault;
import io.tai2.config.TradingAccountGate;
import io.tai2.history.RiskLockRepository;
import io.tai2.history.SettingsRepository;
import io.tai2.market.MarketSettings;
import io.tai2.testsupport.SettingsGroupsFixture;
import io.tai2.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile and malformed settings changes, each refused with the exact JSON path of the field it is about and nothing
 * saved: the strict binding (types, unknown fields, nulls, sizes) and the rules (ranges, symbols, cross-field).
 */
class SettingsBindingTest {

  static final TestDatabase DB = TestDatabase.h2();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
  static final UUID V1 = UUID.fromString("11111111-1111-4111-8111-111111111111");
  static final UUID V2 = UUID.fromString("22222222-2222-4222-8222-222222222222");
  static final Set<String> LISTED = Set.of("BTC-USDT-SWAP", "ETH-USDT-SWAP");

  Optional<Set<String>> listedModels = Optional.empty();
  RuntimeSettingsService service;

  @BeforeEach
  void fresh() {
    DB.jdbc().sql("DELETE FROM settings").update();
    DB.jdbc().sql("DELETE FROM settings_audit").update();
    DB.jdbc().sql("DELETE FROM risk_locks").update();
    service = service();
  }

  RuntimeSettingsService service() {
    SettingsRepository repo = new SettingsRepository(DB.jdbc(), DB.tx());
    MarketRuntimeSettings m =
        new MarketRuntimeSettings(
            List.of("BTC-USDT-SWAP", "SOL-USDT-SWAP"), Duration.ofSeconds(5), true, 24);
    GuardrailSettings g = GuardrailSettings.defaults(Duration.ofSeconds(900));
    ExecutionSettings e = ExecutionSettings.defaults();
    SchedulerSettings s = SchedulerSettings.defaults();
    OkxRuntimeSettings o = new OkxRuntimeSettings(true, Optional.empty());
    return new RuntimeSettingsService(
        SettingsGroupsFixture.defaults(
            repo, CLOCK, List.of("BTC-USDT-SWAP", "SOL-USDT-SWAP"), List.of()),
        new SecretVault(Optional.of(Secret.of("binding-test-secret-key"))),
        true,
        repo,
        new RiskLockRepository(DB.jdbc(), DB.tx()),
        new RuntimeSettingsService.Checks(
            () -> Optional.of((Predicate<String>) LISTED::contains),
            Set.of(V1, V2)::contains,
            () -> 0,
            () -> listedModels,
            MarketSettings.defaults()::timeframes,
            TradingAccountGate.OPEN));
  }

  /** The refused fields of {@code body}, after checking that nothing was saved. */
  List<FieldError> refused(String body) {
    String before = service.json().toString();
    InvalidSettingsChangeException e =
        catchThrowableOfType(
            InvalidSettingsChangeException.class,
            () -> service.update(body, "x", RuntimeSettingsService.Approval.NONE));
    assertThat(e).as("refused: " + abbreviated(body)).isNotNull();
    assertThat(service.json().toString())
        .as("nothing changed by " + abbreviated(body))
        .isEqualTo(before);
    assertThat(service.audit(10)).as("nothing audited").isEmpty();
    return e.errors();
  }

  String field(String body) {
    return refused(body).getFirst().path();
  }

  private static String abbreviated(String body) {
    return body.length() > 120 ? body.substring(0, 120) + "…" : body;
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // misspelt or unknown fields, in every group
        "{\"guardrails\":{\"max_trade_per_hour\":5}}                    | guardrails.max_trade_per_hour",
        "{\"execution\":{\"enable\":true}}                              | execution.enable",
        "{\"execution\":{\"isolated_seed\":{\"usd\":5}}}                | execution.isolated_seed.usd",
        "{\"scheduler\":{\"interval\":60}}                              | scheduler.interval",
        "{\"market\":{\"live_web_socket\":false}}                       | market.live_web_socket",
        "{\"reasoning\":{\"modell\":\"x\"}}                             | reasoning.modell",
        "{\"okx\":{\"secret\":\"x\"}}                                   | okx.secret",
        "{\"risk\":{}}                                                  | risk",
        // wrong JSON types: no coercion of strings, fractions or numbers
        "{\"guardrails\":{\"max_trades_per_hour\":2.9}}                 | guardrails.max_trades_per_hour",
        "{\"guardrails\":{\"min_hold_seconds\":1.0}}                    | guardrails.min_hold_seconds",
        "{\"guardrails\":{\"max_leverage\":\"10\"}}                     | guardrails.max_leverage",
        "{\"scheduler\":{\"max_concurrent\":\"2\"}}                     | scheduler.max_concurrent",
        "{\"guardrails\":{\"require_protection\":\"false\"}}            | guardrails.require_protection",
        "{\"guardrails\":{\"require_protection\":0}}                    | guardrails.require_protection",
        "{\"scheduler\":{\"enabled\":1}}                                | scheduler.enabled",
        "{\"execution\":{\"trade_mode\":1}}                             | execution.trade_mode",
        "{\"reasoning\":{\"model\":42}}                                 | reasoning.model",
        "{\"guardrails\":{\"max_leverage\":\"NaN\"}}                    | guardrails.max_leverage",
        "{\"guardrails\":{\"max_leverage\":\"Infinity\"}}               | guardrails.max_leverage",
        "{\"guardrails\":{\"max_leverage\":\"\"}}                       | guardrails.max_leverage",
        "{\"guardrails\":{\"symbol_position_caps\":[]}}                 | guardrails.symbol_position_caps",
        "{\"guardrails\":{\"symbol_position_caps\":\"\"}}               | guardrails.symbol_position_caps",
        "{\"execution\":{\"isolated_seed\":{\"usdt\":\"5\"}}}           | execution.isolated_seed.usdt",
        "{\"market\":{\"trading_pairs\":\"BTC-USDT-SWAP\"}}             | market.trading_pairs",
        "{\"market\":{\"trading_pairs\":[1]}}                           | market.trading_pairs.0",
        "{\"guardrails\":[]}                                            | guardrails",
        "{\"reasoning\":{\"active_version\":\"not-a-uuid\"}}            | reasoning.active_version",
        // explicit nulls: a field left out keeps its value, so a null is a mistake
        "{\"guardrails\":{\"max_leverage\":null}}                       | guardrails.max_leverage",
        "{\"execution\":{\"min_contracts\":{\"BTC-USDT-SWAP\":null}}}   | execution.min_contracts.BTC-USDT-SWAP",
        "{\"market\":{\"trading_pairs\":[\"BTC-USDT-SWAP\",null]}}      | market.trading_pairs.1",
        "{\"reasoning\":{\"active_version\":null}}                      | reasoning.active_version",
        "{\"scheduler\":null}                                           | scheduler",
        // numbers out of range or not finite
        "{\"guardrails\":{\"max_leverage\":1e309}}                      | guardrails.max_leverage",
        "{\"guardrails\":{\"max_trades_per_hour\":1e309}}               | guardrails.max_trades_per_hour",
        "{\"guardrails\":{\"max_trades_per_hour\":99999999999999999999}} | guardrails.max_trades_per_hour",
        "{\"guardrails\":{\"min_hold_seconds\":99999999999999999999}}   | guardrails.min_hold_seconds",
        "{\"guardrails\":{\"max_trades_per_hour\":1001}}                | guardrails.max_trades_per_hour",
        "{\"guardrails\":{\"max_trades_per_hour\":-1}}                  | guardrails.max_trades_per_hour",
        "{\"guardrails\":{\"max_leverage\":-0}}                         | guardrails.max_leverage",
        "{\"guardrails\":{\"max_leverage\":126}}                        | guardrails.max_leverage",
        "{\"guardrails\":{\"max_leverage\":2.555}}                      | guardrails.max_leverage",
        "{\"guardrails\":{\"max_leverage\":1e-999999999}}               | guardrails.max_leverage",
        "{\"guardrails\":{\"max_position_pct\":20}}                     | guardrails.max_position_pct",
        "{\"guardrails\":{\"max_position_pct\":0}}                      | guardrails.max_position_pct",
        "{\"guardrails\":{\"min_leverage_confidence_gate\":1e309}}      | guardrails.min_leverage_confidence_gate",
        "{\"guardrails\":{\"snapshot_max_age_seconds\":86401}}          | guardrails.snapshot_max_age_seconds",
        "{\"guardrails\":{\"snapshot_max_age_seconds\":59}}             | guardrails.snapshot_max_age_seconds",
        "{\"guardrails\":{\"min_hold_seconds\":604801}}                 | guardrails.min_hold_seconds",
        "{\"guardrails\":{\"max_price_drift_atr\":-1}}                  | guardrails.max_price_drift_atr",
        "{\"execution\":{\"isolated_seed\":{\"pct\":1.5}}}              | execution.isolated_seed.pct",
        "{\"execution\":{\"default_min_contracts\":1e20}}               | execution.default_min_contracts",
        "{\"scheduler\":{\"interval_seconds\":29}}                      | scheduler.interval_seconds",
        "{\"market\":{\"fee_window_hours\":73}}                         | market.fee_window_hours",
        "{\"reasoning\":{\"llm_timeout_seconds\":601}}                  | reasoning.llm_timeout_seconds",
        "{\"reasoning\":{\"daily_cost_budget_usd\":-1}}                 | reasoning.daily_cost_budget_usd",
        // the display time zone: IANA ids as IANA spells them, nothing else
        "{\"ui\":{\"timezone\":\"Mars/Olympus_Mons\"}}              | ui.timezone",
        "{\"ui\":{\"timezone\":\"europe/berlin\"}}                  | ui.timezone",
        "{\"ui\":{\"timezone\":\"+02:00\"}}                         | ui.timezone",
        "{\"ui\":{\"timezone\":\"GMT+2\"}}                          | ui.timezone",
        "{\"ui\":{\"timezone\":\"SystemV/AST4\"}}                   | ui.timezone",
        "{\"ui\":{\"timezone\":\"\"}}                               | ui.timezone",
        "{\"ui\":{\"timezone\":1}}                                  | ui.timezone",
        "{\"ui\":{\"timezone\":null}}                               | ui.timezone",
        "{\"ui\":{\"time_zone\":\"UTC\"}}                           | ui.time_zone",
        // exact enumerations
        "{\"execution\":{\"trade_mode\":\"Cross\"}}                     | execution.trade_mode",
        "{\"execution\":{\"order_type\":\"limit\"}}                     | execution.order_type",
        // symbol keys: instrument ids OKX lists or tracked pairs only
        "{\"guardrails\":{\"symbol_position_caps\":{\"../../etc/passwd\":0.1}}}    | guardrails.symbol_position_caps.../../etc/passwd",
        "{\"guardrails\":{\"symbol_position_caps\":{\"DOGE-USDT-SWAP\":0.1}}}      | guardrails.symbol_position_caps.DOGE-USDT-SWAP",
        "{\"execution\":{\"min_contracts\":{\"btc-usdt-swap\":1}}}                  | execution.min_contracts.btc-usdt-swap",
        "{\"execution\":{\"isolated_seed\":{\"symbol_pct\":{\"X\":0.1}}}}           | execution.isolated_seed.symbol_pct.X",
        "{\"market\":{\"trading_pairs\":[\"btc usdt\"]}}                          | market.trading_pairs.0",
        "{\"market\":{\"trading_pairs\":[\"DOGE-USDT-SWAP\"]}}                    | market.trading_pairs",
        // cross-field rules
        "{\"guardrails\":{\"symbol_position_caps\":{\"BTC-USDT-SWAP\":0.3}}}       | guardrails.symbol_position_caps.BTC-USDT-SWAP",
        "{\"guardrails\":{\"min_leverage\":6}}                                     | guardrails.min_leverage",
        "{\"reasoning\":{\"ab_split\":{\"version_a\":\"11111111-1111-4111-8111-111111111111\",\"version_b\":\"11111111-1111-4111-8111-111111111111\"}}} | reasoning.ab_split.version_b",
        "{\"reasoning\":{\"ab_split\":{\"version_a\":\"11111111-1111-4111-8111-111111111111\",\"version_b\":\"22222222-2222-4222-8222-222222222222\",\"mode\":\"sometimes\"}}} | reasoning.ab_split.mode",
        "{\"reasoning\":{\"ab_split\":{\"version_a\":\"11111111-1111-4111-8111-111111111111\"}}} | reasoning.ab_split.version_b",
        "{\"reasoning\":{\"active_version\":\"33333333-3333-4333-8333-333333333333\"}} | reasoning.active_version",
        "{\"reasoning\":{\"model\":\"a model with spaces\"}}           | reasoning.model",
        "{\"reasoning\":{\"shadows\":[{\"model\":\"bad model\",\"prompt_version_id\":\"11111111-1111-4111-8111-111111111111\"}]}} | reasoning.shadows.0.model",
        "{\"reasoning\":{\"shadows\":[{\"model\":\"openai/gpt-4o-mini\",\"prompt_version_id\":\"33333333-3333-4333-8333-333333333333\"}]}} | reasoning.shadows.0.prompt_version_id",
        "{\"reasoning\":{\"shadows\":[{\"model\":\"openai/gpt-4o-mini\"}]}} | reasoning.shadows.0.prompt_version_id",
        "{\"reasoning\":{\"shadows\":[{\"model\":\"a/b\",\"prompt_version_id\":\"11111111-1111-4111-8111-111111111111\"},{\"model\":\"a/b\",\"prompt_version_id\":\"11111111-1111-4111-8111-111111111111\"}]}} | reasoning.shadows.1",
        "{\"reasoning\":{\"shadows\":[{},{},{},{}]}}                  | reasoning.shadows",
        "{\"reasoning\":{\"shadows\":null}}                          | reasoning.shadows",
        "{\"reasoning\":{\"shadows\":[{\"model\":\"a/b\",\"prompt_version_id\":\"11111111-1111-4111-8111-111111111111\",\"weight\":2}]}} | reasoning.shadows.0.weight",
        "{\"reasoning\":{\"challenger_version\":\"33333333-3333-4333-8333-333333333333\"}} | reasoning.challenger_version",
        "{\"reasoning\":{\"timeframe\":\"4h\"}}                       | reasoning.timeframe",
        "{\"reasoning\":{\"timeframe\":\"5m\"}}                       | reasoning.timeframe",
        "{\"reasoning\":{\"timeframe\":\"\"}}                         | reasoning.timeframe",
        "{\"reasoning\":{\"timeframe\":\"1H; DROP TABLE settings\"}}  | reasoning.timeframe",
        "{\"reasoning\":{\"timeframe\":4}}                            | reasoning.timeframe",
        "{\"reasoning\":{\"timeframe\":[\"4H\"]}}                     | reasoning.timeframe",
        "{\"reasoning\":{\"timeframe\":null}}                         | reasoning.timeframe",
        "{\"okx\":{\"demo\":false,\"confirm_live\":\"LIVE\"}}            | okx.demo",
        "{\"okx\":{\"api_key\":\"x\"}}                                  | okx.secret_key",
        // malformed JSON: duplicates, trailing tokens
        "{\"guardrails\":{\"max_leverage\":3,\"max_leverage\":9}}       | guardrails.max_leverage",
      })
  void givenAHostileChange_whenSaved_thenRefusedNamingTheField(String body, String path) {
    assertThat(field(body)).isEqualTo(path);
  }

  @Test
  void givenMalformedBodies_whenSaved_thenRefusedWithoutAField() {
    assertThat(refused("{\"guardrails\":{\"max_leverage\":3}}}"))
        .singleElement()
        .satisfies(e -> assertThat(e.path()).isEmpty());
    assertThat(refused("[]")).singleElement().satisfies(e -> assertThat(e.path()).isEmpty());
    assertThat(refused("{\"guardrails\":{\"max_leverage\":3}} {\"execution\":{\"enabled\":true}}"))
        .singleElement()
        .satisfies(e -> assertThat(e.path()).isEmpty());
    assertThat(refused(""))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("empty"));
    assertThat(refused("{\"guardrails\":{\"max_leverage\":3"))
        .singleElement()
        .satisfies(e -> assertThat(e.path()).startsWith("guardrails"));
    assertThat(refused("{\"guardrails\":" + "[".repeat(25) + "]".repeat(25) + "}"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).isEqualTo("nests deeper than 20 levels"));
  }

  @Test
  void givenAMapOf501Symbols_whenSaved_thenRefusedAsTooLarge() {
    String caps =
        IntStream.range(0, 501)
            .mapToObj(i -> "\"S" + i + "-USDT-SWAP\":0.1")
            .collect(Collectors.joining(",", "{", "}"));
    assertThat(refused("{\"guardrails\":{\"symbol_position_caps\":" + caps + "}}"))
        .containsExactly(
            new FieldError("guardrails.symbol_position_caps", "at most 500 symbols, was 501"));
  }

  @Test
  void givenTooManyPairs_whenSaved_thenRefused() {
    String pairs =
        IntStream.range(0, 101)
            .mapToObj(i -> "\"S" + i + "-USDT-SWAP\"")
            .collect(Collectors.joining(",", "[", "]"));
    assertThat(field("{\"market\":{\"trading_pairs\":" + pairs + "}}"))
        .isEqualTo("market.trading_pairs");
  }

  @Test
  void givenAHugeModelOrSchema_whenSaved_thenRefusedNamingTheField() {
    assertThat(field("{\"reasoning\":{\"model\":\"" + "m".repeat(70 * 1024) + "\"}}"))
        .isEqualTo("reasoning.model");
    assertThat(field("{\"reasoning\":{\"model\":\"" + "m".repeat(201) + "\"}}"))
        .isEqualTo("reasoning.model");
    assertThat(
            field(
                "{\"reasoning\":{\"response_schema_override\":\"" + "s".repeat(70 * 1024) + "\"}}"))
        .isEqualTo("reasoning.response_schema_override");
  }

  @Test
  void givenSeveralBadFields_whenSaved_thenEveryOneIsReported() {
    assertThat(
            refused(
                "{\"guardrails\":{\"max_trades_per_hour\":5000,\"snapshot_max_age_seconds\":59},\"scheduler\":{\"max_concurrent\":0}}"))
        .extracting(FieldError::path)
        .containsExactlyInAnyOrder(
            "guardrails.max_trades_per_hour",
            "guardrails.snapshot_max_age_seconds",
            "scheduler.max_concurrent");
  }

  @Test
  void
      givenTheEndpointListsModels_whenAnUnlistedModelIsSaved_thenRefused_andWhenItCannotListThemTheModelIsTakenOnTrust() {
    listedModels = Optional.of(Set.of("openai/gpt-4o-mini", "anthropic/claude-3.5-sonnet"));
    assertThat(refused("{\"reasoning\":{\"model\":\"openai/gpt-5-imaginary\"}}"))
        .containsExactly(
            new FieldError(
                "reasoning.model",
                "the LLM endpoint does not list the model openai/gpt-5-imaginary (see GET /llm/models)"));
    service.update(
        "{\"reasoning\":{\"model\":\"anthropic/claude-3.5-sonnet\"}}",
        "x",
        RuntimeSettingsService.Approval.NONE);
    assertThat(service.current().reasoning().model()).isEqualTo("anthropic/claude-3.5-sonnet");

    listedModels = Optional.empty();
    service.update(
        "{\"reasoning\":{\"model\":\"openai/gpt-5-imaginary\"}}",
        "x",
        RuntimeSettingsService.Approval.NONE);
    assertThat(service.current().reasoning().model()).isEqualTo("openai/gpt-5-imaginary");
  }

  @Test
  void givenActiveVersionSet_whenAChangeLeavesItOut_thenItIsKept_andNullIsRefused() {
    service.update(
        "{\"reasoning\":{\"active_version\":\"" + V1 + "\"}}",
        "x",
        RuntimeSettingsService.Approval.NONE);
    service.update(
        "{\"reasoning\":{\"decision_retention_days\":30}}",
        "x",
        RuntimeSettingsService.Approval.NONE);
    assertThat(service.current().reasoning().activeVersion()).contains(V1);
    assertThatThrownBy(
            () ->
                service.update(
                    "{\"reasoning\":{\"active_version\":null}}",
                    "x",
                    RuntimeSettingsService.Approval.NONE))
        .isInstanceOfSatisfying(
            InvalidSettingsChangeException.class,
            e -> assertThat(e.field()).isEqualTo("reasoning.active_version"));
    assertThat(service.current().reasoning().activeVersion()).contains(V1);
  }

  @Test
  void givenRemovableReasoningFields_whenSetToNull_thenRemoved() {
    service.update(
        "{\"reasoning\":{\"ab_split\":{\"version_a\":\""
            + V1
            + "\",\"version_b\":\""
            + V2
            + "\",\"mode\":\"by_cycle\"}}}",
        "x",
        RuntimeSettingsService.Approval.NONE);
    assertThat(service.current().reasoning().abSplit()).isPresent();
    service.update(
        "{\"reasoning\":{\"ab_split\":null}}", "x", RuntimeSettingsService.Approval.NONE);
    assertThat(service.current().reasoning().abSplit()).isEmpty();
  }

  @Test
  void givenValidEdgeValues_whenSaved_thenAccepted() {
    service.update(
        "{\"guardrails\":{\"snapshot_max_age_seconds\":60,\"max_trades_per_hour\":1000,\"max_leverage\":125,\"min_leverage\":-0,"
            + "\"symbol_position_caps\":{\"SOL-USDT-SWAP\":0.2,\"ETH-USDT-SWAP\":0.05}},\"market\":{\"trading_pairs\":[\" eth-usdt-swap \",\"SOL-USDT-SWAP\"]}}",
        "x",
        RuntimeSettingsService.Approval.NONE);
    GuardrailSettings g = service.current().guardrails();
    assertThat(g.snapshotMaxAge()).isEqualTo(Duration.ofSeconds(60));
    assertThat(g.maxTradesPerHour()).isEqualTo(1000);
    assertThat(g.maxLeverage()).isEqualByComparingTo(new BigDecimal("125"));
    assertThat(g.symbolPositionCaps()).containsOnlyKeys("SOL-USDT-SWAP", "ETH-USDT-SWAP");
    assertThat(service.current().market().tradingPairs())
        .containsExactly("ETH-USDT-SWAP", "SOL-USDT-SWAP");
  }

  @Test
  void givenAnotherChangeSavedWhileThisOneIsChecked_whenSaved_thenItIsRefusedAndTheOtherIsKept() {
    assertThatThrownBy(
            () ->
                service.update(
                    "{\"scheduler\":{\"interval_seconds\":600}}",
                    "x",
                    (before, after) ->
                        service.update(
                            "{\"scheduler\":{\"max_concurrent\":3}}",
                            "y",
                            RuntimeSettingsService.Approval.NONE)))
        .isInstanceOf(ConcurrentModificationException.class);

    assertThat(service.current().scheduler().maxConcurrent()).isEqualTo(3);
    assertThat(service.current().scheduler().interval())
        .as("the stale change was not saved")
        .isEqualTo(Duration.ofMinutes(5));
  }
}
