package io.tai2.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.okx.OkxSigner;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code cancel-all-after} dead-man switch cancels every live order once the simulator's clock passes its time. */
class SimCancelAllAfterTest {

  static final SimAccount KEY = new SimAccount("caa-key", "caa-secret", "caa-pass", true, false);
  static final String BTC = "BTC-USDT-SWAP";

  final SimClock clock =
      new SimClock(Clock.fixed(Instant.parse("2026-11-25T10:00:30Z"), ZoneOffset.UTC));
  final SimMarket market = SimMarket.randomWalk(clock, 7, 3_000, 1_440);
  final SimRestApi api =
      new SimRestApi(clock, market, Map.of(KEY.apiKey(), KEY), new BigDecimal("10000"));

  SimResponse signed(String method, String path, String body) {
    String ts = OkxSigner.timestamp(clock.instant());
    return api.handle(
        new RawRequest(
            method,
            path,
            Map.of(
                "OK-ACCESS-KEY",
                KEY.apiKey(),
                "OK-ACCESS-PASSPHRASE",
                KEY.passphrase(),
                "OK-ACCESS-TIMESTAMP",
                ts,
                "OK-ACCESS-SIGN",
                OkxSigner.sign(KEY.secretKey(), ts, method, path, body),
                "x-simulated-trading",
                "1",
                "Content-Type",
                "application/json"),
            body));
  }

  void restingBuy() {
    market.setPrice(BTC, new BigDecimal("59999.95"));
    SimResponse placed =
        signed(
            "POST",
            "/api/v5/trade/order",
            "{\"instId\":\""
                + BTC
                + "\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"limit\",\"px\":\"59000\",\"sz\":\"1\"}");
    assertThat(placed.body()).contains("\"sCode\":\"0\"");
  }

  @Test
  void givenATimerOfTenSeconds_whenElevenSecondsPass_thenTheRestingOrderIsCanceled() {
    restingBuy();
    signed("POST", "/api/v5/trade/cancel-all-after", "{\"timeOut\":\"10\"}");

    clock.advance(Duration.ofSeconds(9));
    assertThat(api.exchange().pendingOrders(KEY.apiKey())).hasSize(1);
    clock.advance(Duration.ofSeconds(2));
    signed("GET", "/api/v5/public/time", "");

    assertThat(api.exchange().pendingOrders(KEY.apiKey())).isEmpty();
  }

  @Test
  void givenATimerSwitchedOffWithZero_whenItsTimePasses_thenTheOrderStays() {
    restingBuy();
    signed("POST", "/api/v5/trade/cancel-all-after", "{\"timeOut\":\"10\"}");
    SimResponse off = signed("POST", "/api/v5/trade/cancel-all-after", "{\"timeOut\":\"0\"}");

    clock.advance(Duration.ofSeconds(30));
    signed("GET", "/api/v5/public/time", "");

    assertThat(off.body()).contains("\"triggerTime\":\"0\"");
    assertThat(api.exchange().pendingOrders(KEY.apiKey())).hasSize(1);
  }
}
