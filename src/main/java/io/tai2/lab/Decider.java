package io.tai2.lab;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.fills.PaperAccount;
import io.tai2.history.RiskLock;
import io.tai2.market.AccountSnapshot;
import io.tai2.market.CandleHistory;
import io.tai2.market.MarketSnapshot;
import io.tai2.reasoning.DecisionOutcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who decides in a backtest: the LLM (live or from its cache), the heuristic signal, or a deterministic fake. Every
 * decider sees what live tai2 would have shown the model at that moment, and its decision goes through the same
 * guardrails.
 */
public interface Decider {

  /** The name in reports ({@code fake:long}, {@code heuristic}, {@code llm:openai/gpt-4o} …). */
  String name();

  Decided decide(Moment moment);

  /**
   * One decision time for one symbol.
   *
   * @param price the close the decision sees (its reference price)
   * @param timeframe the analysis timeframe of the prompt
   * @param snapshot what live tai2 would have built at {@code now} (computed on first use: a fake decider never needs it)
   * @param candles the analysis timeframe's candles as the prompt shows them (computed on first use)
   * @param position the symbol's open position in the backtest account
   * @param account the account as the prompt shows it
   */
  record Moment(
      String symbol,
      Instant now,
      BigDecimal price,
      String timeframe,
      Supplier<MarketSnapshot> snapshot,
      Supplier<Optional<CandleHistory>> candles,
      Optional<PaperAccount.Position> position,
      Supplier<AccountSnapshot> account,
      GuardrailSettings guardrails,
      ExecutionSettings execution,
      List<RiskLock> locks) {}

  /**
   * A decision and what it cost.
   *
   * @param prompt the prompt text sent (LLM deciders only)
   * @param reply the raw reply (LLM deciders only)
   * @param asked whether an LLM was asked (a cache hit is not asked)
   * @param cacheHit whether the reply came from the reply cache
   * @param costUsd what the call cost (0 for a cache hit and for non-LLM deciders)
   */
  record Decided(
      DecisionOutcome outcome,
      Optional<String> prompt,
      Optional<String> reply,
      boolean asked,
      boolean cacheHit,
      BigDecimal costUsd) {
    public Decided {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(costUsd, "costUsd");
    }

    /** A decision no LLM was asked for. */
    public static Decided local(DecisionOutcome outcome) {
      return new Decided(
          outcome, Optional.empty(), Optional.empty(), false, false, BigDecimal.ZERO);
    }
  }
}
