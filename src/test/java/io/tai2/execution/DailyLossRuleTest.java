package io.tai2.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.RiskLock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DailyLossRuleTest {

  static final BigDecimal LIMIT = new BigDecimal("0.03");
  static final Instant MORNING = Instant.parse("2026-11-25T09:00:00Z");
  static final Instant MIDNIGHT = Instant.parse("2026-11-25T00:00:00Z");

  static BigDecimal d(String v) {
    return new BigDecimal(v);
  }

  @Test
  void givenNoState_whenEquityIsWithinTheLimitOfMidnight_thenUnlockedWithTheMidnightReference() {
    RiskLock lock =
        DailyLossRule.next(Optional.empty(), MORNING, d("9750"), LIMIT, Optional.of(d("10000")));

    assertThat(lock.locked()).isFalse();
    assertThat(lock.referenceEquity()).contains(d("10000"));
    assertThat(lock.referenceAt()).contains(MIDNIGHT);
  }

  @Test
  void givenEquityThreePercentBelowMidnight_whenEvaluated_thenLockedWithTheNumbers() {
    RiskLock lock =
        DailyLossRule.next(Optional.empty(), MORNING, d("9700"), LIMIT, Optional.of(d("10000")));

    assertThat(lock.locked()).isTrue();
    assertThat(lock.triggeredAt()).contains(MORNING);
    assertThat(lock.reason())
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .contains("9700.00 USDT is 3.00% below the reference 10000.00 USDT")
                    .contains("limit 3.00%")
                    .contains("operator resets"));
  }

  @Test
  void givenALock_whenEquityRecoversOrANewDayStarts_thenItStaysLockedUntilAnOperatorResets() {
    RiskLock locked =
        DailyLossRule.next(Optional.empty(), MORNING, d("9600"), LIMIT, Optional.of(d("10000")));

    RiskLock recovered =
        DailyLossRule.next(
            Optional.of(locked),
            MORNING.plusSeconds(3600),
            d("10100"),
            LIMIT,
            Optional.of(d("10000")));
    RiskLock nextDay =
        DailyLossRule.next(
            Optional.of(locked),
            MORNING.plusSeconds(86_400),
            d("10100"),
            LIMIT,
            Optional.of(d("9600")));

    assertThat(recovered.locked()).isTrue();
    assertThat(nextDay.locked()).isTrue();
  }

  @Test
  void
      givenAReset_whenEvaluatedLaterTheSameDay_thenTheResetEquityIsTheReferenceAndANewDropLocksAgain() {
    RiskLock reset = DailyLossRule.reset(MORNING, d("9600"), "admin");
    assertThat(reset.locked()).isFalse();

    RiskLock small =
        DailyLossRule.next(
            Optional.of(reset),
            MORNING.plusSeconds(600),
            d("9400"),
            LIMIT,
            Optional.of(d("10000")));
    RiskLock big =
        DailyLossRule.next(
            Optional.of(reset),
            MORNING.plusSeconds(600),
            d("9300"),
            LIMIT,
            Optional.of(d("10000")));

    assertThat(small.locked()).as("9400 is 2.08% below the reset reference 9600").isFalse();
    assertThat(small.referenceEquity()).contains(d("9600"));
    assertThat(big.locked()).as("9300 is 3.13% below 9600").isTrue();
  }

  @Test
  void givenYesterdaysReference_whenANewDayStarts_thenTheReferenceMovesToMidnight() {
    RiskLock yesterday =
        DailyLossRule.next(
            Optional.empty(),
            MORNING.minusSeconds(86_400),
            d("10000"),
            LIMIT,
            Optional.of(d("10000")));

    RiskLock today =
        DailyLossRule.next(
            Optional.of(yesterday), MORNING, d("9800"), LIMIT, Optional.of(d("9900")));

    assertThat(today.referenceEquity()).contains(d("9900"));
    assertThat(today.referenceAt()).contains(MIDNIGHT);
    assertThat(today.locked()).isFalse();
  }

  @Test
  void
      givenNoSampleBeforeMidnight_whenEvaluated_thenTheFirstObservationIsTheReference_andALimitOfZeroNeverLocks() {
    RiskLock first =
        DailyLossRule.next(Optional.empty(), MORNING, d("5000"), LIMIT, Optional.empty());
    RiskLock disabled =
        DailyLossRule.next(
            Optional.empty(), MORNING, d("1"), BigDecimal.ZERO, Optional.of(d("10000")));

    assertThat(first.referenceEquity()).contains(d("5000"));
    assertThat(disabled.locked()).isFalse();
  }
}
