package io.tai2.okx;

import java.math.BigDecimal;

/** Fee rates for USDT swaps as OKX reports them: negative = the account pays, positive = rebate. */
public record TradeFee(BigDecimal taker, BigDecimal maker) {}
