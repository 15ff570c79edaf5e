package io.tai2.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  /** The WebSocket reconnect's policy: half a second doubling to 30 s. */
  private final Backoff reconnect =
      Backoff.jittered(Duration.ofMillis(500), Duration.ofSeconds(30));

  @Test
  void givenSuccessiveRetries_whenJittered_thenEachWaitIsBetweenHalfTheCeilingAndTheCeiling() {
    assertThat(reconnect.delay(1, 0.0)).isEqualTo(Duration.ofMillis(250));
    assertThat(reconnect.delay(1, 0.999).toMillis()).isBetween(499L, 500L);
    assertThat(reconnect.delay(4, 0.0)).isEqualTo(Duration.ofMillis(2_000));
    assertThat(reconnect.delay(4, 0.999).toMillis()).isBetween(3_990L, 4_000L);
    assertThat(reconnect.delay(8, 0.5))
        .as("64 s capped at 30 s")
        .isEqualTo(Duration.ofMillis(22_500));
  }

  @Test
  void givenManyRetries_whenTheShiftWouldOverflow_thenTheWaitStaysAtTheCap() {
    assertThat(reconnect.ceiling(30)).isEqualTo(Duration.ofSeconds(30));
    assertThat(reconnect.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    for (int attempt = 1; attempt < 100; attempt++) {
      assertThat(reconnect.delay(attempt)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
    }
  }

  @Test
  void givenAnExactBackoff_whenRetried_thenItDoublesWithoutChanceUpToTheCap() {
    Backoff lookup = Backoff.exact(Duration.ofMillis(250), Duration.ofSeconds(2));

    assertThat(IntStream.rangeClosed(1, 6).mapToObj(a -> lookup.delay(a, 0.7).toMillis()))
        .containsExactly(250L, 500L, 1_000L, 2_000L, 2_000L, 2_000L);
  }

  @Test
  void givenImpossibleBounds_whenBuilt_thenRefused() {
    assertThatThrownBy(() -> Backoff.exact(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Backoff.exact(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> reconnect.delay(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
