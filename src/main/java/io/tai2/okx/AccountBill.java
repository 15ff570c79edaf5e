package io.tai2.okx;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One change of the trading account (docs/spec/okx-openrouter-protocols.md §4.7): {@code type} 1 transfer, 2 trade, 5 liquidation, 8 funding fee …;
 * {@code balChg} the balance change, {@code fee} negative when charged, {@code pnl} realised.
 */
public record AccountBill(
    String billId,
    String type,
    String subType,
    String instId,
    String ccy,
    BigDecimal balChg,
    BigDecimal bal,
    BigDecimal fee,
    BigDecimal pnl,
    String ordId,
    Instant ts) {}
