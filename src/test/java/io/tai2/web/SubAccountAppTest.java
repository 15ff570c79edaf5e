package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.okx.AccountConfig;
import io.tai2.okx.OkxClientConfig;
import io.tai2.okx.OkxKeys;
import io.tai2.okx.OkxRestClient;
import io.tai2.okx.OkxTrading;
import io.tai2.sim.FakeLlm;
import io.tai2.sim.SimAccount;
import io.tai2.sim.SimFaults;
import io.tai2.sim.SimJournal;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import io.tai2.testsupport.HttpProbe;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * tai2 trading an OKX sub-account with that sub-account's own keys, against the simulator with a master and two
 * sub-accounts: the check of the keys against the declared sub-account (unconfirmed, confirmed with the master keys, a
 * mismatch that keeps live execution off), orders on the sub-account's book, master ⇄ sub transfers that move both
 * balances by exactly the amount and never twice, every refusal as a problem naming its field, and the master keys in no
 * response, page, database row or log line.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "TAI2_API_TOKEN=sub-token-123",
      "TAI2_ADMIN_PASSWORD=sub-admin-pass",
      "TAI2_SECRET_KEY=sub-account-test-sealing-key",
      "DATABASE_URL=jdbc:h2:mem:subaccountapp;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubAccountAppTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final String[] AUTH = {"Authorization", "Bearer sub-token-123"};
  static final SimAccount MASTER =
      new SimAccount("mk-MASTERSECRET1", "ms-MASTERSECRET2", "mp-MASTERSECRET3", true, false);
  static final SimAccount SUB1 =
      SimAccount.sub(
          "sk1-sub-key", "ss1-sub-secret", "sp1-sub-pass", true, MASTER.apiKey(), "tai2sub1");
  static final SimAccount SUB2 =
      SimAccount.sub(
          "sk2-sub-key", "ss2-sub-secret", "sp2-sub-pass", true, MASTER.apiKey(), "tai2sub2");
  static final List<String> MASTER_SECRETS =
      List.of("MASTERSECRET1", "MASTERSECRET2", "MASTERSECRET3");
  static final String MASTER_KEYS =
      "\"master_api_key\":\""
          + MASTER.apiKey()
          + "\",\"master_secret_key\":\""
          + MASTER.secretKey()
          + "\",\"master_passphrase\":\""
          + MASTER.passphrase()
          + "\"";

  /** Everything the service answered in this run, searched for the master keys at the end. */
  static final StringBuilder SERVED = new StringBuilder();

  /** Every log line of the run (each test's own output is kept as it ends). */
  static final StringBuilder LOGS = new StringBuilder();

  static SimServer sim;
  static SimRestApi api;
  static FakeLlm llm;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    SimMarket market = SimMarket.randomWalk(Clock.systemUTC(), 11, 3_000, 1_440);
    api =
        new SimRestApi(
            Clock.systemUTC(),
            market,
            Map.of(MASTER.apiKey(), MASTER, SUB1.apiKey(), SUB1, SUB2.apiKey(), SUB2),
            new BigDecimal("10000"));
    api.exchange().setFunding(MASTER.apiKey(), new BigDecimal("5000"));
    llm = new FakeLlm(Clock.systemUTC(), "llm-key");
    sim = new SimServer(api, market, llm, 0);
    String ws = "ws://127.0.0.1:" + sim.port() + "/ws/v5/";
    registry.add("OKX_BASE_URL", () -> "http://127.0.0.1:" + sim.port());
    registry.add("OKX_WS_PUBLIC_URL", () -> ws + "public");
    registry.add("OKX_WS_PRIVATE_URL", () -> ws + "private");
    registry.add("OKX_WS_BUSINESS_URL", () -> ws + "business");
    registry.add("OKX_API_KEY", SUB1::apiKey);
    registry.add("OKX_SECRET_KEY", SUB1::secretKey);
    registry.add("OKX_PASSPHRASE", SUB1::passphrase);
    registry.add("OKX_SUB_ACCOUNT", () -> "tai2sub1");
    registry.add("OPENROUTER_API_KEY", () -> "llm-key");
    registry.add("OPENROUTER_BASE_URL", () -> "http://127.0.0.1:" + sim.port() + "/api/v1");
    registry.add("TRADING_PAIRS", () -> BTC);
  }

  @AfterEach
  void keepLog(CapturedOutput output) {
    LOGS.append(output.getAll());
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  static OkxTrading okx(SimAccount account) {
    return new OkxTrading(
        new OkxRestClient(
            new OkxClientConfig(
                URI.create("http://127.0.0.1:" + sim.port()),
                Optional.of(
                    new OkxKeys(account.apiKey(), account.secretKey(), account.passphrase())),
                true,
                Duration.ofSeconds(10)),
            HttpClient.newHttpClient(),
            Clock.systemUTC()));
  }

  HttpProbe http() {
    return new HttpProbe(port);
  }

  static JsonNode json(HttpResponse<String> r) {
    SERVED.append(r.body()).append(r.headers().map());
    return HttpProbe.JSON.readTree(r.body());
  }

  JsonNode status() {
    HttpResponse<String> r = http().get("/api/okx/sub-account", AUTH);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r);
  }

  HttpResponse<String> transfer(String body, String... headers) {
    HttpResponse<String> r =
        http()
            .postJson("/api/okx/sub-account/transfer", body, headers.length == 0 ? AUTH : headers);
    SERVED.append(r.body());
    return r;
  }

  static long transfersSent() {
    return api.journal().count("POST", "/api/v5/asset/transfer");
  }

  static BigDecimal at(JsonNode balances, String field) {
    return balances.path(field).decimalValue();
  }

  @Test
  @Order(1)
  void
      givenTheSubAccountsKeysAndNoMasterKeys_whenChecked_thenTheyMatchUnconfirmedAndTransfersNeedTheMasterKeys() {
    AccountConfig sub = okx(SUB1).accountConfig();

    JsonNode s = status();

    assertThat(s.path("sub_account").asString()).isEqualTo("tai2sub1");
    assertThat(s.path("check").path("verdict").asString()).isEqualTo("matches");
    assertThat(s.path("check").path("confirmed").asBoolean()).isFalse();
    assertThat(s.path("check").path("uid").asString()).isEqualTo(sub.uid());
    assertThat(s.path("check").path("main_uid").asString())
        .isEqualTo(okx(MASTER).accountConfig().uid());
    assertThat(s.path("live_entries").asString()).isEqualTo("allowed");
    assertThat(s.path("master_keys").asString()).isEqualTo("none");
    assertThat(s.path("balances").isNull()).isTrue();

    HttpResponse<String> r =
        transfer("{\"direction\":\"master_to_sub\",\"amount\":10,\"client_id\":\"nokeys1\"}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
    assertThat(json(r).path("field").asString()).isEqualTo("master_keys");
    assertThat(json(r).path("detail").asString())
        .contains("only with the master account's API keys");
    assertThat(transfersSent()).isZero();
  }

  @Test
  @Order(2)
  void givenTheMasterKeysSaved_whenChecked_thenTheNameIsConfirmedAndBothSidesBalancesShow() {
    HttpResponse<String> saved =
        http().putJson("/api/settings", "{\"okx\":{" + MASTER_KEYS + "}}", AUTH);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    assertThat(json(saved).path("okx").path("master_keys").asString()).isEqualTo("saved");

    JsonNode s = status();

    assertThat(s.path("check").path("verdict").asString()).isEqualTo("matches");
    assertThat(s.path("check").path("confirmed").asBoolean()).as(s.toString()).isTrue();
    JsonNode b = s.path("balances");
    assertThat(at(b, "master_funding_usdt")).isEqualByComparingTo("5000");
    assertThat(at(b, "master_trading_usdt")).isEqualByComparingTo("10000");
    assertThat(at(b, "sub_trading_usdt")).isEqualByComparingTo("10000");
    assertThat(at(b, "sub_funding_usdt")).isEqualByComparingTo("0");
  }

  @Test
  @Order(3)
  void
      givenLiveExecution_whenTheLlmSaysBuy_thenTheOrderGoesWithTheSubAccountsKeyToItsBookAndTheMasterKeyNeverTrades()
          throws Exception {
    HttpProbe http = http();
    BigDecimal price = http.awaitPromptReady(BTC, AUTH).path("price").decimalValue();
    HttpResponse<String> live =
        http.putJson(
            "/execution/settings",
            "{\"execution\":{\"enabled\":true},\"guardrails\":{\"min_hold_seconds\":0,"
                + "\"max_trades_per_hour\":0}}",
            AUTH);
    assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
    llm.enqueueReply(buy(price));

    JsonNode cycle = json(http.postForm("/llm/execute?symbol=" + BTC, "", AUTH));

    assertThat(cycle.path("execution").path("kind").asString())
        .as(cycle.toString())
        .isEqualTo("filled");
    assertThat(okx(SUB1).positions(Optional.of(BTC)))
        .as("on the sub-account's book")
        .singleElement()
        .satisfies(p -> assertThat(p.pos().signum()).isPositive());
    assertThat(okx(MASTER).positions(Optional.empty())).as("nothing on the master's").isEmpty();
    assertThat(okx(SUB2).positions(Optional.empty()))
        .as("nothing on the other sub-account's")
        .isEmpty();
    List<SimJournal.Entry> orders =
        api.journal().entries().stream()
            .filter(e -> e.target().startsWith("/api/v5/trade/"))
            .toList();
    assertThat(orders)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.apiKey()).isEqualTo(SUB1.apiKey()));

    llm.enqueueReply(
        "{\"action\":\"CLOSE\",\"confidence\":0.8,\"equity_pct\":null,\"position_size\":null,\"risk_score\":0.2,"
            + "\"stop_loss\":null,\"take_profit\":null,\"rationale\":\"flat again\",\"timeframe_alignment\":null,\"notes\":null,\"tags\":[]}");
    assertThat(
            json(http.postForm("/llm/execute?symbol=" + BTC, "", AUTH))
                .path("execution")
                .path("kind")
                .asString())
        .isEqualTo("filled");
  }

  static String buy(BigDecimal price) {
    return "{\"action\":\"BUY\",\"confidence\":0.6,\"equity_pct\":0.05,\"position_size\":null,\"risk_score\":0.3,\"stop_loss\":"
        + price.multiply(new BigDecimal("0.97")).setScale(1, RoundingMode.DOWN)
        + ",\"take_profit\":null,\"rationale\":\"probe\","
        + "\"timeframe_alignment\":null,\"notes\":null,\"tags\":[]}";
  }

  @Test
  @Order(4)
  void
      givenTransfersBothWays_whenMade_thenBothBalancesMoveByExactlyTheAmount_andARetryWithTheSameClientIdMovesNothing() {
    JsonNode before = status().path("balances");
    long sent = transfersSent();

    HttpResponse<String> in =
        transfer("{\"direction\":\"master_to_sub\",\"amount\":250.5,\"client_id\":\"inA1\"}");

    assertThat(in.statusCode()).as(in.body()).isEqualTo(200);
    JsonNode afterIn = json(in).path("balances");
    assertThat(json(in).path("transfer").path("state").asString()).isEqualTo("done");
    assertThat(json(in).path("transfer").path("trans_id").asString()).isNotBlank();
    assertThat(at(afterIn, "master_funding_usdt"))
        .isEqualByComparingTo(at(before, "master_funding_usdt").subtract(new BigDecimal("250.5")));
    assertThat(at(afterIn, "sub_trading_usdt"))
        .isEqualByComparingTo(at(before, "sub_trading_usdt").add(new BigDecimal("250.5")));
    assertThat(at(afterIn, "master_trading_usdt"))
        .isEqualByComparingTo(at(before, "master_trading_usdt"));

    HttpResponse<String> out =
        transfer(
            "{\"direction\":\"sub_to_master\",\"amount\":100.25,\"master_account\":\"trading\",\"client_id\":\"outB2\"}");

    assertThat(out.statusCode()).as(out.body()).isEqualTo(200);
    JsonNode afterOut = json(out).path("balances");
    assertThat(at(afterOut, "sub_trading_usdt"))
        .isEqualByComparingTo(at(afterIn, "sub_trading_usdt").subtract(new BigDecimal("100.25")));
    assertThat(at(afterOut, "master_trading_usdt"))
        .isEqualByComparingTo(at(afterIn, "master_trading_usdt").add(new BigDecimal("100.25")));
    assertThat(at(afterOut, "master_funding_usdt"))
        .isEqualByComparingTo(at(afterIn, "master_funding_usdt"));
    assertThat(transfersSent()).isEqualTo(sent + 2);

    HttpResponse<String> again =
        transfer("{\"direction\":\"master_to_sub\",\"amount\":250.50,\"client_id\":\"inA1\"}");

    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(json(again).path("replayed").asBoolean()).isTrue();
    assertThat(transfersSent()).as("a retry never sends again").isEqualTo(sent + 2);
    assertThat(at(json(again).path("balances"), "sub_trading_usdt"))
        .isEqualByComparingTo(at(afterOut, "sub_trading_usdt"));

    HttpResponse<String> reused =
        transfer("{\"direction\":\"master_to_sub\",\"amount\":999,\"client_id\":\"inA1\"}");
    assertThat(reused.statusCode()).isEqualTo(409);
    assertThat(json(reused).path("field").asString()).isEqualTo("client_id");
    assertThat(transfersSent()).isEqualTo(sent + 2);

    JsonNode ledger = json(http().get("/api/okx/sub-account/transfers?limit=5", AUTH));
    assertThat(ledger.get(0).path("client_id").asString()).isEqualTo("outB2");
    assertThat(ledger.get(0).path("direction").asString()).isEqualTo("sub_to_master");
    assertThat(ledger.get(0).path("master_account").asString()).isEqualTo("trading");
    assertThat(ledger.get(1).path("amount").decimalValue()).isEqualByComparingTo("250.5");
    assertThat(ledger.get(1).path("environment").asString()).isEqualTo("DEMO");
  }

  @Test
  @Order(5)
  void
      givenBadInput_whenTransferred_thenEachIsAProblemNamingItsField_andMoreThanAvailableIs422_andNothingIsSent() {
    long sent = transfersSent();
    Map<String, String> bad =
        Map.of(
            "{\"direction\":\"sideways\",\"amount\":1,\"client_id\":\"x1\"}", "direction",
            "{\"direction\":\"master_to_sub\",\"amount\":-1,\"client_id\":\"x2\"}", "amount",
            "{\"direction\":\"master_to_sub\",\"amount\":\"5\",\"client_id\":\"x3\"}", "amount",
            "{\"direction\":\"master_to_sub\",\"amount\":0.123456789,\"client_id\":\"x4\"}",
                "amount",
            "{\"direction\":\"master_to_sub\",\"amount\":1}", "client_id",
            "{\"direction\":\"master_to_sub\",\"amount\":1,\"client_id\":\"has space\"}",
                "client_id",
            "{\"direction\":\"master_to_sub\",\"amount\":1,\"master_account\":\"spot\",\"client_id\":\"x5\"}",
                "master_account",
            "{\"direction\":\"master_to_sub\",\"amount\":1,\"client_id\":\"x6\",\"sub_acct\":\"tai2sub2\"}",
                "sub_acct");
    bad.forEach(
        (body, field) -> {
          HttpResponse<String> r = transfer(body);
          assertThat(r.statusCode()).as(body + " → " + r.body()).isEqualTo(400);
          assertThat(json(r).path("field").asString()).as(body).isEqualTo(field);
        });

    HttpResponse<String> tooMuch =
        transfer("{\"direction\":\"sub_to_master\",\"amount\":1000000,\"client_id\":\"x7\"}");

    assertThat(tooMuch.statusCode()).as(tooMuch.body()).isEqualTo(422);
    assertThat(json(tooMuch).path("field").asString()).isEqualTo("amount");
    assertThat(json(tooMuch).path("detail").asString())
        .contains("USDT is available in sub-account tai2sub1's trading account");
    assertThat(transfersSent()).isEqualTo(sent);
  }

  @Test
  @Order(6)
  void
      givenOkxRefusesOrLosesTheAnswer_whenTransferred_thenItsCodeIsPassedOn_andALostAnswerIsSettledByClientIdWithoutResending() {
    api.faults()
        .arm(
            new SimFaults.Fault(
                "POST",
                "/api/v5/asset/transfer",
                SimFaults.Kind.OKX_CODE,
                1,
                Duration.ZERO,
                "58111",
                "Funds transfer is frozen"));

    HttpResponse<String> refused =
        transfer("{\"direction\":\"master_to_sub\",\"amount\":5,\"client_id\":\"frozen1\"}");

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    assertThat(json(refused).path("okx_code").asString()).isEqualTo("58111");
    assertThat(json(refused).path("okx_message").asString()).isEqualTo("Funds transfer is frozen");
    assertThat(
            json(http().get("/api/okx/sub-account/transfers?limit=1", AUTH))
                .get(0)
                .path("state")
                .asString())
        .isEqualTo("refused");

    JsonNode before = status().path("balances");
    long sent = transfersSent();
    api.faults()
        .arm(
            SimFaults.Fault.of(
                "POST", "/api/v5/asset/transfer", SimFaults.Kind.ACCEPT_THEN_DROP, 1));

    HttpResponse<String> lost =
        transfer("{\"direction\":\"master_to_sub\",\"amount\":7.5,\"client_id\":\"lost1\"}");

    assertThat(lost.statusCode())
        .as("OKX did the transfer; its answer was lost; tai2 asked by client id: " + lost.body())
        .isEqualTo(200);
    assertThat(json(lost).path("transfer").path("state").asString()).isEqualTo("done");
    assertThat(transfersSent()).isEqualTo(sent + 1);
    assertThat(api.journal().count("GET", "/api/v5/asset/transfer-state")).isPositive();
    assertThat(at(json(lost).path("balances"), "sub_trading_usdt"))
        .isEqualByComparingTo(at(before, "sub_trading_usdt").add(new BigDecimal("7.5")));
  }

  @Test
  @Order(7)
  void
      givenALoginSession_whenTransferredWithoutOrWithAWrongPassword_then403NamingThePasswordAndNothingMoves() {
    HttpProbe session = http();
    session.postForm(
        "/login",
        "username=admin&password=sub-admin-pass&_csrf="
            + HttpProbe.csrfToken(session.get("/login").body()));
    String csrf = HttpProbe.csrfToken(session.get("/cfg").body());
    long sent = transfersSent();

    HttpResponse<String> missing =
        session.postJson(
            "/api/okx/sub-account/transfer",
            "{\"direction\":\"master_to_sub\",\"amount\":3,\"client_id\":\"pw1\"}",
            "X-CSRF-TOKEN",
            csrf);
    HttpResponse<String> wrong =
        session.postJson(
            "/api/okx/sub-account/transfer",
            "{\"direction\":\"master_to_sub\",\"amount\":3,\"client_id\":\"pw1\",\"password\":\"guess\"}",
            "X-CSRF-TOKEN",
            csrf);

    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(json(missing).path("field").asString()).isEqualTo("password");
    assertThat(json(missing).path("detail").asString()).contains(SubAccountController.TRANSFER);
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(json(wrong).path("detail").asString()).contains("the password was wrong");
    assertThat(transfersSent()).isEqualTo(sent);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM subaccount_transfers WHERE client_id = 'pw1'")
                .query(Long.class)
                .single())
        .isZero();

    HttpResponse<String> right =
        session.postJson(
            "/api/okx/sub-account/transfer",
            "{\"direction\":\"master_to_sub\",\"amount\":3,\"client_id\":\"pw1\",\"password\":\"sub-admin-pass\"}",
            "X-CSRF-TOKEN",
            csrf);

    assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
    assertThat(json(right).path("transfer").path("actor").asString()).isEqualTo("admin");
    assertThat(transfersSent()).isEqualTo(sent + 1);
  }

  @Test
  @Order(8)
  void
      givenAnotherSubAccountDeclared_whenChecked_thenTheMismatchIsShown_liveExecutionCannotGoOn_entriesAndTransfersAreRefused()
          throws Exception {
    HttpProbe http = http();
    assertThat(
            http.putJson("/execution/settings", "{\"execution\":{\"enabled\":false}}", AUTH)
                .statusCode())
        .isEqualTo(200);
    assertThat(
            http.putJson("/api/settings", "{\"okx\":{\"sub_account\":\"tai2sub2\"}}", AUTH)
                .statusCode())
        .isEqualTo(200);

    JsonNode s = status();

    assertThat(s.path("check").path("verdict").asString()).isEqualTo("mismatch");
    assertThat(s.path("live_entries").asString()).isEqualTo("refused");
    assertThat(s.path("check").path("message").asString())
        .startsWith("the trading keys are not sub-account tai2sub2's")
        .contains(okx(SUB1).accountConfig().uid())
        .contains(okx(SUB2).accountConfig().uid());

    HttpResponse<String> enable =
        http.putJson("/execution/settings", "{\"execution\":{\"enabled\":true}}", AUTH);
    assertThat(enable.statusCode()).as(enable.body()).isEqualTo(400);
    assertThat(json(enable).path("field").asString()).isEqualTo("execution.enabled");
    assertThat(json(enable).path("detail").asString())
        .contains("live execution stays off")
        .contains("not sub-account tai2sub2's");

    HttpResponse<String> moved =
        transfer("{\"direction\":\"master_to_sub\",\"amount\":1,\"client_id\":\"mis1\"}");
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(409);
    assertThat(json(moved).path("detail").asString()).contains("confirmed with the master keys");

    // live execution switched on while the names matched, then another sub-account declared:
    // entries are refused
    assertThat(
            http.putJson("/api/settings", "{\"okx\":{\"sub_account\":\"tai2sub1\"}}", AUTH)
                .statusCode())
        .isEqualTo(200);
    assertThat(
            http.putJson("/execution/settings", "{\"execution\":{\"enabled\":true}}", AUTH)
                .statusCode())
        .isEqualTo(200);
    assertThat(
            http.putJson("/api/settings", "{\"okx\":{\"sub_account\":\"tai2sub2\"}}", AUTH)
                .statusCode())
        .isEqualTo(200);
    long orders = api.journal().count("POST", "/api/v5/trade/order");
    llm.enqueueReply(buy(http.awaitPromptReady(BTC, AUTH).path("price").decimalValue()));

    JsonNode cycle = json(http.postForm("/llm/execute?symbol=" + BTC, "", AUTH));

    assertThat(cycle.path("execution").path("kind").asString())
        .as(cycle.toString())
        .isEqualTo("refused");
    assertThat(cycle.path("execution").path("message").asString() + cycle)
        .contains("does not match the trading keys");
    assertThat(api.journal().count("POST", "/api/v5/trade/order")).isEqualTo(orders);

    assertThat(
            http.putJson("/api/settings", "{\"okx\":{\"sub_account\":\"tai2sub1\"}}", AUTH)
                .statusCode())
        .isEqualTo(200);
    assertThat(status().path("check").path("confirmed").asBoolean()).isTrue();
  }

  @Test
  @Order(9)
  void
      givenTheWholeRun_thenTheMasterKeysAreInNoResponsePageDatabaseRowOrLogLine_andTheMasterKeyNeverReachedATradingEndpoint(
          CapturedOutput output) {
    HttpProbe session = http();
    session.postForm(
        "/login",
        "username=admin&password=sub-admin-pass&_csrf="
            + HttpProbe.csrfToken(session.get("/login").body()));
    for (String path :
        List.of(
            "/cfg",
            "/",
            "/debug",
            "/api/settings",
            "/api/settings/audit?limit=100",
            "/api/okx/sub-account",
            "/api/okx/sub-account/transfers",
            "/v3/api-docs")) {
      HttpResponse<String> r = session.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      SERVED.append(r.body());
    }
    assertThat(SERVED.toString()).contains("tai2sub1").doesNotContain(MASTER_SECRETS);
    String stored =
        String.join("\n", jdbc.sql("SELECT document FROM settings").query(String.class).list())
            + jdbc.sql("SELECT after_doc FROM settings_audit").query(String.class).list()
            + jdbc.sql("SELECT * FROM subaccount_transfers").query().listOfRows();
    assertThat(stored).contains("v1:").doesNotContain(MASTER_SECRETS);
    assertThat(
            HttpProbe.JSON
                .readTree(
                    jdbc.sql("SELECT document FROM settings WHERE name = 'okx'")
                        .query(String.class)
                        .single())
                .path("master_keys")
                .path("secret_key")
                .asString())
        .as("sealed at rest")
        .startsWith("v1:");
    assertThat(LOGS + output.getAll())
        .contains("event=sub_account_check", "event=sub_account_transfer")
        .doesNotContain(MASTER_SECRETS);
    assertThat(api.journal().entries())
        .filteredOn(e -> e.apiKey().equals(MASTER.apiKey()))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.target()).doesNotStartWith("/api/v5/trade/"));
  }
}
