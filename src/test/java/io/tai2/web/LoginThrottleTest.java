package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

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
  }

  final ManualClock clock = new ManualClock();
  final LoginThrottle throttle = new LoginThrottle(Duration.ofSeconds(1), clock);

  @Test
  void givenFourFailures_whenTheClientTriesAgain_thenItIsStillChecked() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("10.0.0.1", LoginThrottle.Kind.FORM);
    }

    assertThat(throttle.refusal("10.0.0.1")).isEmpty();
  }

  @Test
  void givenTheFifthFailure_whenTheClientTriesAgain_thenItIsRefusedForOneSecondThenTwo() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("10.0.0.1", LoginThrottle.Kind.BEARER);
    }
    assertThat(throttle.refusal("10.0.0.1")).contains(Duration.ofSeconds(1));

    clock.now = clock.now.plusSeconds(1);
    assertThat(throttle.refusal("10.0.0.1")).isEmpty();
    throttle.failed("10.0.0.1", LoginThrottle.Kind.BEARER);
    assertThat(throttle.refusal("10.0.0.1")).contains(Duration.ofSeconds(2));
  }

  @Test
  void givenOneClientLockedOut_whenAnotherTries_thenTheOtherIsChecked() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("10.0.0.1", LoginThrottle.Kind.FORM);
    }

    assertThat(throttle.refusal("10.0.0.2")).isEmpty();
  }

  @Test
  void givenManyFailures_whenTheLockGrows_thenItStopsAtFifteenMinutes() {
    assertThat(throttle.lockFor(4)).isZero();
    assertThat(throttle.lockFor(5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(throttle.lockFor(8)).isEqualTo(Duration.ofSeconds(8));
    assertThat(throttle.lockFor(15)).isEqualTo(Duration.ofMinutes(15));
    assertThat(throttle.lockFor(1_000)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void givenFailures_whenTheRightValueComes_thenTheClientStartsAfresh() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("10.0.0.1", LoginThrottle.Kind.CONFIRM_PASSWORD);
    }
    throttle.succeeded("10.0.0.1");

    assertThat(throttle.failed("10.0.0.1", LoginThrottle.Kind.FORM)).isEqualTo(1);
  }

  @Test
  void givenAQuietQuarterOfAnHourAfterTheLock_whenTheClientFailsAgain_thenItsCountStartsAfresh() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("10.0.0.1", LoginThrottle.Kind.FORM);
    }
    clock.now = clock.now.plus(Duration.ofMinutes(16));

    assertThat(throttle.failed("10.0.0.1", LoginThrottle.Kind.FORM)).isEqualTo(1);
  }

  @Test
  void givenMoreClientsThanTheLimit_whenOneMoreFails_thenTheOldestIsForgotten() {
    LoginThrottle small = new LoginThrottle(Duration.ofSeconds(1), clock, 3);
    for (int i = 0; i < 5; i++) {
      small.failed("first", LoginThrottle.Kind.FORM);
      small.failed("second", LoginThrottle.Kind.FORM);
    }
    assertThat(small.refusal("first")).isPresent();
    small.failed("c1", LoginThrottle.Kind.FORM);
    small.failed("c2", LoginThrottle.Kind.FORM);

    assertThat(small.refusal("first")).isEmpty();
    assertThat(small.refusal("second")).as("only the oldest is dropped").isPresent();
  }
}
