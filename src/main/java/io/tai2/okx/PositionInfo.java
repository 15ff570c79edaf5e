package io.tai2.okx;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A position as OKX reports it: {@code pos} in contracts, signed in net mode; {@code margin} only for isolated;
 * {@code protection} lists the TP/SL algos attached to it.
 */
public record PositionInfo(
    String instId,
    String mgnMode,
    String posSide,
    BigDecimal pos,
    Optional<BigDecimal> avgPx,
    BigDecimal markPx,
    BigDecimal upl,
    BigDecimal lever,
    Optional<BigDecimal> liqPx,
    Optional<BigDecimal> margin,
    BigDecimal fee,
    List<Protection> protection) {

  /** One TP/SL on the position. */
  public record Protection(
      String algoId,
      Optional<BigDecimal> stopLossTrigger,
      Optional<BigDecimal> takeProfitTrigger) {}
}
