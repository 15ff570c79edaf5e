package io.tai2.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlippageTest {

  @ParameterizedTest(name = "{0} seen at {1}, filled at {2} → {3} bps")
  @CsvSource({
    // a buy filled above the price the decision saw paid more: adverse, positive
    "buy,  60000, 60006,   1",
    // a buy filled below it: price improvement, negative
    "buy,  60000, 59994,  -1",
    // a sell (an entry short or a close of a long) filled below it received less: adverse, positive
    "sell, 60000, 59988,   2",
    "sell, 60000, 60012,  -2",
    "buy,  60000, 60000,   0",
    // 0.5 % on a small price
    "sell, 0.2,   0.199,  50"
  })
  void givenASideReferenceAndFill_whenSlippageIsWorkedOut_thenAdverseIsPositiveInBasisPoints(
      String side, String reference, String fill, double bps) {
    assertThat(Slippage.bps(side, new BigDecimal(reference), new BigDecimal(fill)))
        .isCloseTo(bps, within(1e-9));
  }

  @ParameterizedTest
  @CsvSource({"long, 100, 101", "buy, 0, 101"})
  void givenAnUnknownSideOrNoReference_whenSlippageIsWorkedOut_thenItIsRefused(
      String side, String reference, String fill) {
    assertThatThrownBy(() -> Slippage.bps(side, new BigDecimal(reference), new BigDecimal(fill)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
