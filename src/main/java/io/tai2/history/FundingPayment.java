package io.tai2.history;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A funding fee OKX settled on a position (an account bill of type 8): {@code amount} in USDT, negative when the
 * position paid, positive when it received.
 */
public record FundingPayment(String billId, Instant paidAt, String symbol, BigDecimal amount) {}
