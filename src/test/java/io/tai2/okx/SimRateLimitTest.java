package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The simulator's switchable OKX rate limits (docs/spec/okx-openrouter-protocols.md §2, §12.2), and the client staying inside them. */
class SimRateLimitTest extends SimClientTest {

  @Test
  void givenLimitsOn_whenABurstExceedsAnEndpointsLimit_thenTheExtraRequestsGet429With50011()
      throws Exception {
    sim.api.enforceRateLimits(true);
    HttpClient http = HttpClient.newHttpClient();
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (int i = 0; i < 12; i++) { // public/time allows 10 per 2 s
      answers.add(
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + sim.server.port() + "/api/v5/public/time"))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }

    assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSizeGreaterThanOrEqualTo(10);
    assertThat(answers)
        .filteredOn(r -> r.statusCode() == 429)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.body()).contains("\"code\":\"50011\""));
  }

  @Test
  void givenLimitsOn_whenTheClientBursts_thenItPacesItselfAndEveryCallSucceeds() {
    sim.api.enforceRateLimits(true);
    OkxMarketData data = new OkxMarketData(sim.client(Optional.empty(), true, SimFixture.IN_SYNC));

    for (int i = 0;
        i < 25;
        i++) { // market/ticker allows 20 per 2 s: the client waits for the last five
      assertThat(data.ticker("BTC-USDT-SWAP").instId()).isEqualTo("BTC-USDT-SWAP");
    }
  }
}
