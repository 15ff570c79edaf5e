package io.tai2.okx;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * An order as OKX reports it; {@code avgPx} is empty until something filled, {@code fee} is negative when charged,
 * {@code lever} is the leverage it was placed at ({@code tdMode} and {@code posSide} say which of the account's).
 */
public record OrderDetails(
    String ordId,
    String clOrdId,
    String instId,
    String side,
    String tdMode,
    String posSide,
    String ordType,
    String state,
    BigDecimal sz,
    BigDecimal accFillSz,
    Optional<BigDecimal> avgPx,
    BigDecimal fee,
    BigDecimal lever,
    Instant cTime) {

  public boolean isFilled() {
    return state.equals("filled");
  }
}
