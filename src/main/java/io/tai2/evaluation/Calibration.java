package io.tai2.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How well a model's stated confidence matches what happened: ten reliability buckets (the points of a reliability
 * chart), the Brier score, and — as advice — the confidence gate that would have paid best over the same trades.
 *
 * @param buckets always ten, 0.0–0.1 … 0.9–1.0, empty ones included so a chart keeps its axis
 * @param brierScore mean of (confidence − outcome)², 0 is perfect, 0.25 is a constant 50 %; empty with no forecasts
 */
public record Calibration(List<Bucket> buckets, int forecasts, OptionalDouble brierScore) {

  /** Candidate gates run 0.00, 0.05 … 0.95 (a gate of 1.00 would only keep trades stated as certain). */
  static final int GATE_STEPS = 20;

  /** A gate kept by fewer trades than this is one lucky trade, not advice. */
  public static final int DEFAULT_MIN_TRADES = 5;

  /** Confidences arrive as parsed decimals; a stated 0.7 stored as 0.69999999999 still belongs at or above 0.70. */
  private static final double EPSILON = 1e-9;

  /** A decision's stated confidence (0..1) and whether its trade won. */
  public record Forecast(double confidence, boolean won) {
    public Forecast {
      requireProbability(confidence);
    }
  }

  /** A closed trade's stated confidence (0..1) and its realised PnL (USDT, after fees and funding). */
  public record ConfidentTrade(double confidence, double pnl) {
    public ConfidentTrade {
      requireProbability(confidence);
    }
  }

  /**
   * One reliability bucket, [from, to) except the last, which includes 1.0.
   *
   * @param meanConfidence the average stated confidence inside the bucket; empty when it holds no forecast
   * @param winRate the share of its forecasts that won; empty when it holds no forecast
   */
  public record Bucket(
      double from, double to, int count, OptionalDouble meanConfidence, OptionalDouble winRate) {}

  /**
   * The gate that would have maximised expectancy.
   *
   * @param gate keep trades whose confidence is ≥ this
   * @param trades how many trades the gate keeps
   * @param expectancy their mean PnL per trade
   */
  public record Gate(double gate, int trades, double expectancy) {}

  /** Buckets and Brier score of the given forecasts. */
  public static Calibration of(List<Forecast> forecasts) {
    int[] counts = new int[10];
    double[] confidenceSums = new double[10];
    int[] wins = new int[10];
    double squaredErrors = 0;
    for (Forecast forecast : forecasts) {
      int bucket = Math.min(9, (int) Math.floor(forecast.confidence() * 10 + EPSILON));
      counts[bucket]++;
      confidenceSums[bucket] += forecast.confidence();
      double outcome = forecast.won() ? 1 : 0;
      if (forecast.won()) {
        wins[bucket]++;
      }
      squaredErrors += (forecast.confidence() - outcome) * (forecast.confidence() - outcome);
    }
    List<Bucket> buckets = new ArrayList<>(10);
    for (int b = 0; b < 10; b++) {
      // b / 10.0 rather than b * 0.1: the division gives exactly the double of the literal 0.3, the
      // product does not
      buckets.add(
          counts[b] == 0
              ? new Bucket(
                  b / 10.0, (b + 1) / 10.0, 0, OptionalDouble.empty(), OptionalDouble.empty())
              : new Bucket(
                  b / 10.0,
                  (b + 1) / 10.0,
                  counts[b],
                  OptionalDouble.of(confidenceSums[b] / counts[b]),
                  OptionalDouble.of((double) wins[b] / counts[b])));
    }
    OptionalDouble brier =
        forecasts.isEmpty()
            ? OptionalDouble.empty()
            : OptionalDouble.of(squaredErrors / forecasts.size());
    return new Calibration(List.copyOf(buckets), forecasts.size(), brier);
  }

  /** {@link #bestGate(List, int)} with at least {@value #DEFAULT_MIN_TRADES} trades per gate. */
  public static Optional<Gate> bestGate(List<ConfidentTrade> trades) {
    return bestGate(trades, DEFAULT_MIN_TRADES);
  }

  /**
   * Over the gates 0.00, 0.05 … 0.95, the one whose kept trades (confidence ≥ gate) have the highest mean PnL, among the
   * gates that keep at least {@code minTrades}; empty when none does. On a tie the lowest gate wins: it earns the same
   * per trade on more trades, so more in total, and turns away fewer decisions. It is hindsight over one period, which is
   * why it is shown as advice and never applied by itself.
   */
  public static Optional<Gate> bestGate(List<ConfidentTrade> trades, int minTrades) {
    if (minTrades < 1) {
      throw new IllegalArgumentException(
          "a gate needs at least 1 trade, got minTrades=" + minTrades);
    }
    Optional<Gate> best = Optional.empty();
    for (int step = 0; step < GATE_STEPS; step++) {
      double gate = step / 20.0; // exactly the double of 0.70 etc., see the buckets above
      int kept = 0;
      double sum = 0;
      for (ConfidentTrade trade : trades) {
        if (trade.confidence() >= gate - EPSILON) {
          kept++;
          sum += trade.pnl();
        }
      }
      if (kept < minTrades) {
        continue;
      }
      double expectancy = sum / kept;
      // strictly better only (beyond rounding), so a tie keeps the lower gate found first
      if (best.isEmpty() || expectancy > best.get().expectancy() + EPSILON) {
        best = Optional.of(new Gate(gate, kept, expectancy));
      }
    }
    return best;
  }

  private static void requireProbability(double confidence) {
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException(
          "a stated confidence is between 0 and 1, got " + confidence);
    }
  }
}
