package io.tai2.okx;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The trading account: total equity in USD and per-currency balances. */
public record AccountBalance(BigDecimal totalEq, List<CurrencyBalance> details) {

  /** One currency: equity, cash, available and unrealised PnL, in that currency. */
  public record CurrencyBalance(
      String ccy, BigDecimal eq, BigDecimal cashBal, BigDecimal availBal, BigDecimal upl) {}

  public Optional<CurrencyBalance> currency(String ccy) {
    return details.stream().filter(d -> d.ccy().equals(ccy)).findFirst();
  }
}
