/**
 * How to tell whether one prompt version or model trades better than another, or whether the difference is still luck:
 * a seeded bootstrap for confidence intervals of expectancy and of the difference between two arms, the plain verdict a
 * trader reads ("B beats A", "A beats B", "about N more closed trades needed"), calibration of stated confidence
 * (reliability buckets, Brier score, the confidence gate that would have paid best), and per-arm numbers (win rate,
 * expectancy, drawdown, PnL per USD of LLM cost). Those are pure functions over numbers; {@link io.tai2.evaluation.Leaderboard}
 * alone reads the history (decisions and the round trips they opened) and ranks prompt versions or models with them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Evaluation")
package io.tai2.evaluation;
