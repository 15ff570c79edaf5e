package io.tai2.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.sim.SimAccount;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import io.tai2.testsupport.HttpProbe;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The whole service with its market engine pointed at the simulator: the configured pairs appear on /state/latest. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "TAI2_ENV_FILE=none",
      "tai2.market.enabled=true",
      "DATABASE_URL=jdbc:h2:mem:marketapp;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    })
class MarketAppTest {

  static SimServer sim;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    SimMarket market = SimMarket.randomWalk(Clock.systemUTC(), 3, 3_000, 1_440);
    SimAccount key = new SimAccount("k", "s", "p", true, false);
    sim =
        new SimServer(
            new SimRestApi(Clock.systemUTC(), market, Map.of("k", key), new BigDecimal("10000")),
            market,
            0);
    String ws = "ws://127.0.0.1:" + sim.port() + "/ws/v5/";
    registry.add("OKX_BASE_URL", () -> "http://127.0.0.1:" + sim.port());
    registry.add("OKX_WS_PUBLIC_URL", () -> ws + "public");
    registry.add("OKX_WS_PRIVATE_URL", () -> ws + "private");
    registry.add("OKX_WS_BUSINESS_URL", () -> ws + "business");
    registry.add("TRADING_PAIRS", () -> "BTC-USDT-SWAP,ETH-USDT-SWAP");
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @Test
  void givenTwoConfiguredPairs_whenTheServiceRuns_thenTheirSnapshotsAreServedLive()
      throws Exception {
    HttpProbe http = new HttpProbe(port);
    JsonNode view =
        poll(
            http,
            "/state/latest",
            v ->
                v.path("symbols").size() == 2
                    && v.path("markets").get(1).has("last")
                    && !v.path("markets").get(1).path("last").isNull());
    assertThat(view.path("symbols"))
        .extracting(JsonNode::asString)
        .containsExactly("BTC-USDT-SWAP", "ETH-USDT-SWAP");

    JsonNode btc =
        poll(
            http,
            "/state/latest?symbol=BTC-USDT-SWAP",
            s -> s.path("ticker").has("last") && s.path("order_book").has("bids"));
    assertThat(btc.path("instrument").path("ct_val").decimalValue()).isEqualByComparingTo("0.01");
    assertThat(btc.path("order_book").path("bids").size()).isEqualTo(20);
    assertThat(btc.path("indicators").has("4H")).isTrue();

    JsonNode series =
        poll(
            http,
            "/state/series?symbol=btc-usdt-swap&timeframe=15m",
            s -> s.path("ts").size() > 50);
    assertThat(series.path("symbol").asString()).isEqualTo("BTC-USDT-SWAP");
    assertThat(series.path("close").size()).isEqualTo(series.path("ts").size());
    assertThat(series.path("indicators").path("rsi_14").size()).isEqualTo(series.path("ts").size());
    assertThat(http.get("/state/series?symbol=BTC-USDT-SWAP&timeframe=3m").statusCode())
        .as("not a configured timeframe")
        .isEqualTo(404);
  }

  private static JsonNode poll(HttpProbe http, String path, Predicate<JsonNode> ready)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = http.get(path);
      last = r.statusCode() + " " + r.body();
      if (r.statusCode() == 200) {
        JsonNode body = MarketEngine.JSON.readTree(r.body());
        if (ready.test(body)) {
          return body;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("GET " + path + " never became ready; last answer: " + last);
  }
}
