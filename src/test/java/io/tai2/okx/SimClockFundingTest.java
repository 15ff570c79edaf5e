package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.sim.SimClock;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator's movable clock: funding settles when it passes 00/08/16 UTC, and a drifted server clock means 50102. */
class SimClockFundingTest {

  static final String BTC = "BTC-USDT-SWAP";
  final SimClock clock = new SimClock(SimFixture.IN_SYNC);
  final SimMarket market = SimMarket.randomWalk(clock, 7, 3_000, 1_440);
  final SimRestApi api =
      new SimRestApi(
          clock,
          market,
          Map.of(SimFixture.DEMO.apiKey(), SimFixture.DEMO),
          new BigDecimal("10000"));
  final SimServer server = new SimServer(api, market, 0);

  @AfterEach
  void stop() {
    server.close();
  }

  OkxRestClient client(Clock clientClock) {
    return new OkxRestClient(
        new OkxClientConfig(
            URI.create("http://127.0.0.1:" + server.port()),
            SimFixture.KEYS,
            true,
            Duration.ofSeconds(5)),
        HttpClient.newHttpClient(),
        clientClock);
  }

  String control(String path, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void givenALongPosition_whenTheClockPassesTwoFundingTimes_thenItPaysTwiceAsTypeEightBills()
      throws Exception {
    OkxTrading trading = new OkxTrading(client(clock));
    market.setPrice(BTC, new BigDecimal("60000.0"));
    trading.placeOrder(
        new OrderRequest(
            BTC,
            "cross",
            "buy",
            "market",
            BigDecimal.TEN,
            Optional.empty(),
            "fund1",
            false,
            Optional.empty(),
            Optional.empty()));
    BigDecimal cashBefore = trading.balance().currency("USDT").orElseThrow().cashBal();

    assertThat(control("/__sim/clock", "{\"set\":\"2026-11-25T16:00:00Z\"}"))
        .contains("2026-11-25T16:00:00");
    List<AccountBill> first = trading.bills(Optional.of("8"), SimFixture.NOW);
    control("/__sim/clock", "{\"advance_ms\":" + Duration.ofHours(8).toMillis() + "}");
    List<AccountBill> both = trading.bills(Optional.of("8"), SimFixture.NOW);

    // 10 contracts × 0.01 BTC × 60000.0 × 0.0001 = 0.6 USDT, paid by the long.
    assertThat(first)
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.subType()).isEqualTo("173");
              assertThat(b.balChg()).isEqualByComparingTo("-0.6");
              assertThat(b.ts()).isEqualTo(Instant.parse("2026-11-25T16:00:00Z"));
            });
    assertThat(both)
        .extracting(AccountBill::ts)
        .containsExactly(
            Instant.parse("2026-11-26T00:00:00Z"), Instant.parse("2026-11-25T16:00:00Z"));
    assertThat(trading.balance().currency("USDT").orElseThrow().cashBal())
        .isEqualByComparingTo(cashBefore.subtract(new BigDecimal("1.2")));
    assertThat(
            api.exchange()
                .positions(SimFixture.DEMO.apiKey(), Optional.of(BTC))
                .getFirst()
                .fundingFee())
        .isEqualByComparingTo("-1.2");
  }

  @Test
  void givenTheServerClockDriftsAMinuteAhead_whenTheClientSigns_thenItResyncsOn50102AndSucceeds()
      throws Exception {
    control("/__sim/clock", "{\"advance_ms\":60000}");

    AccountBalance balance = new OkxTrading(client(SimFixture.IN_SYNC)).balance();

    assertThat(balance.currency("USDT")).isPresent();
    assertThat(api.journal().entries()).extracting(e -> e.status()).contains(401);
  }
}
