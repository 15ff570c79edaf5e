package io.tai2.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code tai2 sim}, as a user starts it, driven by an OKX client that shares no code with tai2
 * ({@code scripts/okx-independent-client.sh}: curl + openssl) through an entry and a trading session: batch entry with
 * attached TP/SL, amend, batch cancel, fills and orders history with paging.
 */
class SimIndependentClientIT {

  @Test
  void givenThePackagedSimulator_whenAnIndependentClientTradesASession_thenEveryStepSucceeds()
      throws Exception {
    try (Processes processes = new Processes()) {
      int port = Processes.freePort();
      Process sim =
          processes.start(
              "independent-sim",
              List.of("-Xmx384m", "-XX:+UseSerialGC"),
              List.of(
                  "sim",
                  "--port",
                  Integer.toString(port),
                  "--api-key",
                  "ik",
                  "--secret",
                  "is",
                  "--passphrase",
                  "ip",
                  "--balance",
                  "10000"),
              Map.of());
      HttpClient http = HttpClient.newHttpClient();
      Processes.await(
          "the simulator answers",
          Duration.ofSeconds(60),
          sim,
          () -> Processes.status(http, "http://127.0.0.1:" + port + "/api/v5/public/time") == 200);

      ProcessBuilder script =
          new ProcessBuilder("bash", "scripts/okx-independent-client.sh").redirectErrorStream(true);
      script
          .environment()
          .putAll(
              Map.of(
                  "OKX_BASE_URL",
                  "http://127.0.0.1:" + port,
                  "OKX_API_KEY",
                  "ik",
                  "OKX_SECRET_KEY",
                  "is",
                  "OKX_PASSPHRASE",
                  "ip"));
      Process client = script.start();
      assertThat(client.waitFor(120, TimeUnit.SECONDS)).as("the client finished").isTrue();
      String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(client.exitValue()).as(output).isZero();
      assertThat(output)
          .startsWith("OK: BTC-USDT-SWAP")
          .contains(
              "OK: session - batch entry with TP/SL, amend, batch cancel, fills and orders history paged");
      // The deep-history steps run once the simulator serves those endpoints; from then on they
      // must pass.
      HttpClient probe = HttpClient.newHttpClient();
      if (served(
          probe,
          "http://127.0.0.1:"
              + port
              + "/api/v5/market/history-candles?instId=BTC-USDT-SWAP&bar=1m&limit=1")) {
        assertThat(output).contains("2000 one-minute candles paged back from a week ago");
      }
      if (served(
          probe,
          "http://127.0.0.1:"
              + port
              + "/api/v5/public/funding-rate-history?instId=BTC-USDT-SWAP&limit=1")) {
        assertThat(output).contains(", funding-rate history");
      }
    }
  }

  private static boolean served(HttpClient http, String url) throws Exception {
    return http.send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode()
        != 404;
  }
}
