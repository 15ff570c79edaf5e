package io.tai2.execution;

import io.tai2.history.OrderRecord;
import java.math.BigDecimal;
import java.util.Optional;

/** Orders and numbers in the words the operator reads in results, feedback and logs. */
final class OrderWords {
  private OrderWords() {}

  /** A number as OKX writes it: no exponent, no trailing zeros. */
  static String num(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
  }

  /** "buy 1.5 contracts BTC-USDT-SWAP". */
  static String order(String side, BigDecimal contracts, String instId) {
    return side + " " + num(contracts) + " contracts " + instId;
  }

  static String plan(OrderPlan plan) {
    return order(plan.side(), plan.contracts(), plan.symbol());
  }

  static String record(OrderRecord o) {
    return order(o.side(), o.sizeContracts(), o.symbol());
  }

  /** "SL 59000 and TP 62000", "SL 59000", or "no SL/TP". */
  static String levels(Optional<BigDecimal> stopLoss, Optional<BigDecimal> takeProfit) {
    String sl = stopLoss.map(v -> "SL " + num(v)).orElse("");
    String tp = takeProfit.map(v -> "TP " + num(v)).orElse("");
    if (sl.isEmpty() && tp.isEmpty()) {
      return "no SL/TP";
    }
    return sl.isEmpty() ? tp : tp.isEmpty() ? sl : sl + " and " + tp;
  }

  /** A derived client id: the first 30 characters of {@code base} and a suffix, within OKX's 32. */
  static String derived(String base, String suffix) {
    int keep = Math.min(base.length(), 32 - suffix.length());
    return base.substring(0, keep) + suffix;
  }
}
