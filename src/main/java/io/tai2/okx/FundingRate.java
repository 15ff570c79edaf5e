package io.tai2.okx;

import java.math.BigDecimal;
import java.time.Instant;

/** The current funding rate of a swap and when it settles; the interval is {@code nextFundingTime − fundingTime}. */
public record FundingRate(
    String instId, BigDecimal fundingRate, Instant fundingTime, Instant nextFundingTime) {}
