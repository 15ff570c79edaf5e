package io.tai2.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tai2.sim.FakeLlm;
import io.tai2.sim.FakeTelegram;
import io.tai2.sim.SimAccount;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import io.tai2.testsupport.HttpProbe;
import io.tai2.testsupport.SimProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The operator's Telegram commands against the service on the simulator and its fake Telegram: another chat is neither
 * answered nor obeyed; {@code /kill_flatten} does nothing on a wrong code and flattens the simulator's account on the
 * right one; {@code /release} lets orders through again; the test button reports each channel; a bot saved in the
 * {@code notify} group takes over at once. One account, so the tests run in order.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "TAI2_API_TOKEN=commands-token",
      "TAI2_SECRET_KEY=commands-app-test-sealing-key",
      "DATABASE_URL=jdbc:h2:mem:telegramcommands;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TelegramCommandsAppTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final String BOT_TOKEN = "818181:AAE-commands-app-test";
  static final String CHAT = "777000";
  static final String STRANGER = "666";
  static final String[] AUTH = {"Authorization", "Bearer commands-token"};
  static SimServer sim;
  static SimRestApi api;
  static FakeLlm llm;
  static FakeTelegram telegram;
  static HttpServer webhooks;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    SimMarket market = SimMarket.randomWalk(Clock.systemUTC(), 31, 3_000, 1_440);
    api =
        new SimRestApi(
            Clock.systemUTC(),
            market,
            Map.of("k", new SimAccount("k", "s", "p", true, false)),
            new BigDecimal("10000"));
    llm = new FakeLlm(Clock.systemUTC(), "llm-key");
    telegram = new FakeTelegram(Clock.systemUTC(), BOT_TOKEN, "828282:AAE-second-bot");
    sim = new SimServer(api, market, llm, telegram, 0);
    try {
      webhooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    webhooks.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    webhooks.createContext(
        "/ok",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    webhooks.createContext(
        "/broken",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          byte[] body = "receiver down".getBytes();
          exchange.sendResponseHeaders(500, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    webhooks.start();
    SimProperties.okxAndLlm(registry, sim.port());
    String hooks = "http://127.0.0.1:" + webhooks.getAddress().getPort();
    registry.add("TRADING_PAIRS", () -> BTC);
    registry.add("TAI2_TELEGRAM_BOT_TOKEN", () -> BOT_TOKEN);
    registry.add("TAI2_TELEGRAM_CHAT_ID", () -> CHAT);
    registry.add("TELEGRAM_API_URL", () -> "http://127.0.0.1:" + sim.port());
    registry.add("TAI2_WEBHOOK_URLS", () -> hooks + "/ok," + hooks + "/broken");
  }

  @AfterAll
  static void stop() {
    sim.close();
    webhooks.stop(0);
  }

  /** The next message to {@code chat} after the {@code seen} it had, within 20 s. */
  static String nextTo(String chat, int seen) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (telegram.textsTo(chat).size() <= seen && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(telegram.textsTo(chat)).as("a new message to " + chat).hasSizeGreaterThan(seen);
    return telegram.textsTo(chat).get(seen);
  }

  /** Sends {@code text} from the operator's chat and returns the bot's answer (notifications in between are skipped). */
  static String command(String text) throws InterruptedException {
    int seen = telegram.textsTo(CHAT).size();
    telegram.inject(CHAT, text);
    for (int i = seen; ; i++) {
      String next = nextTo(CHAT, i);
      if (!next.startsWith("tai2 [")) { // answers have no prefix; notifications do
        return next;
      }
    }
  }

  JsonNode locks(HttpProbe http) {
    return HttpProbe.JSON.readTree(http.get("/execution/locks", AUTH).body());
  }

  @Test
  @Order(1)
  void givenAnotherChat_whenItSendsKillFlattenAndACode_thenNothingIsAnsweredNorDone()
      throws Exception {
    HttpProbe http = new HttpProbe(port);
    http.awaitPromptReady(BTC, AUTH);
    TelegramBotTest.awaitPolling(telegram);

    telegram.inject(STRANGER, "/kill_flatten");
    telegram.inject(STRANGER, "/confirm 000000");

    assertThat(command("/status"))
        .startsWith("Status of tai2 on the OKX DEMO account")
        .contains("risk locks: none", "live execution: off");
    assertThat(telegram.textsTo(STRANGER)).isEmpty();
    assertThat(locks(http).path("execution_blocked").asBoolean()).isFalse();
  }

  @Test
  @Order(2)
  void
      givenAnOpenPosition_whenKillFlattenIsConfirmedWithAWrongCodeThenTheRightOne_thenOnlyTheRightOneFlattensTheAccount()
          throws Exception {
    HttpProbe http = new HttpProbe(port);
    BigDecimal price = http.awaitPromptReady(BTC, AUTH).path("price").decimalValue();
    assertThat(
            http.putJson("/execution/settings", "{\"execution\":{\"enabled\":true}}", AUTH)
                .statusCode())
        .isEqualTo(200);
    llm.enqueueReply(
        "{\"action\":\"BUY\",\"confidence\":0.72,\"equity_pct\":0.1,\"position_size\":null,\"risk_score\":0.3,\"stop_loss\":"
            + price.multiply(new BigDecimal("0.97")).setScale(1, RoundingMode.DOWN)
            + ",\"take_profit\":"
            + price.multiply(new BigDecimal("1.05")).setScale(1, RoundingMode.DOWN)
            + ",\"rationale\":\"commands test\","
            + "\"timeframe_alignment\":\"4H\",\"notes\":null,\"tags\":[]}");
    JsonNode buy =
        HttpProbe.JSON.readTree(http.postForm("/llm/execute?symbol=" + BTC, "", AUTH).body());
    assertThat(buy.path("execution").path("kind").asString())
        .as(buy.toString())
        .isEqualTo("filled");
    assertThat(api.exchange().positions("k", Optional.empty())).hasSize(1);

    String code = TelegramCommandsTest.code(command("/kill_flatten"));
    String wrong = code.equals("111111") ? "222222" : "111111";
    assertThat(command("/confirm " + wrong)).startsWith("Not done: wrong code");
    assertThat(api.exchange().positions("k", Optional.empty()))
        .as("a wrong code does nothing")
        .hasSize(1);
    assertThat(locks(http).path("execution_blocked").asBoolean()).isFalse();
    assertThat(command("/confirm " + code))
        .as("the right code came too late: the wrong one voided it")
        .startsWith("Not done");

    code = TelegramCommandsTest.code(command("/kill_flatten"));
    assertThat(command("/confirm " + code))
        .startsWith("Kill switch ENGAGED with positions flattened")
        .contains("close net position");

    assertThat(api.exchange().positions("k", Optional.empty()))
        .as("flattened on the simulator")
        .isEmpty();
    assertThat(locks(http).path("execution_blocked").asBoolean()).isTrue();
    assertThat(telegram.textsTo(CHAT))
        .anySatisfy(
            t ->
                assertThat(t)
                    .startsWith("tai2 [DEMO] Kill switch engaged by telegram chat " + CHAT));
  }

  @Test
  @Order(3)
  void givenTheKillSwitchEngaged_whenReleaseIsConfirmed_thenOrdersMayGoOutAgainAsThroughTheApi()
      throws Exception {
    HttpProbe http = new HttpProbe(port);
    String code = TelegramCommandsTest.code(command("/release"));

    assertThat(command("/confirm " + code)).startsWith("kill switch released");

    JsonNode locks = locks(http);
    assertThat(locks.path("execution_blocked").asBoolean()).isFalse();
    assertThat(
            locks
                .path("locks")
                .valueStream()
                .filter(l -> l.path("key").asString().equals("kill_switch"))
                .findFirst()
                .orElseThrow()
                .path("reason")
                .asString())
        .startsWith("released by telegram chat " + CHAT);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (telegram.textsTo(CHAT).stream()
            .noneMatch(t -> t.startsWith("tai2 [DEMO] Kill switch released"))
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(telegram.textsTo(CHAT))
        .anySatisfy(
            t ->
                assertThat(t)
                    .isEqualTo(
                        "tai2 [DEMO] Kill switch released by telegram chat "
                            + CHAT
                            + ": new orders may go out again. The scheduler stays as it is."));
  }

  @Test
  @Order(4)
  void
      givenTelegramAndAWorkingAndABrokenWebhook_whenTheTestButtonIsPressed_thenEachChannelSaysHowItWent() {
    HttpProbe http = new HttpProbe(port);
    HttpResponse<String> r = http.postJson("/api/notify/test", "", AUTH);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode answer = HttpProbe.JSON.readTree(r.body());
    assertThat(answer.path("delivered").asInt()).isEqualTo(2);
    List<JsonNode> channels = answer.path("channels").valueStream().toList();
    assertThat(channels).hasSize(3);
    assertThat(channels.get(0).path("channel").asString()).endsWith("/bot****/sendMessage");
    assertThat(channels.get(0).path("delivered").asBoolean()).isTrue();
    assertThat(channels.get(1).path("delivered").asBoolean()).isTrue();
    assertThat(channels.get(2).path("delivered").asBoolean()).isFalse();
    assertThat(channels.get(2).path("error").asString())
        .contains("HTTP 500 receiver down")
        .doesNotContain("/broken");
    assertThat(r.body()).doesNotContain(BOT_TOKEN);
    assertThat(telegram.textsTo(CHAT).getLast()).startsWith("tai2 test message, sent by ");
  }

  @Test
  @Order(5)
  void
      givenAnotherBotAndChatSavedInTheNotifyGroup_whenCommandsArrive_thenTheNewChatIsAnsweredAndTheOldOneNoLonger()
          throws Exception {
    HttpProbe http = new HttpProbe(port);
    HttpResponse<String> saved =
        http.putJson(
            "/api/settings",
            "{\"notify\":{\"telegram_bot_token\":\"828282:AAE-second-bot\",\"telegram_chat_id\":\"888\",\"events\":{\"daily_summary\":false}}}",
            AUTH);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    assertThat(saved.body())
        .doesNotContain("828282")
        .doesNotContain("AAE-second-bot")
        .doesNotContain("888\"");
    assertThat(HttpProbe.JSON.readTree(saved.body()).path("notify").path("telegram").asString())
        .isEqualTo("saved");

    int seenOld = telegram.textsTo(CHAT).size();
    telegram.inject(CHAT, "/status");
    telegram.inject("888", "/pnl");

    assertThat(nextTo("888", 0)).startsWith("Today since 00:00 UTC: realised PnL ");
    assertThat(telegram.textsTo(CHAT)).as("the old chat is no longer answered").hasSize(seenOld);
  }
}
