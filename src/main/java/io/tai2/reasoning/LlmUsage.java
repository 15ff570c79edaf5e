package io.tai2.reasoning;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;

/** Tokens and cost of one generation as the endpoint reported them; any part may be missing (local servers). */
public record LlmUsage(
    OptionalLong promptTokens,
    OptionalLong completionTokens,
    OptionalLong totalTokens,
    Optional<BigDecimal> costUsd) {

  public static final LlmUsage UNKNOWN =
      new LlmUsage(
          OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty());
}
