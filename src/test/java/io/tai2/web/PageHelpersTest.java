package io.tai2.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.state.MemoryStateStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The pages' number and time formats, and the DEBUG pane's bounded ring. */
class PageHelpersTest {

  @Test
  void givenNumbers_whenFormatted_thenGroupedWithTheirUnitAndNothingIsADash() {
    assertThat(Fmt.usdt(new BigDecimal("9998.598445"))).isEqualTo("9,998.60 USDT");
    assertThat(Fmt.num(new BigDecimal("88575.000"))).isEqualTo("88,575");
    assertThat(Fmt.num(new BigDecimal("0.00012300"))).isEqualTo("0.000123");
    assertThat(Fmt.amount(new BigDecimal("0.123456789"), "BTC")).isEqualTo("0.12345679 BTC");
    assertThat(Fmt.amount(new BigDecimal("12.345"), "USDT")).isEqualTo("12.34 USDT");
    assertThat(Fmt.pct(new BigDecimal("-0.0478"))).isEqualTo("-4.78 %");
    assertThat(Fmt.usdt(null)).isEqualTo("–");
  }

  @Test
  void givenAnInstant_whenWrittenInTheDisplayZone_thenItIsThatZonesWallClockLabelledWithTheZone() {
    Instant t = Instant.parse("2026-12-04T12:00:05.123Z");

    assertThat(Fmt.time(t, ZoneId.of("UTC"))).isEqualTo("2026-12-04 12:00:05 UTC");
    assertThat(Fmt.time(t, ZoneId.of("Europe/Berlin")))
        .isEqualTo("2026-12-04 13:00:05 Europe/Berlin");
    assertThat(Fmt.time(t, ZoneId.of("America/New_York")))
        .isEqualTo("2026-12-04 07:00:05 America/New_York");
    assertThat(Fmt.time(Instant.parse("2026-07-04T12:00:05Z"), ZoneId.of("America/New_York")))
        .as("daylight saving time")
        .isEqualTo("2026-07-04 08:00:05 America/New_York");
    assertThat(Fmt.time(Instant.parse("2026-12-04T02:30:00Z"), ZoneId.of("America/New_York")))
        .as("the day before")
        .isEqualTo("2026-12-03 21:30:00 America/New_York");
    assertThat(Fmt.bareTime(t, ZoneId.of("Asia/Kolkata"))).isEqualTo("2026-12-04 17:30:05");
    assertThat(Fmt.clock(t, ZoneId.of("Asia/Tokyo"))).isEqualTo("21:00:05 Asia/Tokyo");
    assertThat(Fmt.bareClock(t, ZoneId.of("Asia/Tokyo"))).isEqualTo("21:00:05");
    assertThat(Fmt.header("Time", ZoneId.of("Asia/Tokyo"))).isEqualTo("Time (Asia/Tokyo)");
    assertThat(Fmt.time(null, ZoneId.of("Asia/Tokyo"))).isEqualTo("–");
    assertThat(Fmt.clock(null, ZoneId.of("Asia/Tokyo"))).isEqualTo("–");
  }

  @Test
  void givenMoreLinesThanTheRingHolds_whenLogged_thenOnlyTheNewestAreKeptInOrder() {
    DebugLog log = new DebugLog(new LiveEvents(new MemoryStateStore()));
    Instant t0 = Instant.parse("2026-12-04T12:00:00Z");
    for (int i = 0; i < DebugLog.CAPACITY + 5; i++) {
      log.add(new DebugLog.Entry(t0.plusSeconds(i), "INFO", "Probe", "line " + i));
    }

    assertThat(log.recent()).hasSize(DebugLog.CAPACITY);
    assertThat(log.recent().getFirst().message()).isEqualTo("line 5");
    assertThat(log.recent().getLast().message()).isEqualTo("line " + (DebugLog.CAPACITY + 4));
  }
}
