package io.tai2.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An order as tai2 knows it: the intent stored before sending, then what the exchange said. Sizes in contracts. */
public record OrderRecord(
    UUID id,
    String clientOrderId,
    Optional<UUID> decisionId,
    String symbol,
    String side,
    Optional<String> posSide,
    String orderType,
    String tradeMode,
    BigDecimal sizeContracts,
    Optional<BigDecimal> price,
    boolean reduceOnly,
    Optional<BigDecimal> stopLoss,
    Optional<BigDecimal> takeProfit,
    OrderStatus status,
    Optional<String> exchangeOrderId,
    Optional<BigDecimal> fillPrice,
    Optional<BigDecimal> fillSize,
    Optional<BigDecimal> fee,
    Optional<String> errorCode,
    Optional<String> errorMessage,
    Instant createdAt,
    Instant updatedAt) {}
