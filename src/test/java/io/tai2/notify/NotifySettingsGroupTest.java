package io.tai2.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.FieldError;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.InvalidSettingsChangeException;
import io.tai2.config.MarketRuntimeSettings;
import io.tai2.config.NotificationSettings;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.SchedulerSettings;
import io.tai2.config.Secret;
import io.tai2.config.SecretVault;
import io.tai2.config.SettingsDocument;
import io.tai2.config.TradingAccountGate;
import io.tai2.history.RiskLockRepository;
import io.tai2.history.SettingsRepository;
import io.tai2.market.MarketSettings;
import io.tai2.settings.RuntimeSettings;
import io.tai2.settings.RuntimeSettingsService;
import io.tai2.testsupport.SettingsGroupsFixture;
import io.tai2.testsupport.TestDatabase;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * The {@code notify} group through the whole-settings service, as {@code PUT /api/settings} uses it: every refused field
 * named by its path with nothing saved; the secrets sealed, never stored, shown nor audited in the clear; another
 * Telegram chat is a risky change.
 */
class NotifySettingsGroupTest {

  static final TestDatabase DB = TestDatabase.h2();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
  static final String TOKEN = "987654321:AAF-the-bot-token-value";
  static final String CHAT = "-1001234567890";
  static final String HOOK = "https://hooks.slack.example/services/T000/B000/secret-path";
  static final NotificationSettings ENV =
      new NotificationSettings(
          Optional.of(Secret.of("111:env-token")),
          Optional.of("555"),
          URI.create("https://api.telegram.org"),
          List.of(Secret.of("https://env.example/hook")),
          List.of("all"),
          120,
          3);

  SettingsDocument<NotifySettings> document;
  RuntimeSettingsService service;
  final List<String> risks = new ArrayList<>();
  final RuntimeSettingsService.Approval approval =
      new RuntimeSettingsService.Approval() {
        @Override
        public void check(RuntimeSettings before, RuntimeSettings after) {
          throw new AssertionError("the service passes the group's risks");
        }

        @Override
        public void check(RuntimeSettings before, RuntimeSettings after, List<String> groupRisks) {
          risks.addAll(groupRisks);
        }
      };

  @BeforeEach
  void fresh() {
    DB.jdbc().sql("DELETE FROM settings").update();
    DB.jdbc().sql("DELETE FROM settings_audit").update();
    service = service(Optional.of(Secret.of("notify-group-test-secret-key")));
  }

  RuntimeSettingsService service(Optional<Secret> secretKey) {
    SettingsRepository repo = new SettingsRepository(DB.jdbc(), DB.tx());
    MarketRuntimeSettings m =
        new MarketRuntimeSettings(List.of("BTC-USDT-SWAP"), Duration.ofSeconds(5), true, 24);
    GuardrailSettings g = GuardrailSettings.defaults(Duration.ofSeconds(900));
    ExecutionSettings e = ExecutionSettings.defaults();
    SchedulerSettings s = SchedulerSettings.defaults();
    OkxRuntimeSettings o = new OkxRuntimeSettings(true, Optional.empty());
    NotifySettings defaults = NotifySettings.of(ENV);
    SecretVault vault = new SecretVault(secretKey);
    document =
        new SettingsDocument<>(
                repo,
                "notify",
                defaults,
                NotifySettings::write,
                json -> NotifySettings.read(json, defaults),
                CLOCK)
            .shownAs(x -> NotifySettings.writePublic(x, ENV));
    return new RuntimeSettingsService(
        SettingsGroupsFixture.defaults(
            repo,
            CLOCK,
            List.of("BTC-USDT-SWAP"),
            List.of(new NotifySettingsGroup(document, vault))),
        vault,
        true,
        repo,
        new RiskLockRepository(DB.jdbc(), DB.tx()),
        new RuntimeSettingsService.Checks(
            () -> Optional.of((Predicate<String>) Set.of("BTC-USDT-SWAP")::contains),
            id -> false,
            () -> 0,
            Optional::empty,
            MarketSettings.defaults()::timeframes,
            TradingAccountGate.OPEN));
  }

