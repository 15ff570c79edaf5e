package io.tai2.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tai2.config.FieldError;
import io.tai2.config.InvalidSettingsChangeException;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.Secret;
import io.tai2.config.SecretVault;
import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import io.tai2.history.SettingsRepository;
import io.tai2.market.MarketSettings;
import io.tai2.reasoning.ReasoningException;
import io.tai2.reasoning.ResponseSchema;
import io.tai2.testsupport.SettingsGroupsFixture;
import io.tai2.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The whole-settings service on a real database: every field round-trips, a bad change saves nothing, each save is audited. */
abstract class RuntimeSettingsContract {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
  static final UUID V1 = UUID.fromString("11111111-1111-4111-8111-111111111111");
  static final UUID V2 = UUID.fromString("22222222-2222-4222-8222-222222222222");
  static final OkxRuntimeSettings DEMO = new OkxRuntimeSettings(true, Optional.empty());
  static final Set<String> LISTED = Set.of("BTC-USDT-SWAP", "ETH-USDT-SWAP", "SOL-USDT-SWAP");

  TestDatabase db;
  List<String> marketChanges;
  final AtomicInteger unresolvedOrders = new AtomicInteger();

  /** What the trading-account gate answers (the declared sub-account against the keys). */
  Optional<String> accountRefusal = Optional.empty();

  /** What the LLM endpoint lists; empty = it cannot be asked. */
  Optional<Set<String>> listedModels = Optional.empty();

  abstract TestDatabase database();

  @BeforeEach
  void clean() {
    db = database();
    db.jdbc().sql("DELETE FROM settings").update();
    db.jdbc().sql("DELETE FROM settings_audit").update();
    db.jdbc().sql("DELETE FROM risk_locks").update();
    marketChanges = new ArrayList<>();
  }

  /** The service as the application builds it, over the saved documents (a new one = a restart). */
  RuntimeSettingsService service() {
    return service(new SecretVault(Optional.of(Secret.of("contract-test-secret-key"))));
  }

  RuntimeSettingsService service(SecretVault vault) {
    SettingsRepository repo = new SettingsRepository(db.jdbc(), db.tx());
    RuntimeSettingsService.Groups groups =
        SettingsGroupsFixture.defaults(repo, CLOCK, List.of("BTC-USDT-SWAP"), List.of());
    groups
        .market()
        .onChange(
            (before, after) ->
                marketChanges.add(before.tradingPairs() + " → " + after.tradingPairs()));
    return new RuntimeSettingsService(
        groups,
        vault,
        true,
        repo,
        new RiskLockRepository(db.jdbc(), db.tx()),
        new RuntimeSettingsService.Checks(
            () -> Optional.of((Predicate<String>) LISTED::contains),
            Set.of(V1, V2)::contains,
            unresolvedOrders::get,
            () -> listedModels,
            MarketSettings.defaults()::timeframes,
            () -> accountRefusal));
  }

  static final String EVERY_FIELD =
      """
      {"market":{"trading_pairs":["ETH-USDT-SWAP","BTC-USDT-SWAP"],"ws_update_interval_seconds":7,"live_websocket":false,"fee_window_hours":48},
       "guardrails":{"min_leverage":2,"max_leverage":8,"min_leverage_confidence_gate":0.6,"max_position_pct":0.3,
         "symbol_position_caps":{"BTC-USDT-SWAP":0.1},"daily_loss_limit_pct":0.05,"min_hold_seconds":120,"max_trades_per_hour":4,
         "trade_window_seconds":1800,"require_position_alignment":false,"snapshot_max_age_seconds":300,"wait_for_tp_sl":true,
         "require_protection":false,"execution_feedback_ttl_seconds":900,"max_price_drift_bps":80,"max_price_drift_atr":1.5,
         "fee_aware_take_profit":false},
       "execution":{"enabled":true,"trade_mode":"isolated","order_type":"market","default_min_contracts":0.5,
         "min_contracts":{"ETH-USDT-SWAP":2},"isolated_seed":{"usdt":100,"pct":0.05,"max_transfer_usdt":500,
         "symbol_usdt":{"BTC-USDT-SWAP":200},"symbol_pct":{"BTC-USDT-SWAP":0.02}}},
       "reasoning":{"model":"anthropic/claude-3.5-sonnet","llm_timeout_seconds":200,"response_schema_override":%s,
         "active_version":"%s","ab_split":{"version_a":"%s","version_b":"%s","mode":"BY_CYCLE"},"decision_retention_days":30,
         "daily_cost_budget_usd":2.5,"shadows":[{"model":"openai/gpt-4o-mini","prompt_version_id":"%s"}],"challenger_version":"%s",
         "timeframe":"1H"},
       "scheduler":{"enabled":true,"interval_seconds":60,"max_concurrent":3},
       "ui":{"timezone":"Europe/Berlin"}}
      """
          .formatted(JSON.writeValueAsString(ResponseSchema.text()), V1, V1, V2, V2, V2);

