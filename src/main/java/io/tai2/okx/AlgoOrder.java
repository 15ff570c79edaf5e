package io.tai2.okx;

import java.math.BigDecimal;
import java.util.Optional;

/** A pending TP/SL algo order (docs/spec/okx-openrouter-protocols.md §5.8); {@code sz} in contracts. */
public record AlgoOrder(
    String algoId,
    String algoClOrdId,
    String instId,
    String ordType,
    String side,
    String tdMode,
    BigDecimal sz,
    String state,
    Optional<BigDecimal> takeProfitTrigger,
    Optional<BigDecimal> stopLossTrigger) {}
