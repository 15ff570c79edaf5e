package io.tai2.okx;

import java.math.BigDecimal;

/** One leverage tier: positions from {@code minSz} to {@code maxSz} contracts allow at most {@code maxLever}. */
public record PositionTier(
    int tier,
    BigDecimal minSz,
    BigDecimal maxSz,
    BigDecimal mmr,
    BigDecimal imr,
    BigDecimal maxLever) {}
