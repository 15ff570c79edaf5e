package io.tai2.fills;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The paper account as live paper trading drives it: one last price after another. The way between two prices is a
 * continuous move, so a stop met on it fills at the stop (slipped), the excursions remember the extremes seen, and a
 * saved state resumes to the same account. No fee and no slippage unless a test says so, to keep the numbers plain.
 */
class PaperAccountTest {

  static final Instant T = Instant.parse("2026-03-01T00:00:00Z");
  static final String BTC = "BTC-USDT-SWAP";
  static final UUID ENTRY = UUID.fromString("00000000-0000-0000-0000-000000000001");

  static PaperAccount account(String fee, String slippageBps) {
    return new PaperAccount(
        new BigDecimal("10000"), new BigDecimal(fee), new BigDecimal(slippageBps));
  }

  /** A long of 1 coin (10 contracts of 0.1) at 100 with 5× leverage, stop 95, take 110. */
  static PaperAccount.Position openLong(PaperAccount a) {
    return a.open(
        BTC,
        1,
        BigDecimal.TEN,
        new BigDecimal("0.1"),
        new BigDecimal("100"),
        new BigDecimal("5"),
        Optional.of(new BigDecimal("95")),
        Optional.of(new BigDecimal("110")),
        T,
        ENTRY);
  }

  static BigDecimal px(String p) {
    return new BigDecimal(p);
  }

  @Test
  void
      givenALong_whenThePriceFallsThroughTheStopBetweenTwoPrices_thenItFillsAtTheStopNotAtTheNewPrice() {
    PaperAccount a = account("0", "0");
    openLong(a);

    assertThat(a.onPrice(BTC, px("98"), T.plusSeconds(1))).isEmpty();
    PaperAccount.Closed closed = a.onPrice(BTC, px("93"), T.plusSeconds(2)).orElseThrow();

    assertThat(closed.reason()).isEqualTo(ExitReason.STOP);
    assertThat(closed.exitPrice()).isEqualByComparingTo("95");
    assertThat(closed.pnl()).isEqualByComparingTo("-5");
    assertThat(a.cash()).isEqualByComparingTo("9995");
    assertThat(a.position(BTC)).isEmpty();
  }

  @Test
  void givenALong_whenTheTakeProfitIsMet_thenItFillsAtTheTakeSlippedAgainstIt() {
    PaperAccount a = account("0.0005", "10");
    PaperAccount.Position p = openLong(a);
    assertThat(p.entryPrice()).as("a 10 bps slipped buy").isEqualByComparingTo("100.1");

    PaperAccount.Closed closed = a.onPrice(BTC, px("111"), T.plusSeconds(5)).orElseThrow();

    assertThat(closed.reason()).isEqualTo(ExitReason.TAKE);
    assertThat(closed.exitPrice())
        .as("the take at 110, sold 10 bps lower")
        .isEqualByComparingTo("109.89");
    // gross 109.89 − 100.1 = 9.79; fees 0.05005 + 0.054945
    assertThat(closed.grossPnl()).isEqualByComparingTo("9.79");
    assertThat(closed.fees()).isEqualByComparingTo("0.104995");
    assertThat(closed.pnl()).isEqualByComparingTo("9.685005");
  }

  @Test
  void givenPricesWhileOpen_whenClosed_thenTheExcursionsAreTheExtremesSeenInPercentOfTheEntry() {
    PaperAccount a = account("0", "0");
    openLong(a);
    a.onPrice(BTC, px("104"), T.plusSeconds(1));
    a.onPrice(BTC, px("97"), T.plusSeconds(2));
    a.onPrice(BTC, px("101"), T.plusSeconds(3));

    PaperAccount.Closed closed =
        a.close(BTC, px("102"), T.plusSeconds(4), Optional.empty()).orElseThrow();

    assertThat(closed.favourablePct()).isEqualByComparingTo("4");
    assertThat(closed.adversePct()).isEqualByComparingTo("-3");
    assertThat(closed.pnl()).isEqualByComparingTo("2");
  }

  @Test
  void givenAShort_whenTheBarRisesThroughTheStop_thenTheAdverseExcursionStopsAtTheExit() {
    PaperAccount a = account("0", "0");
    a.open(
        BTC,
        -1,
        BigDecimal.TEN,
        new BigDecimal("0.1"),
        px("100"),
        new BigDecimal("5"),
        Optional.of(px("103")),
        Optional.empty(),
        T,
        ENTRY);

    PaperAccount.Closed closed =
        a.onBar(BTC, new PathBar(T.plusSeconds(60), px("100"), px("108"), px("99"), px("107")))
            .orElseThrow();

    assertThat(closed.reason()).isEqualTo(ExitReason.STOP);
    assertThat(closed.exitPrice()).isEqualByComparingTo("103");
    assertThat(closed.adversePct())
        .as("the rest of the bar came after the exit")
        .isEqualByComparingTo("-3");
  }

  @Test
  void givenASavedState_whenRestored_thenTheAccountGoesOnAsIfNeverStopped() {
    PaperAccount a = account("0.0005", "0");
    openLong(a);
    a.onPrice(BTC, px("102"), T.plusSeconds(1));
    a.fund(BTC, px("102"), new BigDecimal("0.0001"));

    PaperAccount b = PaperAccount.restore(a.state(), new BigDecimal("0.0005"), BigDecimal.ZERO);

    assertThat(b.equity()).isEqualByComparingTo(a.equity());
    assertThat(b.available()).isEqualByComparingTo(a.available());
    assertThat(b.liquidationPrice(BTC)).isEqualTo(a.liquidationPrice(BTC));
    assertThat(b.fundingPaid()).isEqualByComparingTo(a.fundingPaid());
    PaperAccount.Closed fromA = a.onPrice(BTC, px("94"), T.plusSeconds(2)).orElseThrow();
    PaperAccount.Closed fromB = b.onPrice(BTC, px("94"), T.plusSeconds(2)).orElseThrow();
    assertThat(fromB.pnl()).isEqualByComparingTo(fromA.pnl());
    assertThat(fromB.favourablePct()).isEqualByComparingTo("2");
  }
}
