package io.tai2.okx;

import java.math.BigDecimal;

/**
 * An OKX instrument's trading rules. For swaps, sizes are in contracts; one contract is {@code ctVal × ctMult} of
 * {@code ctValCcy}. {@code maxLeverage} is the instrument's ceiling, not the account's setting.
 */
public record Instrument(
    String instId,
    String instType,
    String settleCcy,
    BigDecimal ctVal,
    BigDecimal ctMult,
    String ctValCcy,
    BigDecimal tickSz,
    BigDecimal lotSz,
    BigDecimal minSz,
    BigDecimal maxMktSz,
    BigDecimal maxLmtSz,
    BigDecimal maxLeverage,
    String state) {

  /** Coin per contract ({@code ctVal × ctMult}). */
  public BigDecimal contractSize() {
    return ctVal.multiply(ctMult);
  }
}
