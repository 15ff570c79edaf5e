package io.tai2.reasoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LlmRetryTest {

  final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void givenRetryAfterInSeconds_whenRead_thenThatManySeconds() {
    assertThat(LlmRetry.retryAfter(Optional.of(" 12 "), clock)).contains(Duration.ofSeconds(12));
  }

  @Test
  void givenRetryAfterAsAnHttpDate_whenRead_thenTheTimeUntilThen() {
    assertThat(LlmRetry.retryAfter(Optional.of("Wed, 25 Nov 2026 10:00:30 GMT"), clock))
        .contains(Duration.ofSeconds(30));
    assertThat(LlmRetry.retryAfter(Optional.of("Wed, 25 Nov 2026 09:00:00 GMT"), clock))
        .contains(Duration.ZERO);
  }

  @Test
  void givenAnUnreadableOrMissingRetryAfter_whenRead_thenEmpty() {
    assertThat(LlmRetry.retryAfter(Optional.of("soon"), clock)).isEmpty();
    assertThat(LlmRetry.retryAfter(Optional.empty(), clock)).isEmpty();
  }

  @Test
  void givenManyFailedAttempts_whenBackingOff_thenTheWaitNeverExceedsTheCeiling() {
    LlmFailure failure = LlmFailure.of(LlmException.Kind.SERVER, 500, "");

    for (int attempt = 1; attempt < 40; attempt++) {
      assertThat(LlmRetry.delay(failure, attempt))
          .isLessThanOrEqualTo(LlmRetry.BACKOFF.max())
          .isPositive();
    }
  }
}
