package io.tai2.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The clock-driven walk of {@code sim --speed}: four steps per bar along the intra-bar path. */
class SimMarketStepTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void
      givenCandleBars_whenStepped_thenThePriceWalksOpenLowHighCloseForUpBarsAndOpenHighLowCloseForDownBars() {
    List<CandleFile.Row> rows =
        List.of(
            row(0, "101", "101", "99", "100"),
            row(60_000, "100", "103", "99", "102"), // up: o → l → h → c
            row(120_000, "102", "104", "98", "99")); // down: o → h → l → c
    SimMarket market = SimMarket.randomWalk(CLOCK, 1, 10, 0).withCandles("BTC-USDT-SWAP", rows);
    List<String> walked = new ArrayList<>();
    walked.add(market.last("BTC-USDT-SWAP").stripTrailingZeros().toPlainString());
    List<Integer> notified = new ArrayList<>();
    market.onPriceChange(() -> notified.add(1));

    for (int i = 0; i < 8; i++) {
      market.step();
      walked.add(market.last("BTC-USDT-SWAP").stripTrailingZeros().toPlainString());
    }

    assertThat(walked).containsExactly("100", "100", "99", "103", "102", "102", "104", "98", "99");
    assertThat(notified).hasSize(8);
  }

  @Test
  void
      givenSteps_whenTheMoveIsAsked_thenOnlyAStepInsideABarIsContinuousAndPinsAndNewBarsAreJumps() {
    List<CandleFile.Row> rows =
        List.of(
            row(0, "101", "101", "99", "100"),
            row(60_000, "100", "103", "99", "102"),
            row(120_000, "102", "104", "98", "99"));
    SimMarket market = SimMarket.randomWalk(CLOCK, 1, 10, 0).withCandles(BTC, rows);

    market.step(); // bar 1 opens: a jump
    assertThat(market.steppedFrom(BTC)).isEmpty();
    market.step(); // open 100 → low 99
    assertThat(market.steppedFrom(BTC))
        .hasValueSatisfying(from -> assertThat(from).isEqualByComparingTo("100"));
    market.setPrice(BTC, new BigDecimal("98.5"));
    assertThat(market.steppedFrom(BTC)).isEmpty();
    market.step(); // the pin is released onto the high 103: a jump for BTC, a step for the others
    assertThat(market.steppedFrom(BTC)).isEmpty();
    assertThat(market.steppedFrom("ETH-USDT-SWAP")).isPresent();
    market.step(); // high 103 → close 102
    assertThat(market.steppedFrom(BTC))
        .hasValueSatisfying(from -> assertThat(from).isEqualByComparingTo("103"));
    market.advance(1);
    assertThat(market.steppedFrom(BTC)).isEmpty();
  }

  static final String BTC = "BTC-USDT-SWAP";

  private static CandleFile.Row row(long ts, String o, String h, String l, String c) {
    return new CandleFile.Row(
        Instant.ofEpochMilli(ts),
        new BigDecimal(o),
        new BigDecimal(h),
        new BigDecimal(l),
        new BigDecimal(c),
        BigDecimal.TEN);
  }
}
