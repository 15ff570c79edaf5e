package io.tai2.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tai2 serve} against {@code tai2 sim} with six symbols on the four default timeframes: the market warm-up loads
 * 300 candles on every timeframe (1D included, from the simulator's deep history) and logs one line with the counts and
 * the time it took.
 */
class WarmUpIT {

  static final String PAIRS =
      "BTC-USDT-SWAP,ETH-USDT-SWAP,SOL-USDT-SWAP,XRP-USDT-SWAP,DOGE-USDT-SWAP,LTC-USDT-SWAP";
  static final String TOKEN = "warm-up-test-token-0123456789abcdef";
  static final Pattern LINE =
      Pattern.compile(
          "event=market_warmup_done symbols=(\\d+) timeframes=(\\d+) fewest_candles=\\{([^}]*)} candles=(\\d+) elapsed_ms=(\\d+)");

  @Test
  void
      givenSixSymbolsOnFourTimeframes_whenServeStartsAgainstTheSimulator_thenEveryTimeframeHas300CandlesAndTheTimeIsLogged()
          throws Exception {
    try (EmbeddedApp app = new EmbeddedApp("warmup")) {
      Path log = Processes.LOGS.resolve("warmup-app.log");
      int skip =
          Files.exists(log) ? Files.readAllLines(log).size() : 0; // the log appends across runs
      app.startSim().start(Map.of("TRADING_PAIRS", PAIRS, "TAI2_API_TOKEN", TOKEN));

      Matcher line = awaitLine(log, skip, Duration.ofSeconds(60));

      assertThat(line.group(1)).isEqualTo("6");
      assertThat(line.group(2)).isEqualTo("4");
      assertThat(line.group(3)).isEqualTo("15m=300, 1D=300, 1H=300, 4H=300");
      assertThat(line.group(4)).isEqualTo("7200");
      var series =
          app.send(
              HttpRequest.newBuilder(
                      URI.create(app.url("/state/series?symbol=BTC-USDT-SWAP&timeframe=1D")))
                  .header("Authorization", "Bearer " + TOKEN));
      assertThat(series.statusCode()).isEqualTo(200);
      var columns = JsonMapper.builder().build().readTree(series.body());
      assertThat(columns.path("close").size())
          .isEqualTo(201); // the last 200 closed days and the open one
      var ema200 = columns.path("indicators").path("ema_200");
      // 300 days loaded: EMA 200 is defined from the 200th on, so on the newest 100 closed days
      // shown and the open one.
      long defined = ema200.valueStream().filter(JsonNode::isNumber).count();
      assertThat(defined).isGreaterThanOrEqualTo(100);
      assertThat(ema200.get(ema200.size() - 1).isNumber()).isTrue();
      System.out.println("warm-up of 6 symbols x 4 timeframes: " + line.group(5) + " ms");
    }
  }

  private static Matcher awaitLine(Path log, int skip, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Matcher> found =
          Files.readAllLines(log).stream()
              .skip(skip)
              .map(LINE::matcher)
              .filter(Matcher::find)
              .reduce((a, b) -> b);
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "no event=market_warmup_done line in " + log + " within " + timeout.toSeconds() + " s");
  }
}
