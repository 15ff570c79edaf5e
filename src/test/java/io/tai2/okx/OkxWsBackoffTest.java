package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reconnect waits: exponential from the base, capped, with half of each wait random. */
class OkxWsBackoffTest {

  static final Duration BASE = Duration.ofMillis(500);
  static final Duration MAX = Duration.ofSeconds(30);

  @Test
  void givenSuccessiveAttempts_whenWaitsAreComputed_thenTheyDoubleFromHalfASecondUntilTheCap() {
    assertThat(OkxWsConnection.backoffMillis(0, BASE, MAX, 0.0)).isEqualTo(250);
    assertThat(OkxWsConnection.backoffMillis(0, BASE, MAX, 0.999)).isBetween(499L, 500L);
    assertThat(OkxWsConnection.backoffMillis(3, BASE, MAX, 0.0)).isEqualTo(2_000);
    assertThat(OkxWsConnection.backoffMillis(3, BASE, MAX, 0.999)).isBetween(3_990L, 4_000L);
    assertThat(OkxWsConnection.backoffMillis(7, BASE, MAX, 0.5)).isEqualTo(22_500); // 64 s capped at 30 s
    assertThat(OkxWsConnection.backoffMillis(Integer.MAX_VALUE / 2, BASE, MAX, 0.999)).isLessThanOrEqualTo(30_000);
  }
}
