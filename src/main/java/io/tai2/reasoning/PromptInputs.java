package io.tai2.reasoning;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.history.ExecutionFeedback;
import io.tai2.history.RiskLock;
import io.tai2.market.AccountSnapshot;
import io.tai2.market.CandleHistory;
import io.tai2.market.MarketSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Everything one prompt is built from, gathered at {@code now}: the symbol's snapshot and candles, the account, the
 * settings execution will apply, feedback, locks, the prompt version and the model. Identical inputs give an identical
 * prompt.
 */
public record PromptInputs(
    String symbol,
    String timeframe,
    Instant now,
    MarketSnapshot market,
    Optional<CandleHistory> candles,
    Optional<AccountSnapshot> account,
    GuardrailSettings guardrails,
    ExecutionSettings execution,
    List<ExecutionFeedback> feedback,
    List<RiskLock> riskLocks,
    PromptText prompt,
    String model,
    JsonNode responseSchema) {

  public PromptInputs {
    feedback = List.copyOf(feedback);
    riskLocks = List.copyOf(riskLocks);
  }
}
