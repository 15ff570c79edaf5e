package io.tai2.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DerivativesSeriesTest {

  private static final Instant T0 = Instant.parse("2026-12-04T10:00:05Z");

  @Test
  void
      givenUpdatesWithinAMinute_whenRead_thenOnePointWithTheNewestValuesAndTheOtherFieldCarriedForward() {
    DerivativesSeries series = new DerivativesSeries(10);
    series.funding(T0, new BigDecimal("0.0001"));
    series.openInterest(T0.plusSeconds(10), new BigDecimal("5000"), new BigDecimal("450000000"));
    series.funding(T0.plusSeconds(20), new BigDecimal("0.0002"));
    series.openInterest(T0.plusSeconds(70), new BigDecimal("5100"), new BigDecimal("459000000"));

    assertThat(series.points())
        .containsExactly(
            new DerivativesSeries.Point(
                Instant.parse("2026-12-04T10:00:00Z"),
                new BigDecimal("0.0002"),
                new BigDecimal("5000"),
                new BigDecimal("450000000")),
            new DerivativesSeries.Point(
                Instant.parse("2026-12-04T10:01:00Z"),
                new BigDecimal("0.0002"),
                new BigDecimal("5100"),
                new BigDecimal("459000000")));
  }

  @Test
  void givenMoreMinutesThanTheCapacity_whenRead_thenOnlyTheNewestAreKept() {
    DerivativesSeries series = new DerivativesSeries(3);
    for (int m = 0; m < 5; m++) {
      series.funding(T0.plusSeconds(60L * m), BigDecimal.valueOf(m));
    }
    assertThat(series.points())
        .extracting(DerivativesSeries.Point::fundingRate)
        .containsExactly(BigDecimal.valueOf(2), BigDecimal.valueOf(3), BigDecimal.valueOf(4));
  }

  @Test
  void givenALateUpdate_whenRead_thenItUpdatesTheNewestMinuteInsteadOfGoingBackInTime() {
    DerivativesSeries series = new DerivativesSeries(10);
    series.funding(T0.plusSeconds(120), new BigDecimal("0.0003"));
    series.funding(T0, new BigDecimal("0.0004"));
    assertThat(series.points())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.minute()).isEqualTo(Instant.parse("2026-12-04T10:02:00Z"));
              assertThat(p.fundingRate()).isEqualByComparingTo("0.0004");
            });
  }
}
