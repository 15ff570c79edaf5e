package io.tai2.evaluation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The leaderboard: its rows, and the verdicts between arms (the champion against each other arm when an A/B split is
 * set, else every pair in row order).
 *
 * @param startingEquity the equity the drawdown percentages start from; empty when none was ever recorded
 */
public record LeaderboardBoard(
    List<LeaderboardRow> rows, List<Comparison> comparisons, Optional<BigDecimal> startingEquity) {

  /**
   * Arm {@code b} against arm {@code a} (a row's key and source each; a version can trade live and be shadowed too): the
   * verdict on mean(b) − mean(a) per closed trade.
   */
  public record Comparison(String a, String aSource, String b, String bSource, Verdict verdict) {}
}
