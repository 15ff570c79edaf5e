package io.tai2.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The lazily generated price path: a pure function of seed, instrument and minute; one unbroken line into the live bar. */
class SimPricePathTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
  static final String BTC = "BTC-USDT-SWAP";

  @Test
  void givenTheSameSeed_whenMinutesAreAskedInAnyOrder_thenEachMinuteIsTheSame() {
    SimPricePath forwards =
        SimPricePath.seeded(5, BTC, new BigDecimal("90000"), new BigDecimal("0.1"));
    SimPricePath backwards =
        SimPricePath.seeded(5, BTC, new BigDecimal("90000"), new BigDecimal("0.1"));
    int[] minutes = {-SimPricePath.DEPTH, -1_000_000, -525_600, -1, 0, 1_439, 1_440, 100_000};

    List<SimPricePath.Span> a = Arrays.stream(minutes).mapToObj(forwards::minute).toList();
    List<SimPricePath.Span> b =
        IntStream.range(0, minutes.length)
            .map(k -> minutes[minutes.length - 1 - k])
            .mapToObj(backwards::minute)
            .toList()
            .reversed();

    assertThat(a).isEqualTo(b);
    assertThat(
            SimPricePath.seeded(6, BTC, new BigDecimal("90000"), new BigDecimal("0.1"))
                .minute(-1_000_000))
        .isNotEqualTo(a.get(1));
    assertThat(
            SimPricePath.seeded(5, "ETH-USDT-SWAP", new BigDecimal("90000"), new BigDecimal("0.1"))
                .minute(-1_000_000))
        .isNotEqualTo(a.get(1));
  }

  @Test
  void givenSixYearsOfMinutes_whenSummedByDay_thenTheyJoinUpAndStayWithinAPlausibleBand() {
    SimPricePath path = SimPricePath.seeded(1, BTC, new BigDecimal("90000"), new BigDecimal("0.1"));

    SimPricePath.Span whole = path.aggregate(-SimPricePath.DEPTH, 0);
    SimPricePath.Span joined = null;
    for (int d = -SimPricePath.DEPTH / SimPricePath.DAY; d < 0; d++) {
      SimPricePath.Span day = path.aggregate(d * SimPricePath.DAY, (d + 1) * SimPricePath.DAY);
      if (joined != null) {
        assertThat(day.open())
            .as("day %d opens at the previous close", d)
            .isEqualTo(joined.close());
      }
      joined = joined == null ? day : joined.join(day);
    }

    assertThat(joined).isEqualTo(whole);
    assertThat(whole.close())
        .isEqualTo(900_000); // the history ends exactly where the replay starts
    assertThat(whole.low()).isGreaterThan(900_000 / 5);
    assertThat(whole.high()).isLessThan(900_000 * 5);
  }

  @Test
  void
      givenTheLiveBar_whenTheHistoryIsRead_thenEveryMinuteOpensAtThePreviousCloseIntoTheFormingBar() {
    SimMarket market = SimMarket.randomWalk(CLOCK, 3, 3_000, 1_440);

    List<Map.Entry<Instant, SimMarket.Bar>> minutes =
        market.history(BTC, 5_000); // crosses minute 0 and three days

    assertThat(minutes).hasSize(5_000);
    assertThat(minutes.getLast().getKey()).isEqualTo(CLOCK.instant());
    for (int i = 1; i < minutes.size(); i++) {
      assertThat(minutes.get(i).getValue().open())
          .as("minute %d", i)
          .isEqualByComparingTo(minutes.get(i - 1).getValue().close());
      assertThat(minutes.get(i).getKey())
          .isEqualTo(minutes.get(i - 1).getKey().plus(Duration.ofMinutes(1)));
    }
    assertThat(minutes.getLast().getValue().close()).isEqualByComparingTo(market.last(BTC));
  }

  @Test
  void givenTheReplayAdvances_whenTheHistoryIsReadAgain_thenTheBarThatWasFormingIsNowClosedInIt() {
    SimMarket market = SimMarket.randomWalk(CLOCK, 3, 3_000, 1_440);
    SimMarket.Bar forming = market.history(BTC, 1).getFirst().getValue();

    market.advance(10);
    long now = CLOCK.millis();
    SimMarket.Bar tenMinutesAgo = market.span(BTC, now - 600_000, now - 540_000).orElseThrow();
    SimMarket.Bar lastTen = market.span(BTC, now - 600_000, now + 60_000).orElseThrow();

    assertThat(tenMinutesAgo).isEqualTo(forming);
    assertThat(lastTen.open()).isEqualByComparingTo(forming.open());
    assertThat(lastTen.close()).isEqualByComparingTo(market.last(BTC));
  }

  @Test
  void givenAPinnedPrice_whenTheFormingBarIsSummed_thenThePinIsItsClose() {
    SimMarket market = SimMarket.randomWalk(CLOCK, 3, 3_000, 1_440);
    BigDecimal pinned =
        market.last(BTC).multiply(new BigDecimal("1.1")).setScale(1, RoundingMode.HALF_UP);

    market.setPrice(BTC, pinned);
    SimMarket.Bar hour =
        market.span(BTC, CLOCK.millis() - 3_540_000, CLOCK.millis() + 60_000).orElseThrow();

    assertThat(hour.close()).isEqualByComparingTo(pinned);
    assertThat(hour.high()).isEqualByComparingTo(pinned);
  }
}
