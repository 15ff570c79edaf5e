package io.tai2.okx;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One fill (docs/spec/okx-openrouter-protocols.md §5.6): {@code fillSz} in contracts, {@code fee} negative when charged, {@code fillPnl} the PnL it
 * realised, {@code execType} T (taker) or M (maker).
 */
public record FillInfo(
    String instId, String tradeId, String ordId, String clOrdId, String billId, String side, BigDecimal fillPx,
    BigDecimal fillSz, BigDecimal fee, String feeCcy, BigDecimal fillPnl, String execType, Instant ts) {}
