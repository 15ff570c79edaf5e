package io.tai2.reasoning;

import java.math.BigDecimal;
import java.util.Optional;

/** An OpenRouter key's spending in USD: its limit and what remains of it (empty when unlimited), usage in total and today. */
public record LlmKeyStatus(
    String label,
    Optional<BigDecimal> limit,
    Optional<BigDecimal> remaining,
    BigDecimal usage,
    BigDecimal usageDaily) {}
