package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The client-side limits, on a fake clock that the "sleep" advances: no real waiting, exact arithmetic. */
class RateLimitsTest {

  /** A clock that only moves when the limiter sleeps. */
  static final class FakeTime extends Clock {
    Instant now = Instant.parse("2026-11-25T00:00:00Z");
    long slept;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void sleep(Duration d) {
      slept += d.toMillis();
      now = now.plus(d);
    }
  }

  @Test
  void
      givenTheBalanceLimitOf10Per2s_when15RequestsGoOut_thenTheFirst10PassAndTheRestAreSpacedBy200ms()
          throws Exception {
    FakeTime time = new FakeTime();
    RateLimits limits = new RateLimits(time::millis, time::sleep);

    for (int i = 0; i < 10; i++) {
      limits.acquire("/api/v5/account/balance", "");
    }
    assertThat(time.slept).isZero();
    for (int i = 0; i < 5; i++) {
      limits.acquire("/api/v5/account/balance", "");
    }
    assertThat(time.slept).isEqualTo(5 * 200);
  }

  @Test
  void givenTradingEndpoints_whenTwoInstrumentsTrade_thenEachHasItsOwnBucket() throws Exception {
    FakeTime time = new FakeTime();
    RateLimits limits = new RateLimits(time::millis, time::sleep);

    for (int i = 0; i < 60; i++) {
      limits.acquire("/api/v5/trade/order", "BTC-USDT-SWAP");
      limits.acquire("/api/v5/trade/order", "ETH-USDT-SWAP");
    }
    assertThat(time.slept).isZero();
    limits.acquire("/api/v5/trade/order", "BTC-USDT-SWAP");
    assertThat(time.slept).as("the 61st BTC order waits one refill: 2 s / 60").isEqualTo(34);
  }

  @Test
  void givenAnUnknownPath_whenAcquired_thenItIsNotLimited() throws Exception {
    FakeTime time = new FakeTime();
    RateLimits limits = new RateLimits(time::millis, time::sleep);

    for (int i = 0; i < 1000; i++) {
      limits.acquire("/api/v5/something/new", "");
    }
    assertThat(time.slept).isZero();
  }
}
