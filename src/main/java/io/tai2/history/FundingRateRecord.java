package io.tai2.history;

import java.math.BigDecimal;
import java.time.Instant;

/** The funding rate charged at one funding time (a fraction per period: 0.0001 is 0.01 %). */
public record FundingRateRecord(Instant fundingTime, BigDecimal rate) {}
