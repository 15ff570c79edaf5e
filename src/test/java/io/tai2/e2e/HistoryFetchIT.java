package io.tai2.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code tai2 history fetch} against the packaged {@code tai2 sim}, into the embedded database of a fresh
 * working directory, as an operator runs it: bars and funding stored once, a rerun asks for nothing.
 */
class HistoryFetchIT {

  static Run fetch(Path workDir, int port, String from, String to) throws Exception {
    return Run.tai2(
        workDir,
        Map.of(),
        "history",
        "fetch",
        "--symbols",
        "BTC-USDT-SWAP",
        "--from",
        from,
        "--to",
        to,
        "--okx-url",
        "http://127.0.0.1:" + port);
  }

  @Test
  void
      givenThePackagedSimulator_whenTwoHoursAreFetchedTwice_thenTheyAreStoredOnceAndTheRerunAsksForNothing(
          @TempDir Path workDir) throws Exception {
    try (Processes processes = new Processes()) {
      int port = Processes.freePort();
      Process sim =
          processes.start(
              "history-sim",
              List.of("-Xmx384m", "-XX:+UseSerialGC"),
              List.of(
                  "sim",
                  "--port",
                  Integer.toString(port),
                  "--api-key",
                  "hk",
                  "--secret",
                  "hs",
                  "--passphrase",
                  "hp",
                  "--balance",
                  "10000"),
              Map.of());
      HttpClient http = HttpClient.newHttpClient();
      Processes.await(
          "the simulator answers",
          Duration.ofSeconds(60),
          sim,
          () -> Processes.status(http, "http://127.0.0.1:" + port + "/api/v5/public/time") == 200);
      // Two hours of yesterday around a funding time (00:00, 08:00, 16:00 UTC): 07:00–09:00.
      Instant day = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS);
      String from = day.plus(Duration.ofHours(7)).toString();
      String to = day.plus(Duration.ofHours(9)).toString();

      Run first = fetch(workDir, port, from, to);
      Run second = fetch(workDir, port, from, to);

      assertThat(first.exit()).as(first.err()).isZero();
      assertThat(first.out())
          .isEqualTo(
              "BTC-USDT-SWAP bars=120 requests=2 days_fetched=1 days_complete=0 funding=1\n");
      assertThat(first.err())
          .contains("day 0/1  100 bars  1 requests")
          .contains("BTC-USDT-SWAP: 120 bars stored from 2 requests");
      assertThat(second.exit()).as(second.err()).isZero();
      assertThat(second.out())
          .isEqualTo("BTC-USDT-SWAP bars=0 requests=0 days_fetched=0 days_complete=1 funding=0\n");
      assertThat(workDir.resolve("data/tai2.mv.db"))
          .as("the embedded database of the working directory")
          .exists();
    }
  }
}
