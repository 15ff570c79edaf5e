package io.tai2.reasoning;

import java.math.BigDecimal;

/** A model the endpoint offers, with prices in USD per million tokens (zero when free or unknown). */
public record LlmModel(
    String id,
    String name,
    int contextLength,
    BigDecimal promptPricePerMTokens,
    BigDecimal completionPricePerMTokens,
    boolean supportsStructuredOutputs) {}
