package io.tai2.okx;

import java.math.BigDecimal;
import java.time.Instant;

/** A past funding settlement: the rate charged at {@code fundingTime} (OKX's realized rate where it gives one). */
public record FundingSettlement(String instId, Instant fundingTime, BigDecimal rate) {}
