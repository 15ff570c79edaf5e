package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's control API over HTTP, as a test in another process would use it. */
class SimControlHttpTest {

  SimFixture sim;
  HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    sim = new SimFixture();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  HttpResponse<String> control(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.server.port() + path))
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void
      givenAFaultArmedOverHttp_whenAnOrderIsPlaced_thenTheJournalShowsItWasProcessedButNeverAnswered()
          throws Exception {
    OkxTrading trading = new OkxTrading(sim.client(SimFixture.KEYS, true, SimFixture.IN_SYNC));
    assertThat(
            control(
                    "POST",
                    "/__sim/faults",
                    "{\"method\":\"POST\",\"path\":\"/api/v5/trade/order\",\"kind\":\"ACCEPT_THEN_DROP\"}")
                .statusCode())
        .isEqualTo(200);

    assertThatThrownBy(
            () ->
                trading.placeOrder(
                    new OrderRequest(
                        "ETH-USDT-SWAP",
                        "cross",
                        "buy",
                        "market",
                        BigDecimal.ONE,
                        Optional.empty(),
                        "ctl1",
                        false,
                        Optional.empty(),
                        Optional.empty())))
        .isInstanceOf(OkxOutcomeUnknownException.class);

    String journal = control("GET", "/__sim/journal", "").body();
    assertThat(journal).contains("\"target\":\"/api/v5/trade/order\"", "\"status\":0", "ctl1");
  }

  @Test
  void givenAPriceSetOverHttp_whenTheTickerIsRead_thenItShowsThatPrice() throws Exception {
    control("POST", "/__sim/price", "{\"instId\":\"SOL-USDT-SWAP\",\"px\":\"123.45\"}");

    Ticker t =
        new OkxMarketData(sim.client(Optional.empty(), true, SimFixture.IN_SYNC))
            .ticker("SOL-USDT-SWAP");

    assertThat(t.last()).isEqualByComparingTo("123.45");
    assertThat(t.bidPx()).isEqualByComparingTo("123.45");
    assertThat(t.askPx()).isEqualByComparingTo("123.46");
  }

  @Test
  void givenAdvanceOverHttp_whenTheTickerIsRead_thenThePricePathMovedOn() throws Exception {
    BigDecimal before = sim.market.last("BTC-USDT-SWAP");

    control("POST", "/__sim/advance", "{\"bars\":30}");

    assertThat(sim.market.last("BTC-USDT-SWAP")).isNotEqualByComparingTo(before);
  }

  @Test
  void givenAScenario_whenPosted_thenItsStepsRunInOrderAndAFailingStepIsNamed() throws Exception {
    HttpResponse<String> ran =
        control(
            "POST",
            "/__sim/scenario",
            """
        {"steps":[
          {"path":"/__sim/price","body":{"instId":"ETH-USDT-SWAP","px":"3100"}},
          {"sleep_ms":10},
          {"path":"/__sim/price","body":{"instId":"ETH-USDT-SWAP","px":"3050.5"}}]}""");

    assertThat(ran.statusCode()).isEqualTo(200);
    assertThat(ran.body()).isEqualTo("{\"steps\":3}");
    assertThat(sim.market.last("ETH-USDT-SWAP")).isEqualByComparingTo("3050.5");
    HttpResponse<String> failed =
        control(
            "POST", "/__sim/scenario", "{\"steps\":[{\"sleep_ms\":1},{\"path\":\"/__sim/nope\"}]}");
    assertThat(failed.statusCode()).isEqualTo(404);
    assertThat(failed.body()).contains("\"failed_step\":2");
  }

  @Test
  void givenBadControlRequests_whenSent_thenTheyAreRefusedClearly() throws Exception {
    HttpResponse<String> badKind =
        control("POST", "/__sim/faults", "{\"path\":\"/x\",\"kind\":\"EXPLODE\"}");
    assertThat(badKind.statusCode()).isEqualTo(400);
    assertThat(badKind.body()).contains("EXPLODE");
    assertThat(control("GET", "/__sim/nothing", "").statusCode()).isEqualTo(404);
  }
}
