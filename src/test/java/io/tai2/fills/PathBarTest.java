package io.tai2.fills;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The intra-bar path, funding's sign and slippage's direction: the pieces of the fill model besides the levels. */
class PathBarTest {

  static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  static PathBar bar(String open, String high, String low, String close) {
    return new PathBar(
        T, new BigDecimal(open), new BigDecimal(high), new BigDecimal(low), new BigDecimal(close));
  }

  static String plain(BigDecimal px) {
    return px.stripTrailingZeros().toPlainString();
  }

  @Test
  void givenARisingBar_whenWalked_thenItGoesOpenLowHighClose() {
    PathBar rising = bar("100", "105", "98", "103");

    assertThat(rising.rising()).isTrue();
    assertThat(rising.path().stream().map(PathBarTest::plain))
        .containsExactly("100", "98", "105", "103");
  }

  @Test
  void givenAFallingBar_whenWalked_thenItGoesOpenHighLowClose() {
    PathBar falling = bar("100", "105", "98", "99");

    assertThat(falling.rising()).isFalse();
    assertThat(falling.path().stream().map(PathBarTest::plain))
        .containsExactly("100", "105", "98", "99");
  }

  @Test
  void givenAFlatBar_whenWalked_thenItCountsAsRisingAndVisitsItsLowFirst() {
    PathBar flat = bar("100", "102", "97", "100");

    assertThat(flat.rising()).isTrue();
    assertThat(plain(flat.point(1))).isEqualTo("97");
  }

  @Test
  void givenAnyBar_whenPhasesAreRead_thenPhase0IsTheOpenAnd3OrMoreIsTheClose() {
    PathBar rising = bar("100", "105", "98", "103");

    assertThat(plain(rising.point(0))).isEqualTo("100");
    assertThat(plain(rising.point(3))).isEqualTo("103");
    assertThat(plain(rising.point(PathBar.PHASES))).isEqualTo("103");
    assertThat(rising.path()).hasSize(PathBar.PHASES);
  }

  @Test
  void givenAPositiveRate_whenFundingIsSettled_thenTheLongPaysAndTheShortReceives() {
    BigDecimal coin = new BigDecimal("0.1");
    BigDecimal px = new BigDecimal("60000");
    BigDecimal rate = new BigDecimal("0.0001");

    assertThat(PositionMath.funding(1, coin, px, rate)).isEqualByComparingTo("-0.6");
    assertThat(PositionMath.funding(-1, coin, px, rate)).isEqualByComparingTo("0.6");
    assertThat(PositionMath.funding(1, coin, px, rate.negate())).isEqualByComparingTo("0.6");
  }

  @Test
  void givenSlippage_whenAFillIsMoved_thenABuyPaysMoreAndASellGetsLess() {
    BigDecimal px = new BigDecimal("60000");
    BigDecimal bps = new BigDecimal("5");

    assertThat(PositionMath.slipped(px, 1, bps)).isEqualByComparingTo("60030");
    assertThat(PositionMath.slipped(px, -1, bps)).isEqualByComparingTo("59970");
    assertThat(PositionMath.slipped(px, 1, BigDecimal.ZERO)).isEqualByComparingTo("60000");
  }
}
