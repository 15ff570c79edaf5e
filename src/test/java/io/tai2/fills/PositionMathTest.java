package io.tai2.fills;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

/** Protocols §12.4 worked check: BTC-USDT-SWAP, 10 contracts (0.1 BTC) long at 60000, 10×, isolated. */
class PositionMathTest {

  static final BigDecimal Q = new BigDecimal("0.1");
  static final BigDecimal AVG = new BigDecimal("60000");
  static final BigDecimal LEVER = BigDecimal.TEN;
  static final BigDecimal MARK = new BigDecimal("61000");

  static BigDecimal r(BigDecimal v, int scale) {
    return v.setScale(scale, RoundingMode.HALF_UP);
  }

  @Test
  void givenTheWorkedExample_whenOpened_thenFeeIs3AndMarginIs600() {
    assertThat(PositionMath.fee(Q, AVG, PositionMath.TAKER_RATE)).isEqualByComparingTo("-3");
    assertThat(PositionMath.initialMargin(Q, AVG, LEVER)).isEqualByComparingTo("600");
  }

  @Test
  void givenTheWorkedExample_whenLiquidationPricesAreComputed_thenLong54244_10AndShort65704_33() {
    BigDecimal margin = new BigDecimal("600");

    assertThat(r(PositionMath.liquidationPrice(1, Q, AVG, margin), 2))
        .isEqualByComparingTo("54244.10");
    assertThat(r(PositionMath.liquidationPrice(-1, Q, AVG, margin), 2))
        .isEqualByComparingTo("65704.33");
  }

  @Test
  void givenMark61000_whenTheLongIsValued_thenUpl100Ratio0_1667Mmr24_4AndMarginRatio25_50() {
    BigDecimal upl = PositionMath.upl(1, Q, AVG, MARK);

    assertThat(upl).isEqualByComparingTo("100");
    assertThat(r(PositionMath.uplRatio(upl, Q, AVG, LEVER), 4)).isEqualByComparingTo("0.1667");
    assertThat(PositionMath.maintenance(Q, MARK)).isEqualByComparingTo("24.4");
    assertThat(r(PositionMath.marginRatio(new BigDecimal("600"), upl, Q, MARK), 2))
        .isEqualByComparingTo("25.50");
    assertThat(PositionMath.upl(-1, Q, AVG, MARK)).isEqualByComparingTo("-100");
  }
}
