package io.tai2.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tai2.okx.Candle;
import io.tai2.okx.OkxClientConfig;
import io.tai2.okx.OkxMarketData;
import io.tai2.okx.OkxRestClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The warm-up tops a short {@code market/candles} answer up from {@code market/history-candles}, paging backwards. */
class CandleWarmUpTest {

  static final long HOUR = 3_600_000L;
  static final long NEWEST = 1_764_064_800_000L;

  final List<String> requests = new ArrayList<>();
  HttpServer server;

  /** A listing with {@code total} hourly bars: {@code recent} of them on market/candles, all on history-candles. */
  OkxMarketData okx(int recent, int total) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v5/",
        exchange -> {
          String query = exchange.getRequestURI().getRawQuery();
          requests.add(
              exchange.getRequestURI().getPath().replace("/api/v5/market/", "") + "?" + query);
          Map<String, String> q =
              Arrays.stream(query.split("&"))
                  .map(p -> p.split("=", 2))
                  .collect(Collectors.toMap(p -> p[0], p -> p[1]));
          int limit = Integer.parseInt(q.get("limit"));
          long after = q.containsKey("after") ? Long.parseLong(q.get("after")) : Long.MAX_VALUE;
          long oldest =
              NEWEST
                  - (exchange.getRequestURI().getPath().endsWith("history-candles")
                          ? total - 1
                          : recent - 1)
                      * HOUR;
          String rows =
              LongStream.iterate(NEWEST, ts -> ts - HOUR)
                  .limit(total)
                  .filter(ts -> ts < after && ts >= oldest)
                  .limit(limit)
                  .mapToObj(
                      ts ->
                          "[\""
                              + ts
                              + "\",\"1\",\"2\",\"0.5\",\"1.5\",\"10\",\"1\",\"1.5\",\""
                              + (ts == NEWEST ? 0 : 1)
                              + "\"]")
                  .collect(Collectors.joining(","));
          byte[] body =
              ("{\"code\":\"0\",\"msg\":\"\",\"data\":[" + rows + "]}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    OkxClientConfig config =
        new OkxClientConfig(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
            Optional.empty(),
            true,
            Duration.ofSeconds(5));
    return new OkxMarketData(
        new OkxRestClient(config, HttpClient.newHttpClient(), Clock.systemUTC()));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void givenOnly120RecentBars_whenWarmedUp_thenHistoryCandlesFillTo300WithoutGapsOrRepeats()
      throws Exception {
    OkxMarketData okx = okx(120, 1_000);

    List<Candle> candles = new CandleWarmUp(() -> okx).load("NEW-USDT-SWAP", "1H");

    assertThat(candles).hasSize(300);
    for (int i = 1; i < candles.size(); i++) {
      assertThat(candles.get(i).ts().toEpochMilli())
          .isEqualTo(candles.get(i - 1).ts().toEpochMilli() - HOUR);
    }
    assertThat(requests)
        .containsExactly(
            "candles?instId=NEW-USDT-SWAP&bar=1H&limit=300",
            "history-candles?instId=NEW-USDT-SWAP&bar=1H&after="
                + (NEWEST - 119 * HOUR)
                + "&limit=180");
  }

  @Test
  void givenAYoungListing_whenHistoryRunsOut_thenTheWarmUpKeepsWhatThereIs() throws Exception {
    OkxMarketData okx = okx(50, 80);

    List<Candle> candles = new CandleWarmUp(() -> okx).load("NEW-USDT-SWAP", "1D");

    assertThat(candles).hasSize(80);
    assertThat(requests).hasSize(3); // recent, one page of 30 older, then an empty page
  }

  @Test
  void givenAFullRecentAnswer_whenWarmedUp_thenHistoryCandlesAreNotAsked() throws Exception {
    OkxMarketData okx = okx(1_440, 2_000);

    assertThat(new CandleWarmUp(() -> okx).load("BTC-USDT-SWAP", "15m")).hasSize(300);
    assertThat(requests).hasSize(1);
  }
}
