package io.tai2.okx;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One fill (docs/spec/okx-openrouter-protocols.md §5.6): {@code fillSz} in contracts, {@code fee} negative when charged, {@code fillPnl} the PnL it
 * realised, {@code execType} T (taker) or M (maker); {@code subType} the bill's transaction type (3/4 open long/short,
 * 5/6 close long/short, 100–107 liquidation, 125–128 auto-deleveraging; empty in older replies), {@code posSide}
 * {@code net}, {@code long} or {@code short}.
 */
public record FillInfo(
    String instId,
    String tradeId,
    String ordId,
    String clOrdId,
    String billId,
    String subType,
    String side,
    String posSide,
    BigDecimal fillPx,
    BigDecimal fillSz,
    BigDecimal fee,
    String feeCcy,
    BigDecimal fillPnl,
    String execType,
    Instant ts) {}
