package io.tai2.evaluation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The leaderboard numbers of one arm (a prompt version, a model, a shadow) from its closed trades' realised PnL (USDT,
 * fees and funding included) in closing order and what its LLM calls cost.
 *
 * @param pnls closed-trade PnL in closing order
 * @param llmCostUsd what the arm's LLM calls cost, including decisions that never traded
 */
public record ArmStats(List<BigDecimal> pnls, BigDecimal llmCostUsd) {

  public ArmStats {
    pnls = List.copyOf(pnls);
    if (llmCostUsd.signum() < 0) {
      throw new IllegalArgumentException("an LLM cost cannot be negative, got " + llmCostUsd);
    }
  }

  public int closedTrades() {
    return pnls.size();
  }

  /** Trades that made money; a trade closed at exactly zero after fees is not a win. */
  public int wins() {
    return (int) pnls.stream().filter(pnl -> pnl.signum() > 0).count();
  }

  /** Wins over closed trades (0..1); empty before the first closed trade. */
  public OptionalDouble winRate() {
    return pnls.isEmpty()
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) wins() / pnls.size());
  }

  public BigDecimal totalPnl() {
    return pnls.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** Mean PnL per closed trade (USDT); empty before the first closed trade. */
  public Optional<BigDecimal> expectancy() {
    return pnls.isEmpty()
        ? Optional.empty()
        : Optional.of(totalPnl().divide(BigDecimal.valueOf(pnls.size()), MathContext.DECIMAL64));
  }

  /** The bootstrap 95 % interval of the expectancy; empty with fewer than two closed trades. */
  public Optional<ConfidenceInterval> expectancyCi95(Bootstrap bootstrap) {
    return bootstrap.meanInterval(Samples.toDoubles(pnls));
  }

  /** The largest fall of the running PnL in USDT, see {@link Drawdown#largest}. */
  public BigDecimal maxDrawdown() {
    return Drawdown.largest(pnls);
  }

  /**
   * Total PnL per USD spent on the LLM: whether a dearer model pays for itself. Empty when nothing was spent (a cached or
   * free run), where the ratio would be infinite and say nothing.
   */
  public Optional<BigDecimal> pnlPerLlmUsd() {
    return llmCostUsd.signum() == 0
        ? Optional.empty()
        : Optional.of(totalPnl().divide(llmCostUsd, MathContext.DECIMAL64));
  }

  /** {@link Verdict#between} with this arm as A and {@code challenger} as B. */
  public Verdict against(ArmStats challenger, Bootstrap bootstrap) {
    return Verdict.between(pnls, challenger.pnls, bootstrap);
  }
}