  @Test
  void givenEveryFieldChanged_whenSavedAndTheServiceRestarts_thenEveryValueComesBack() {
    RuntimeSettingsService service = service();
    JsonNode patch = JSON.readTree(EVERY_FIELD);

    service.update(patch, "operator");

    JsonNode saved = service.json();
    assertSameValues(patch, saved, "");
    RuntimeSettingsService restarted = service();
    assertThat(restarted.current()).isEqualTo(service.current());
    assertThat(restarted.json()).isEqualTo(saved);
    assertThat(marketChanges).containsExactly("[BTC-USDT-SWAP] → [ETH-USDT-SWAP, BTC-USDT-SWAP]");
    List<SettingsRepository.AuditEntry> audit = service.audit(10);
    assertThat(audit)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.actor()).isEqualTo("operator");
              assertThat(JSON.readTree(a.after()).propertyNames())
                  .containsExactlyInAnyOrder(
                      "market",
                      "guardrails",
                      "execution",
                      "reasoning",
                      "scheduler",
                      "ui"); // jsonb keeps no order
              assertThat(
                      JSON.readTree(a.before().orElseThrow())
                          .path("market")
                          .path("trading_pairs")
                          .get(0)
                          .asString())
                  .isEqualTo("BTC-USDT-SWAP");
            });
  }

  @Test
  void
      givenAPartialChange_whenSaved_thenOnlyThatGroupIsAuditedAndTheRestIsKept_andNoChangeSavesNothing() {
    RuntimeSettingsService service = service();
    service.update(JSON.readTree("{\"guardrails\":{\"max_leverage\":3}}"), "a");
    service.update(JSON.readTree("{\"guardrails\":{\"max_leverage\":3}}"), "b");

    assertThat(service.current().guardrails().maxLeverage()).isEqualByComparingTo("3");
    assertThat(service.current().guardrails().maxPositionPct()).isEqualByComparingTo("0.2");
    assertThat(service.audit(10))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.actor()).isEqualTo("a");
              assertThat(JSON.readTree(a.after()).propertyNames()).containsExactly("guardrails");
            });
  }

  @Test
  void
      givenAnInvalidGroupOrCrossGroupRule_whenSaved_thenNothingIsSavedAndTheMessageNamesTheField() {
    RuntimeSettingsService service = service();
    JsonNode before = service.json();

    assertThatThrownBy(
            () ->
                service.update(
                    JSON.readTree(
                        "{\"guardrails\":{\"max_leverage\":3},\"market\":{\"trading_pairs\":[\"BTC-USDT-SWAP\",\"DOGE-USDT-SWAP\"]}}"),
                    "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("market.trading_pairs: [DOGE-USDT-SWAP] is not among OKX's SWAP instruments");
    assertThatThrownBy(
            () ->
                service.update(
                    JSON.readTree(
                        "{\"scheduler\":{\"enabled\":true},\"guardrails\":{\"min_leverage\":9}}"),
                    "x"))
        .isInstanceOfSatisfying(
            InvalidSettingsChangeException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        new FieldError(
                            "guardrails.min_leverage",
                            "max_leverage (5) must be at least min_leverage (9)")));
    assertThatThrownBy(
            () ->
                service.update(
                    JSON.readTree(
                        "{\"reasoning\":{\"active_version\":\"" + UUID.randomUUID() + "\"}}"),
                    "x"))
        .hasMessageContaining("reasoning.active_version: prompt version");
    assertThatThrownBy(
            () ->
                service.update(
                    JSON.readTree(
                        "{\"reasoning\":{\"response_schema_override\":\"{\\\"type\\\":\\\"array\\\"}\"}}"),
                    "x"))
        .hasMessageStartingWith("reasoning.response_schema_override: ");
    assertThatThrownBy(
            () -> service.update(JSON.readTree("{\"scheduler\":{\"interval_seconds\":10}}"), "x"))
        .hasMessage(
            "scheduler.interval_seconds: must be a whole number between 30 and 86400, was 10");
    assertThatThrownBy(() -> service.update(JSON.readTree("{\"risk\":{}}"), "x"))
        .hasMessageStartingWith("risk: not a settings group");
    assertThatThrownBy(
            () -> service.update(JSON.readTree("{\"market\":{\"trading_pairs\":\"BTC\"}}"), "x"))
        .isInstanceOfSatisfying(
            InvalidSettingsChangeException.class,
            e -> assertThat(e.field()).isEqualTo("market.trading_pairs"));

    assertThat(service.json()).isEqualTo(before);
    assertThat(service().json()).as("nothing saved").isEqualTo(before);
    assertThat(service.audit(10)).isEmpty();
    assertThat(marketChanges).isEmpty();
  }

  @Test
  void givenARiskLock_whenTheSchedulerWouldBeSwitchedOn_thenRefusedWith423AndNothingSaved() {
    RuntimeSettingsService service = service();
    new RiskLockRepository(db.jdbc(), db.tx())
        .save(
            new RiskLock(
                RiskLock.KILL_SWITCH,
                true,
                Optional.empty(),
                Optional.empty(),
                Optional.of(CLOCK.instant()),
                Optional.of("operator"),
                CLOCK.instant()));

    assertThatThrownBy(
            () ->
                service.update(
                    JSON.readTree(
                        "{\"scheduler\":{\"enabled\":true},\"guardrails\":{\"max_leverage\":4}}"),
                    "x"))
        .isInstanceOfSatisfying(
            ReasoningException.class,
            e -> assertThat(e.kind()).isEqualTo(ReasoningException.Kind.RISK_LOCKED))
        .hasMessageContaining("kill_switch lock is on");
    assertThat(service.current().scheduler().enabled()).isFalse();
    assertThat(service.current().guardrails().maxLeverage())
        .isEqualByComparingTo(new BigDecimal("5"));
  }

  @Test
  void givenOkxKeysEnteredAtRuntime_whenSaved_thenTheyAreSealedAtRestAndNeverShownOrAudited() {
    RuntimeSettingsService service = service();

    service.update(
        JSON.readTree(
            "{\"okx\":{\"api_key\":\"ak-PLAIN-1\",\"secret_key\":\"sk-PLAIN-2\",\"passphrase\":\"pp-PLAIN-3\"}}"),
        "op");

    String stored =
        db.jdbc()
            .sql("SELECT document FROM settings WHERE name = 'okx'")
            .query(String.class)
            .single();
    assertThat(stored).doesNotContain("PLAIN").contains("v1:");
    assertThat(service.json().path("okx").toString())
        .isEqualTo(
            "{\"demo\":true,\"environment\":\"DEMO\",\"keys\":\"saved\","
                + "\"sub_account\":null,\"master_keys\":\"none\"}");
    assertThat(service.audit(10))
        .singleElement()
        .satisfies(
            a -> assertThat(a.before().orElseThrow() + a.after()).doesNotContain("PLAIN", "v1:"));
    SecretVault vault = new SecretVault(Optional.of(Secret.of("contract-test-secret-key")));
    assertThat(vault.open(service().current().okx().keys().orElseThrow().apiKey()))
        .hasValueSatisfying(k -> assertThat(k.reveal()).isEqualTo("ak-PLAIN-1"));
  }

  @Test
  void
      givenAnEnvironmentSwitch_whenKeysOrTheLiveConfirmationAreMissing_thenRefused_andWithBothItIsSaved() {
    RuntimeSettingsService service = service();
    String liveKeys =
        "\"api_key\":\"live-ak\",\"secret_key\":\"live-sk\",\"passphrase\":\"live-pp\"";

    assertThatThrownBy(
            () ->
                service.update(
                    JSON.readTree("{\"okx\":{\"demo\":false,\"confirm_live\":\"LIVE\"}}"), "op"))
        .hasMessageStartingWith("okx.demo: OKX demo and live trading use different API keys");
    assertThatThrownBy(
            () ->
                service.update(JSON.readTree("{\"okx\":{\"demo\":false," + liveKeys + "}}"), "op"))
        .hasMessage(
            "okx.confirm_live: switching to live trading with real money needs \"confirm_live\": \"LIVE\" in the same change");
    assertThatThrownBy(() -> service.update(JSON.readTree("{\"okx\":{\"api_key\":\"x\"}}"), "op"))
        .hasMessageContaining("give api_key, secret_key and passphrase together");
    assertThatThrownBy(() -> service.update(JSON.readTree("{\"okx\":{\"secret\":\"x\"}}"), "op"))
        .hasMessageStartingWith("okx.secret: not a known field");
    assertThatThrownBy(
            () ->
                service(new SecretVault(Optional.empty()))
                    .update(JSON.readTree("{\"okx\":{" + liveKeys + "}}"), "op"))
        .hasMessageContaining("set TAI2_SECRET_KEY");
    assertThat(service.audit(10)).isEmpty();

    unresolvedOrders.set(1);
    assertThatThrownBy(
            () ->
                service.update(
                    JSON.readTree(
                        "{\"okx\":{\"demo\":false,\"confirm_live\":\"LIVE\"," + liveKeys + "}}"),
                    "op"))
        .hasMessageStartingWith(
            "okx: 1 order(s) are still being settled on the current OKX account");
    unresolvedOrders.set(0);
    service.update(
        JSON.readTree("{\"okx\":{\"demo\":false,\"confirm_live\":\"LIVE\"," + liveKeys + "}}"),
        "op");
    assertThat(service.current().okx().demo()).isFalse();
    assertThat(service.json().path("okx").path("environment").asString()).isEqualTo("LIVE");

    service.update(JSON.readTree("{\"okx\":{\"clear_keys\":true}}"), "op");
    assertThat(service.current().okx())
        .as("back to the environment's flag and keys")
        .isEqualTo(DEMO);
  }

  @Test
  void
      givenASubAccountAndMasterKeys_whenSaved_thenTheNameIsShownAndTheMasterKeysAreSealedNeverShownOrAudited() {
    RuntimeSettingsService service = service();

    service.update(
        JSON.readTree(
            "{\"okx\":{\"sub_account\":\"tai2sub1\",\"master_api_key\":\"mk-PLAIN-1\","
                + "\"master_secret_key\":\"ms-PLAIN-2\",\"master_passphrase\":\"mp-PLAIN-3\"}}"),
        "op");

    String stored =
        db.jdbc()
            .sql("SELECT document FROM settings WHERE name = 'okx'")
            .query(String.class)
            .single();
    assertThat(stored).doesNotContain("PLAIN");
    assertThat(JSON.readTree(stored).path("sub_account").asString()).isEqualTo("tai2sub1");
    assertThat(JSON.readTree(stored).path("master_keys").path("api_key").asString())
        .startsWith("v1:");
    assertThat(service.json().path("okx").toString())
        .isEqualTo(
            "{\"demo\":true,\"environment\":\"DEMO\",\"keys\":\"environment\","
                + "\"sub_account\":\"tai2sub1\",\"master_keys\":\"saved\"}");
    assertThat(service.audit(10))
        .singleElement()
        .satisfies(
            a -> assertThat(a.before().orElseThrow() + a.after()).doesNotContain("PLAIN", "v1:"));
    RuntimeSettingsService restarted = service();
    SecretVault vault = new SecretVault(Optional.of(Secret.of("contract-test-secret-key")));
    assertThat(restarted.current().okx().subAccount()).contains("tai2sub1");
    assertThat(vault.open(restarted.current().okx().masterKeys().orElseThrow().passphrase()))
        .hasValueSatisfying(k -> assertThat(k.reveal()).isEqualTo("mp-PLAIN-3"));
    assertThat(restarted.current().okx().keys()).as("the trading keys are not touched").isEmpty();

    restarted.update(
        JSON.readTree("{\"okx\":{\"sub_account\":\"\",\"clear_master_keys\":true}}"), "op");
    assertThat(restarted.current().okx()).isEqualTo(DEMO);
  }

  @Test
  void
      givenBadSubAccountOrPartialMasterKeys_whenSaved_thenEachIsRefusedByItsFieldAndNothingIsSaved() {
    RuntimeSettingsService service = service();

    assertThatThrownBy(
            () -> service.update(JSON.readTree("{\"okx\":{\"sub_account\":\"desk one\"}}"), "op"))
        .isInstanceOfSatisfying(
            InvalidSettingsChangeException.class,
            e -> assertThat(e.field()).isEqualTo("okx.sub_account"));
    assertThatThrownBy(
            () ->
                service.update(
                    JSON.readTree(
                        "{\"okx\":{\"master_api_key\":\"mk\",\"master_secret_key\":\"ms\"}}"),
                    "op"))
        .isInstanceOfSatisfying(
            InvalidSettingsChangeException.class,
            e -> assertThat(e.field()).isEqualTo("okx.master_passphrase"))
        .hasMessageContaining(
            "give master_api_key, master_secret_key and master_passphrase together");
    assertThatThrownBy(
            () ->
                service.update(
                    JSON.readTree(
                        "{\"okx\":{\"clear_master_keys\":true,\"master_api_key\":\"a\","
                            + "\"master_secret_key\":\"b\",\"master_passphrase\":\"c\"}}"),
                    "op"))
        .isInstanceOfSatisfying(
            InvalidSettingsChangeException.class,
            e -> assertThat(e.field()).isEqualTo("okx.clear_master_keys"));
    assertThat(service.audit(10)).isEmpty();
  }

  @Test
  void givenMasterKeysOfTheDemoAccount_whenTheEnvironmentSwitchesToLive_thenTheyAreDropped() {
    RuntimeSettingsService service = service();
    service.update(
        JSON.readTree(
            "{\"okx\":{\"master_api_key\":\"mk\",\"master_secret_key\":\"ms\",\"master_passphrase\":\"mp\"}}"),
        "op");

    service.update(
        JSON.readTree(
            "{\"okx\":{\"demo\":false,\"confirm_live\":\"LIVE\",\"api_key\":\"la\",\"secret_key\":\"ls\","
                + "\"passphrase\":\"lp\"}}"),
        "op");

    assertThat(service.current().okx().masterKeys())
        .as("demo master keys cannot serve the live account")
        .isEmpty();
  }

  @Test
  void
      givenTheTradingAccountGateRefuses_whenLiveExecutionIsSwitchedOn_thenRefusedByExecutionEnabledAndOtherChangesStillGo() {
    RuntimeSettingsService service = service();
    accountRefusal = Optional.of("the keys belong to sub-account tai2sub1, not tai2sub2");

    assertThatThrownBy(
            () -> service.update(JSON.readTree("{\"execution\":{\"enabled\":true}}"), "op"))
        .isInstanceOfSatisfying(
            InvalidSettingsChangeException.class,
            e -> {
              assertThat(e.field()).isEqualTo("execution.enabled");
              assertThat(e.getMessage())
                  .contains(
                      "live execution stays off: the keys belong to sub-account tai2sub1, not tai2sub2");
            });
    assertThat(service.current().execution().enabled()).isFalse();
    service.update(JSON.readTree("{\"guardrails\":{\"max_leverage\":4}}"), "op");
    assertThat(service.current().guardrails().maxLeverage())
        .isEqualByComparingTo(new BigDecimal("4"));

    accountRefusal = Optional.empty();
    service.update(JSON.readTree("{\"execution\":{\"enabled\":true}}"), "op");
    assertThat(service.current().execution().enabled()).isTrue();
  }

  /** Every value in {@code expected} is in {@code actual} (numbers by value, objects field by field). */
  static void assertSameValues(JsonNode expected, JsonNode actual, String path) {
    if (expected.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        assertSameValues(e.getValue(), actual.path(e.getKey()), path + "." + e.getKey());
      }
    } else if (expected.isNumber()) {
      assertThat(actual.isNumber()).as(path).isTrue();
      assertThat(actual.decimalValue()).as(path).isEqualByComparingTo(expected.decimalValue());
    } else if (expected.isArray()) {
      assertThat(actual.size()).as(path).isEqualTo(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        assertSameValues(expected.get(i), actual.get(i), path + "[" + i + "]");
      }
    } else {
      assertThat(actual).as(path).isEqualTo(expected);
    }
  }
}