  List<FieldError> refused(String body) {
    String before = service.json().toString();
    InvalidSettingsChangeException e =
        catchThrowableOfType(
            InvalidSettingsChangeException.class, () -> service.update(body, "x", approval));
    assertThat(e).as("refused: " + body).isNotNull();
    assertThat(service.json().toString()).as("nothing changed").isEqualTo(before);
    assertThat(service.audit(10)).as("nothing audited").isEmpty();
    return e.errors();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"notify\":{\"events\":{\"fills\":true}}}                                              | notify.events.fills | not an event",
        "{\"notify\":{\"events\":{\"test\":true}}}                                               | notify.events.test | not an event",
        "{\"notify\":{\"events\":{\"exit\":\"false\"}}}                                          | notify.events.exit | true or false",
        "{\"notify\":{\"stale_data_seconds\":5}}                                                 | notify.stale_data_seconds | between 10 and 86400",
        "{\"notify\":{\"stale_data_seconds\":\"120\"}}                                           | notify.stale_data_seconds | a whole number",
        "{\"notify\":{\"stale_data_seconds\":120.5}}                                             | notify.stale_data_seconds | a whole number",
        "{\"notify\":{\"llm_failures_in_a_row\":0}}                                              | notify.llm_failures_in_a_row | between 1 and 100",
        "{\"notify\":{\"telegram_bot_token\":\"123:abc\"}}                                       | notify.telegram_chat_id | together",
        "{\"notify\":{\"telegram_chat_id\":\"777\"}}                                             | notify.telegram_bot_token | together",
        "{\"notify\":{\"telegram_bot_token\":\"no token\",\"telegram_chat_id\":\"777\"}}         | notify.telegram_bot_token | bot token",
        "{\"notify\":{\"telegram_bot_token\":\"123:abc\",\"telegram_chat_id\":\"my chat\"}}      | notify.telegram_chat_id | numeric chat id",
        "{\"notify\":{\"webhook_urls\":[\"https://ok.example/x\",\"ftp://files.example/x\"]}}    | notify.webhook_urls.1 | absolute http or https URL",
        "{\"notify\":{\"webhook_urls\":\"https://ok.example/x\"}}                                | notify.webhook_urls | a list",
        "{\"notify\":{\"webhook_urls\":null}}                                                    | notify.webhook_urls | must not be null",
        "{\"notify\":{\"clear_telegram\":true,\"telegram_bot_token\":\"1:a\",\"telegram_chat_id\":\"7\"}} | notify.clear_telegram | contradict",
        "{\"notify\":{\"telegram\":\"saved\"}}                                                   | notify.telegram | not a known field",
      })
  void givenABadNotifyField_whenSaved_thenRefusedNamingItsPathAndNothingSaved(
      String body, String path, String why) {
    assertThat(refused(body))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo(path);
              assertThat(e.message()).contains(why);
            });
  }

  @Test
  void givenErrorsInNotifyAndAnotherGroup_whenSaved_thenBothAreReportedTogether() {
    assertThat(
            refused(
                "{\"notify\":{\"llm_failures_in_a_row\":101},\"scheduler\":{\"interval_seconds\":1}}"))
        .extracting(FieldError::path)
        .containsExactlyInAnyOrder("notify.llm_failures_in_a_row", "scheduler.interval_seconds");
  }

  @Test
  void givenNoSecretKey_whenABotIsSaved_thenRefusedWithWhatToDo() {
    service = service(Optional.empty());
    assertThat(
            refused(
                "{\"notify\":{\"telegram_bot_token\":\""
                    + TOKEN
                    + "\",\"telegram_chat_id\":\""
                    + CHAT
                    + "\"}}"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("notify.telegram_bot_token");
              assertThat(e.message()).contains("set TAI2_SECRET_KEY").doesNotContain(TOKEN);
            });
  }

  @Test
  void
      givenABotWebhooksAndSwitches_whenSaved_thenTheSecretsAreSealedEverywhereButOpenToTheValuesGivenAndTheChangeIsRisky() {
    service.update(
        "{\"notify\":{\"telegram_bot_token\":\""
            + TOKEN
            + "\",\"telegram_chat_id\":\""
            + CHAT
            + "\",\"webhook_urls\":[\""
            + HOOK
            + "\",\"http://127.0.0.1:9/h\"],\"events\":{\"daily_summary\":false},\"stale_data_seconds\":300}}",
        "operator",
        approval);

    assertThat(risks).containsExactly(NotifySettingsGroup.TELEGRAM_CHANGED);
    String stored =
        DB.jdbc()
            .sql("SELECT document FROM settings WHERE name = 'notify'")
            .query(String.class)
            .single();
    String audit = service.audit(1).getFirst().toString();
    JsonNode shown = service.json().path("notify");
    for (String secret : List.of(TOKEN, "AAF-the-bot-token-value", CHAT, HOOK, "secret-path")) {
      assertThat(stored).as("stored").doesNotContain(secret);
      assertThat(audit).as("audited").doesNotContain(secret);
      assertThat(shown.toString()).as("shown").doesNotContain(secret);
    }
    assertThat(stored).contains("\"bot_token\":\"v1:");
    assertThat(shown.path("telegram").asString()).isEqualTo("saved");
    assertThat(shown.path("webhooks").asString()).isEqualTo("saved");
    assertThat(shown.path("webhook_count").asInt()).isEqualTo(2);
    assertThat(shown.path("stale_data_seconds").asInt()).isEqualTo(300);
    assertThat(shown.path("events").path("daily_summary").asBoolean()).isFalse();
    assertThat(shown.path("events").path("exit").asBoolean()).isTrue();
    assertThat(shown.path("events").has("test")).as("the test message is no event").isFalse();

    NotifyTargets targets =
        NotifyTargets.of(
            document.current(),
            ENV,
            new SecretVault(Optional.of(Secret.of("notify-group-test-secret-key"))));
    assertThat(targets.telegram())
        .hasValueSatisfying(
            t -> {
              assertThat(t.token().reveal()).isEqualTo(TOKEN);
              assertThat(t.chatId()).isEqualTo(CHAT);
            });
    assertThat(targets.webhooks())
        .extracting(Secret::reveal)
        .containsExactly(HOOK, "http://127.0.0.1:9/h");
  }

  @Test
  void givenNothingSaved_whenTargetsAreRead_thenTheEnvironmentsAreUsedAndShownAsSuch() {
    NotifyTargets targets =
        NotifyTargets.of(document.current(), ENV, new SecretVault(Optional.empty()));

    assertThat(targets.telegram()).hasValueSatisfying(t -> assertThat(t.chatId()).isEqualTo("555"));
    assertThat(targets.webhooks())
        .extracting(Secret::reveal)
        .containsExactly("https://env.example/hook");
    assertThat(service.json().path("notify").path("telegram").asString()).isEqualTo("environment");
    assertThat(service.json().path("notify").path("webhooks").asString()).isEqualTo("environment");
  }

  @Test
  void
      givenASavedBot_whenClearedOrOnlySwitchesChange_thenOnlyTheClearIsRiskyAndItGoesBackToTheEnvironment() {
    service.update(
        "{\"notify\":{\"telegram_bot_token\":\""
            + TOKEN
            + "\",\"telegram_chat_id\":\""
            + CHAT
            + "\"}}",
        "operator",
        approval);
    risks.clear();

    service.update(
        "{\"notify\":{\"events\":{\"exit\":false},\"llm_failures_in_a_row\":5}}",
        "operator",
        approval);
    assertThat(risks).isEmpty();
    assertThat(document.current().telegram()).as("kept").isPresent();

    service.update("{\"notify\":{\"clear_telegram\":true}}", "operator", approval);
    assertThat(risks).containsExactly(NotifySettingsGroup.TELEGRAM_CHANGED);
    assertThat(service.json().path("notify").path("telegram").asString()).isEqualTo("environment");
    assertThat(document.current().events())
        .doesNotContain(NotificationKind.EXIT)
        .contains(NotificationKind.ENTRY_FILLED);
    assertThat(document.current().llmFailuresInARow()).isEqualTo(5);
  }
}
