package io.tai2.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tai2.evaluation.Calibration.Bucket;
import io.tai2.evaluation.Calibration.ConfidentTrade;
import io.tai2.evaluation.Calibration.Forecast;
import io.tai2.evaluation.Calibration.Gate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calibration on hand-made forecasts: the Brier score, the reliability buckets and the gate that would have paid best. */
class CalibrationTest {

  @Test
  void givenFourForecasts_whenCalibrated_thenTheBrierScoreIsTheHandComputedOne() {
    // (0.9 − 1)² + (0.8 − 0)² + (0.3 − 0)² + (0.6 − 1)² = 0.01 + 0.64 + 0.09 + 0.16 = 0.90, over 4
    // → 0.225
    Calibration calibration =
        Calibration.of(
            List.of(
                new Forecast(0.9, true),
                new Forecast(0.8, false),
                new Forecast(0.3, false),
                new Forecast(0.6, true)));

    assertThat(calibration.brierScore().getAsDouble()).isCloseTo(0.225, within(1e-12));
    assertThat(calibration.forecasts()).isEqualTo(4);
  }

  @Test
  void givenHandMadeForecasts_whenBucketed_thenEachBucketHasItsCountMeanConfidenceAndWinRate() {
    Calibration calibration =
        Calibration.of(
            List.of(
                new Forecast(0.70, true),
                new Forecast(0.75, true),
                new Forecast(0.78, false),
                new Forecast(0.05, false),
                new Forecast(0.10, true),
                new Forecast(1.00, true),
                new Forecast(0.95, false)));

    List<Bucket> buckets = calibration.buckets();
    assertThat(buckets).hasSize(10);
    assertThat(buckets.get(7).from()).isEqualTo(0.7);
    assertThat(buckets.get(7).to()).isEqualTo(0.8);
    assertThat(buckets.get(7).count()).isEqualTo(3);
    assertThat(buckets.get(7).meanConfidence().getAsDouble())
        .isCloseTo((0.70 + 0.75 + 0.78) / 3, within(1e-12));
    assertThat(buckets.get(7).winRate().getAsDouble()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(buckets.get(0).count()).as("0.05").isEqualTo(1);
    assertThat(buckets.get(0).winRate().getAsDouble()).isZero();
    assertThat(buckets.get(1).count()).as("0.10 opens the second bucket").isEqualTo(1);
    assertThat(buckets.get(9).count()).as("0.95 and 1.00 share the last bucket").isEqualTo(2);
    assertThat(buckets.get(9).winRate().getAsDouble()).isEqualTo(0.5);
    assertThat(buckets.get(4).count()).isZero();
    assertThat(buckets.get(4).meanConfidence()).isEmpty();
    assertThat(buckets.get(4).winRate()).isEmpty();
  }

  @Test
  void givenNoForecast_whenCalibrated_thenTenEmptyBucketsAndNoBrierScore() {
    Calibration calibration = Calibration.of(List.of());

    assertThat(calibration.buckets())
        .hasSize(10)
        .allSatisfy(bucket -> assertThat(bucket.count()).isZero());
    assertThat(calibration.brierScore()).isEmpty();
  }

  @Test
  void
      givenWinnersFrom070AndLosersBelow_whenTheBestGateIsSought_thenItIs070TheLowestOfTheTiedGates() {
    List<ConfidentTrade> trades = new ArrayList<>();
    for (double confidence :
        new double[] {0.70, 0.70, 0.75, 0.75, 0.80, 0.80, 0.85, 0.85, 0.90, 0.95}) {
      trades.add(new ConfidentTrade(confidence, 10));
    }
    for (double confidence : new double[] {0.20, 0.30, 0.40, 0.50, 0.55, 0.60, 0.65, 0.69}) {
      trades.add(new ConfidentTrade(confidence, -10));
    }

    // gates 0.70, 0.75 and 0.80 all keep only winners (10, 8 and 6 trades, +10 each); 0.85 keeps 4
    // < 5
    assertThat(Calibration.bestGate(trades)).contains(new Gate(0.70, 10, 10.0));
  }

  @Test
  void givenBetterTradesHigherUp_whenTheBestGateIsSought_thenItIsTheGateWithTheHighestExpectancy() {
    List<ConfidentTrade> trades = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      trades.add(new ConfidentTrade(0.9, 20));
      trades.add(new ConfidentTrade(0.6, 5));
      trades.add(new ConfidentTrade(0.3, -10));
    }

    Gate gate = Calibration.bestGate(trades).orElseThrow();

    assertThat(gate.gate()).isEqualTo(0.65);
    assertThat(gate.trades()).isEqualTo(5);
    assertThat(gate.expectancy()).isEqualTo(20.0);
  }

  @Test
  void givenTooFewTradesForAnyGate_whenTheBestGateIsSought_thenThereIsNone() {
    List<ConfidentTrade> trades = List.of(new ConfidentTrade(0.8, 10), new ConfidentTrade(0.9, 10));

    assertThat(Calibration.bestGate(trades)).isEmpty();
    assertThat(Calibration.bestGate(List.of())).isEmpty();
    assertThat(Calibration.bestGate(trades, 2)).contains(new Gate(0.0, 2, 10.0));
  }

  @Test
  void givenAConfidenceOutside0To1_whenRecorded_thenItIsRefused() {
    assertThatThrownBy(() -> new Forecast(1.2, true)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConfidentTrade(Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
