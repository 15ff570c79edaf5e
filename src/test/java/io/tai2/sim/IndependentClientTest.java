package io.tai2.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.testsupport.RealServices;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * An OKX client that shares no code with tai2 (curl + openssl, {@code scripts/okx-independent-client.sh}) signs in to
 * the simulator and trades: the simulator speaks OKX, not merely "what our client expects".
 */
class IndependentClientTest {

  @Test
  void
      givenTheSimulator_whenAnIndependentCurlClientRunsTheEntryFlowAndATradingSession_thenEveryStepSucceeds()
          throws Exception {
    boolean tools =
        Files.isExecutable(Path.of("/usr/bin/curl"))
            && Files.isExecutable(Path.of("/usr/bin/openssl"));
    if (!tools && RealServices.strict()) {
      Assertions.fail("strict mode: curl and openssl are needed for the independent-client test");
    }
    Assumptions.assumeTrue(tools, "skipped: needs curl and openssl");
    Clock clock = Clock.systemUTC();
    SimMarket market = SimMarket.randomWalk(clock, 3, 3_000, 1_440);
    SimAccount account = new SimAccount("K-indep", "S-indep", "P-indep", true, false);
    try (SimServer server =
        new SimServer(
            new SimRestApi(
                clock, market, Map.of(account.apiKey(), account), new BigDecimal("10000")),
            market,
            0)) {
      ProcessBuilder script =
          new ProcessBuilder("bash", "scripts/okx-independent-client.sh").redirectErrorStream(true);
      script
          .environment()
          .putAll(
              Map.of(
                  "OKX_BASE_URL", "http://127.0.0.1:" + server.port(),
                  "OKX_API_KEY", account.apiKey(),
                  "OKX_SECRET_KEY", account.secretKey(),
                  "OKX_PASSPHRASE", account.passphrase()));
      Process process = script.start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("script finished").isTrue();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(process.exitValue()).as(output).isZero();
      assertThat(output)
          .startsWith("OK: BTC-USDT-SWAP")
          .contains("stop-loss")
          .contains(
              "OK: session - batch entry with TP/SL, amend, batch cancel, fills and orders history paged");
      // The deep-history steps run once the simulator serves those endpoints; from then on they
      // must pass.
      HttpClient probe = HttpClient.newHttpClient();
      if (served(
          probe,
          "http://127.0.0.1:"
              + server.port()
              + "/api/v5/market/history-candles?instId=BTC-USDT-SWAP&bar=1m&limit=1")) {
        assertThat(output).contains("2000 one-minute candles paged back from a week ago");
      }
      if (served(
          probe,
          "http://127.0.0.1:"
              + server.port()
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
