package io.tai2.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tai2.execution.ExchangeFills;
import io.tai2.execution.RiskMonitor;
import io.tai2.history.RiskLock;
import io.tai2.scheduler.PromptScheduler;
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
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Done-when of issue 22 against the simulator, its fake LLM and fake Telegram and a local webhook receiver: a scheduler
 * run opens a position (entry), OKX's stop-loss closes it (exit), the loss engages the daily-loss lock (lock), and the
 * next tick switches the scheduler off (scheduler_off); Telegram and the webhook get the same four messages. The
 * reconciliation, risk and scheduler timers are run at once here instead of waiting for their next turn.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "TAI2_API_TOKEN=scheduler-run-token",
      "DATABASE_URL=jdbc:h2:mem:notifyschedulerrun;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class NotifySchedulerRunAppTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final String BOT_TOKEN = "737373:AAE-scheduler-run-test";
  static final String CHAT = "4040";
  static final String[] AUTH = {"Authorization", "Bearer scheduler-run-token"};
  static final List<String> KINDS = List.of("entry_filled", "exit", "risk_lock", "scheduler_off");
  static SimServer sim;
  static SimRestApi api;
  static FakeLlm llm;
  static FakeTelegram telegram;
  static HttpServer webhook;
  static final List<JsonNode> posted = new CopyOnWriteArrayList<>();

  @LocalServerPort int port;
  @Autowired RiskMonitor riskMonitor;
  @Autowired ExchangeFills exchangeFills;
  @Autowired PromptScheduler scheduler;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    SimMarket market = SimMarket.randomWalk(Clock.systemUTC(), 23, 3_000, 1_440);
    api =
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
          posted.add(
              HttpProbe.JSON.readTree(
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    webhook.start();
    SimProperties.okxAndLlm(registry, sim.port());
    registry.add("TRADING_PAIRS", () -> BTC);
    registry.add("TAI2_TELEGRAM_BOT_TOKEN", () -> BOT_TOKEN);
    registry.add("TAI2_TELEGRAM_CHAT_ID", () -> CHAT);
    registry.add("TELEGRAM_API_URL", () -> "http://127.0.0.1:" + sim.port());
    registry.add(
        "TAI2_WEBHOOK_URLS", () -> "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
  }

  @AfterAll
  static void stop() {
    sim.close();
    webhook.stop(0);
  }

  @Test
  void
      givenTheSchedulerTradingLive_whenTheStopFiresAndTheLossLocksTrading_thenTelegramAndTheWebhookHearOfEntryExitLockAndSchedulerOff()
          throws Exception {
    HttpProbe http = new HttpProbe(port);
    BigDecimal price = http.awaitPromptReady(BTC, AUTH).path("price").decimalValue();
    HttpResponse<String> live =
        http.putJson(
            "/execution/settings",
            "{\"execution\":{\"enabled\":true},\"guardrails\":{\"daily_loss_limit_pct\":0.001,\"min_hold_seconds\":0}}",
            AUTH);
    assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
    assertThat(riskMonitor.check())
        .as("today's reference equity is taken before the trade")
        .hasValueSatisfying(l -> assertThat(l.locked()).isFalse());
    BigDecimal sl = price.multiply(new BigDecimal("0.98")).setScale(1, RoundingMode.DOWN);
    BigDecimal tp = price.multiply(new BigDecimal("1.05")).setScale(1, RoundingMode.DOWN);
    llm.enqueueReply(
        "{\"action\":\"BUY\",\"confidence\":0.8,\"equity_pct\":0.3,\"position_size\":null,\"risk_score\":0.3,"
            + "\"stop_loss\":"
            + sl
            + ",\"take_profit\":"
            + tp
            + ",\"rationale\":\"scheduler run\",\"timeframe_alignment\":\"4H\","
            + "\"notes\":null,\"tags\":[]}");

    // entry: switching the scheduler on runs its first tick at once
    HttpResponse<String> on =
        http.putJson(
            "/api/settings", "{\"scheduler\":{\"enabled\":true,\"interval_seconds\":3600}}", AUTH);
    assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
    assertThat(awaitTelegram("Entry filled"))
        .startsWith("tai2 [DEMO] Entry filled: buy ")
        .contains(BTC, "(SL " + plain(sl) + ", TP " + plain(tp) + ")");

    // exit: the price falls through the stop; OKX closes the position, the recorder of exchange
    // fills reads it
    HttpResponse<String> drop =
        http.client()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + sim.port() + "/__sim/price"))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"instId\":\""
                                + BTC
                                + "\",\"px\":\""
                                + plain(
                                    sl.multiply(new BigDecimal("0.99"))
                                        .setScale(1, RoundingMode.DOWN))
                                + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(drop.statusCode()).as(drop.body()).isEqualTo(200);
    assertThat(api.exchange().positions("k", Optional.empty()))
        .as("the stop fired on the simulator")
        .isEmpty();
    exchangeFills.record();
    assertThat(awaitTelegram("Exit on OKX"))
        .startsWith("tai2 [DEMO] Exit on OKX: stop-loss " + plain(sl) + " triggered — sell ")
        .contains("realised PnL -");

    // lock: the loss is more than 0.1 % of the day's equity
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (riskMonitor.check().filter(RiskLock::locked).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(200); // until the account feed has read the equity after the loss
    }
    assertThat(awaitTelegram("Daily-loss lock engaged"))
        .startsWith("tai2 [DEMO] Daily-loss lock engaged: equity ");

    // scheduler off: the next tick meets the lock
    scheduler.tick();
    assertThat(awaitTelegram("Prompt scheduler switched off")).contains("daily_loss lock is on");

    List<String> texts = new ArrayList<>();
    for (String kind : KINDS) {
      JsonNode hook = awaitWebhook(kind);
      assertThat(hook.path("event").path("symbol").asString())
          .isEqualTo(kind.equals("entry_filled") || kind.equals("exit") ? BTC : "");
      texts.add(hook.path("text").asString());
    }
    assertThat(telegram.textsTo(CHAT)).as("the same messages on both channels").containsAll(texts);
    assertThat(
            posted.stream()
                .filter(p -> p.path("event").path("kind").asString().equals("exit"))
                .findFirst()
                .orElseThrow()
                .path("event")
                .path("fields")
                .path("by")
                .asString())
        .isEqualTo("exchange");
  }

  static String plain(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }

  static String awaitTelegram(String containing) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Optional<String> text =
          telegram.textsTo(CHAT).stream().filter(t -> t.contains(containing)).findFirst();
      if (text.isPresent()) {
        return text.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "no Telegram message containing \"" + containing + "\"; got " + telegram.textsTo(CHAT));
  }

  static JsonNode awaitWebhook(String kind) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Optional<JsonNode> hook =
          posted.stream()
              .filter(p -> p.path("event").path("kind").asString().equals(kind))
              .findFirst();
      if (hook.isPresent()) {
        return hook.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no webhook POST of kind " + kind + "; got " + posted);
  }
}
