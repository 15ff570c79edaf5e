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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service against the simulator, its fake LLM and fake Telegram, and a local webhook receiver: a BUY with live
 * execution on fills and the operator hears of it on Telegram and on the webhook; the kill switch is announced too. A
 * second webhook never answers (it holds every request until the test ends): the order does not wait for it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "TAI2_API_TOKEN=test-token",
      "DATABASE_URL=jdbc:h2:mem:notifyapp;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class NotifyAppTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final String BOT_TOKEN = "424242:AAE-notify-app-test";
  static final String CHAT = "777000";
  static final String[] AUTH = {"Authorization", "Bearer test-token"};
  static final JsonMapper JSON = HttpProbe.JSON;
  static SimServer sim;
  static FakeLlm llm;
  static FakeTelegram telegram;
  static HttpServer webhook;
  static final BlockingQueue<String> posted = new LinkedBlockingQueue<>();
  static final BlockingQueue<String> held = new LinkedBlockingQueue<>();
  static final CountDownLatch released = new CountDownLatch(1);

  @LocalServerPort int port;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    SimMarket market = SimMarket.randomWalk(Clock.systemUTC(), 11, 3_000, 1_440);
    SimRestApi api =
        new SimRestApi(
            Clock.systemUTC(),
            market,
            Map.of("k", new SimAccount("k", "s", "p", true, false)),
            new BigDecimal("10000"));
    llm = new FakeLlm(Clock.systemUTC(), "llm-key");
    telegram = new FakeTelegram(Clock.systemUTC(), BOT_TOKEN);
    sim = new SimServer(api, market, llm, telegram, 0);
    try {
      webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    webhook.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    webhook.createContext(
        "/hook",
        exchange -> {
          posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    webhook.createContext(
        "/hang",
        exchange -> {
          held.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          try {
            released
                .await(); // a receiver that hangs: the notifier's own thread waits, never the order
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    webhook.start();
    SimProperties.okxAndLlm(registry, sim.port());
    registry.add("TRADING_PAIRS", () -> BTC);
    registry.add("TAI2_TELEGRAM_BOT_TOKEN", () -> BOT_TOKEN);
    registry.add("TAI2_TELEGRAM_CHAT_ID", () -> CHAT);
    registry.add("TELEGRAM_API_URL", () -> "http://127.0.0.1:" + sim.port());
    registry.add(
        "TAI2_WEBHOOK_URLS",
        () ->
            "http://127.0.0.1:"
                + webhook.getAddress().getPort()
                + "/hang,http://127.0.0.1:"
                + webhook.getAddress().getPort()
                + "/hook");
  }

  @AfterAll
  static void stop() {
    released.countDown();
    sim.close();
    webhook.stop(0);
  }

  @Test
  void
      givenLiveExecutionAndAHangingWebhook_whenABuyFillsAndTheKillSwitchIsEngaged_thenTelegramAndTheWebhookHearOfBothAndNothingWaits()
          throws Exception {
    HttpProbe http = new HttpProbe(port);
    BigDecimal price = http.awaitPromptReady(BTC, AUTH).path("price").decimalValue();
    HttpResponse<String> live =
        http.putJson("/execution/settings", "{\"execution\":{\"enabled\":true}}", AUTH);
    assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
    BigDecimal sl = price.multiply(new BigDecimal("0.97")).setScale(1, RoundingMode.DOWN);
    BigDecimal tp = price.multiply(new BigDecimal("1.05")).setScale(1, RoundingMode.DOWN);
    llm.enqueueReply(
        "{\"action\":\"BUY\",\"confidence\":0.72,\"equity_pct\":0.1,\"position_size\":null,\"risk_score\":0.3,"
            + "\"stop_loss\":"
            + sl
            + ",\"take_profit\":"
            + tp
            + ",\"rationale\":\"notify test\",\"timeframe_alignment\":\"4H\","
            + "\"notes\":null,\"tags\":[]}");

    // were the order waiting for the hanging webhook, it would take at least its three 10 s tries
    // (35 s); it takes a moment
    JsonNode buy =
        CompletableFuture.supplyAsync(
                () -> JSON.readTree(http.postForm("/llm/execute?symbol=" + BTC, "", AUTH).body()))
            .get(30, TimeUnit.SECONDS);
    assertThat(buy.path("execution").path("kind").asString())
        .as(buy.toString())
        .isEqualTo("filled");
    String contracts =
        buy.path("execution")
            .path("guardrail_verdict")
            .path("plan")
            .path("contracts")
            .decimalValue()
            .stripTrailingZeros()
            .toPlainString();

    String text = awaitTelegram("Entry filled");
    assertThat(text)
        .startsWith("tai2 [DEMO] Entry filled: buy " + contracts + " contracts " + BTC + " at ")
        .contains(
            "(SL "
                + sl.stripTrailingZeros().toPlainString()
                + ", TP "
                + tp.stripTrailingZeros().toPlainString()
                + ")");
    JsonNode hook = JSON.readTree(posted.poll(10, TimeUnit.SECONDS));
    assertThat(hook.path("text").asString()).isEqualTo(text);
    assertThat(hook.path("event").path("kind").asString()).isEqualTo("entry_filled");
    assertThat(hook.path("event").path("symbol").asString()).isEqualTo(BTC);
    assertThat(hook.path("event").path("fields").path("side").asString()).isEqualTo("buy");
    assertThat(hook.path("event").path("fields").path("stop_loss").asString())
        .isEqualTo(sl.stripTrailingZeros().toPlainString());
    assertThat(JSON.readTree(held.poll(10, TimeUnit.SECONDS)).path("event").path("kind").asString())
        .as("the hanging webhook got the entry too, and holds it")
        .isEqualTo("entry_filled");
    assertThat(released.getCount()).as("still held while the order is long done").isEqualTo(1);

    HttpResponse<String> kill = http.postForm("/execution/kill?flatten=true", "", AUTH);
    assertThat(kill.statusCode()).as(kill.body()).isEqualTo(200);
    assertThat(awaitTelegram("Kill switch"))
        .startsWith("tai2 [DEMO] Kill switch engaged by ")
        .contains("with positions flattened");
    assertThat(telegram.requests())
        .allSatisfy(
            call -> {
              assertThat(call.path()).isEqualTo("/bot****/sendMessage");
              assertThat(call.body()).doesNotContain(BOT_TOKEN);
            });
    assertThat(telegram.messages()).allSatisfy(m -> assertThat(m.chatId()).isEqualTo(CHAT));
  }

  static String awaitTelegram(String containing) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      List<String> texts =
          telegram.textsTo(CHAT).stream().filter(t -> t.contains(containing)).toList();
      if (!texts.isEmpty()) {
        return texts.getFirst();
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "no Telegram message containing \"" + containing + "\"; got " + telegram.textsTo(CHAT));
  }
}
