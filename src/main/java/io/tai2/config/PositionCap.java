package io.tai2.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The position cap of {@link GuardrailSettings#capFormula()} worked out for one symbol: the notional in USDT and, at
 * {@code price}, in contracts rounded down to the lot size. {@code limitedBy} names the smaller term.
 */
public record PositionCap(
    BigDecimal equityUsdt,
    BigDecimal availableMarginUsdt,
    BigDecimal maxLeverage,
    BigDecimal positionPct,
    BigDecimal equityTermUsdt,
    BigDecimal marginTermUsdt,
    BigDecimal capNotionalUsdt,
    String limitedBy,
    Optional<BigDecimal> capContracts) {

  /**
   * @param instrumentMaxLeverage the exchange's limit for the instrument; the lower of it and the guardrail applies
   * @param ctVal coin per contract; with {@code price} and {@code lotSz} it turns the notional into contracts
   */
  public static PositionCap of(
      GuardrailSettings guardrails,
      String symbol,
      BigDecimal equityUsdt,
      BigDecimal availableMarginUsdt,
      BigDecimal instrumentMaxLeverage,
      BigDecimal price,
      BigDecimal ctVal,
      BigDecimal lotSz) {
    BigDecimal leverage =
        instrumentMaxLeverage == null || instrumentMaxLeverage.signum() <= 0
            ? guardrails.maxLeverage()
            : guardrails.maxLeverage().min(instrumentMaxLeverage);
    BigDecimal pct = guardrails.positionPctFor(symbol);
    BigDecimal equityTerm = nonNegative(equityUsdt).multiply(leverage).multiply(pct);
    BigDecimal marginTerm = nonNegative(availableMarginUsdt).multiply(leverage);
    boolean marginSmaller = marginTerm.compareTo(equityTerm) < 0;
    BigDecimal cap = marginSmaller ? marginTerm : equityTerm;
    Optional<BigDecimal> contracts = Optional.empty();
    if (price != null && price.signum() > 0 && ctVal != null && ctVal.signum() > 0) {
      BigDecimal raw = cap.divide(price.multiply(ctVal), 8, RoundingMode.DOWN);
      contracts =
          Optional.of(
              lotSz == null || lotSz.signum() <= 0
                  ? raw
                  : raw.divide(lotSz, 0, RoundingMode.DOWN).multiply(lotSz));
    }
    return new PositionCap(
        nonNegative(equityUsdt),
        nonNegative(availableMarginUsdt),
        leverage,
        pct,
        equityTerm,
        marginTerm,
        cap,
        marginSmaller ? "available_margin" : "position_pct",
        contracts);
  }

  private static BigDecimal nonNegative(BigDecimal v) {
    return v == null || v.signum() < 0 ? BigDecimal.ZERO : v;
  }
}
