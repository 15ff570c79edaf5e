package io.tai2.execution;

import io.tai2.history.OrderRecord;
import io.tai2.okx.FillInfo;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

/**
 * Why OKX closed a position on its own, as far as the fill tells: its bill sub-type names a liquidation or
 * auto-deleveraging; a kill-switch close carries the kill switch's client order id; otherwise the price is compared with
 * the stop-loss and take-profit of the entry that opened the position (a stop fills at or beyond its level, a gap further
 * still). Pure.
 */
final class ExitReason {

  /** How close to a level a fill on the better side still counts as that level (a trigger filled a tick better). */
  static final BigDecimal TOLERANCE = new BigDecimal("0.0025");

  private static final Set<String> LIQUIDATION =
      Set.of("100", "101", "102", "103", "104", "105", "106", "107");
  private static final Set<String> DELEVERAGING = Set.of("125", "126", "127", "128");

  private ExitReason() {}

  /** {@code entry}: the last filled entry on the symbol, whose SL/TP the position carried. */
  static String of(FillInfo fill, Optional<OrderRecord> entry) {
    if (LIQUIDATION.contains(fill.subType()) || fill.tradeId().startsWith("-")) {
      return "liquidation";
    }
    if (DELEVERAGING.contains(fill.subType())) {
      return "auto-deleveraging by OKX";
    }
    if (fill.clOrdId().startsWith("t2k")) {
      return "closed by the kill switch";
    }
    boolean closesLong = fill.side().equals("sell");
    Optional<OrderRecord> opened = entry.filter(e -> e.side().equals(closesLong ? "buy" : "sell"));
    BigDecimal px = fill.fillPx();
    Optional<BigDecimal> sl = opened.flatMap(OrderRecord::stopLoss);
    Optional<BigDecimal> tp = opened.flatMap(OrderRecord::takeProfit);
    if (sl.isPresent()
        && (closesLong ? px.compareTo(above(sl.get())) <= 0 : px.compareTo(below(sl.get())) >= 0)) {
      return "stop-loss " + OrderWords.num(sl.get()) + " triggered";
    }
    if (tp.isPresent()
        && (closesLong ? px.compareTo(below(tp.get())) >= 0 : px.compareTo(above(tp.get())) <= 0)) {
      return "take-profit " + OrderWords.num(tp.get()) + " triggered";
    }
    return "closed on OKX without tai2 (by hand, another client, or a protection order it did not place)";
  }

  private static BigDecimal above(BigDecimal level) {
    return level.multiply(BigDecimal.ONE.add(TOLERANCE));
  }

  private static BigDecimal below(BigDecimal level) {
    return level.multiply(BigDecimal.ONE.subtract(TOLERANCE));
  }
}
