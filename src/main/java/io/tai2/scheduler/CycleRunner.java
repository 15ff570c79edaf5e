package io.tai2.scheduler;

import java.util.UUID;

/** One prompt cycle for a symbol: reasoning, then execution of the decision. */
@FunctionalInterface
public interface CycleRunner {

  /**
   * Runs the cycle. Throws {@link io.tai2.reasoning.ReasoningException} when a check stopped it before the LLM was asked
   * (stale data, a hold rule, a busy symbol, a risk lock).
   */
  Ran run(String symbol);

  /** A cycle that reached a decision: its id and one line on the decision and what execution did. */
  record Ran(UUID decisionId, String summary) {}
}
