package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a confirmed leverage lets an entry skip set-leverage, and everything that makes it forget. */
class ConfirmedLeverageTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  static final Duration TRUST = Duration.ofMinutes(15);

  ConfirmedLeverage confirmed = new ConfirmedLeverage();

  @Test
  void givenAConfirmation_whenTheSameValueIsAskedWithinTheTrust_thenItHoldsAndNotOnePastIt() {
    confirmed.confirmed(BTC, "cross", "net", new BigDecimal("5"), T0);

    assertThat(confirmed.holds(BTC, "cross", "net", new BigDecimal("5.00"), T0.plus(TRUST), TRUST))
        .isTrue();
    assertThat(
            confirmed.holds(
                BTC, "cross", "net", new BigDecimal("5"), T0.plus(TRUST).plusMillis(1), TRUST))
        .isFalse();
  }

  @Test
  void givenAConfirmation_whenAnotherValueModeOrInstrumentIsAsked_thenItDoesNotHold() {
    confirmed.confirmed(BTC, "cross", "net", new BigDecimal("5"), T0);

    assertThat(confirmed.holds(BTC, "cross", "net", new BigDecimal("3"), T0, TRUST)).isFalse();
    assertThat(confirmed.holds(BTC, "isolated", "net", new BigDecimal("5"), T0, TRUST)).isFalse();
    assertThat(confirmed.holds("ETH-USDT-SWAP", "cross", "net", new BigDecimal("5"), T0, TRUST))
        .isFalse();
  }

  @Test
  void givenIsolatedLongShortMode_whenOneSideIsConfirmed_thenTheOtherSideIsNot() {
    confirmed.confirmed(BTC, "isolated", "long", new BigDecimal("5"), T0);

    assertThat(confirmed.holds(BTC, "isolated", "long", new BigDecimal("5"), T0, TRUST)).isTrue();
    assertThat(confirmed.holds(BTC, "isolated", "short", new BigDecimal("5"), T0, TRUST)).isFalse();
  }

  @Test
  void
      givenCrossLongShortMode_whenOneSideIsConfirmed_thenBothAreAsOkxKeepsOneCrossLeveragePerInstrument() {
    confirmed.confirmed(BTC, "cross", "long", new BigDecimal("5"), T0);

    assertThat(confirmed.holds(BTC, "cross", "short", new BigDecimal("5"), T0, TRUST)).isTrue();
  }

  @Test
  void givenAConfirmation_whenAnOpenPositionIsReportedAtTheSameValue_thenTheTrustStartsAgain() {
    confirmed.confirmed(BTC, "cross", "net", new BigDecimal("5"), T0);

    confirmed.inUse(BTC, "cross", "net", new BigDecimal("5"), T0.plus(TRUST));

    assertThat(
            confirmed.holds(
                BTC, "cross", "net", new BigDecimal("5"), T0.plus(TRUST).plus(TRUST), TRUST))
        .isTrue();
  }

  @Test
  void givenAConfirmation_whenAPositionOrAnOrderIsReportedAtAnotherValue_thenItIsForgotten() {
    confirmed.confirmed(BTC, "cross", "net", new BigDecimal("5"), T0);
    confirmed.inUse(BTC, "cross", "net", new BigDecimal("10"), T0);
    confirmed.inUse(
        BTC, "cross", "net", new BigDecimal("5"), T0); // a later report does not bring it back

    confirmed.confirmed("ETH-USDT-SWAP", "cross", "net", new BigDecimal("5"), T0);
    confirmed.placedAt("ETH-USDT-SWAP", "cross", "net", new BigDecimal("3"));

    assertThat(confirmed.holds(BTC, "cross", "net", new BigDecimal("5"), T0, TRUST)).isFalse();
    assertThat(confirmed.holds("ETH-USDT-SWAP", "cross", "net", new BigDecimal("5"), T0, TRUST))
        .isFalse();
  }

  @Test
  void
      givenAConfirmation_whenAnOrderIsReportedAtTheSameValue_thenTheTrustIsNotRenewedByAnOldOrder() {
    confirmed.confirmed(BTC, "cross", "net", new BigDecimal("5"), T0);

    confirmed.placedAt(BTC, "cross", "net", new BigDecimal("5"));

    assertThat(confirmed.holds(BTC, "cross", "net", new BigDecimal("5"), T0.plus(TRUST), TRUST))
        .isTrue();
    assertThat(
            confirmed.holds(
                BTC, "cross", "net", new BigDecimal("5"), T0.plus(TRUST).plusMillis(1), TRUST))
        .isFalse();
  }

  @Test
  void
      givenConfirmations_whenAMarginAdjustmentOrAPositionModeSwitchMayHaveChangedThem_thenTheyAreForgotten() {
    confirmed.confirmed(BTC, "isolated", "net", new BigDecimal("5"), T0);
    confirmed.confirmed(BTC, "cross", "net", new BigDecimal("5"), T0);
    confirmed.confirmed("ETH-USDT-SWAP", "cross", "net", new BigDecimal("5"), T0);

    confirmed.forgetInstrument(BTC);

    assertThat(confirmed.holds(BTC, "isolated", "net", new BigDecimal("5"), T0, TRUST)).isFalse();
    assertThat(confirmed.holds(BTC, "cross", "net", new BigDecimal("5"), T0, TRUST)).isFalse();
    assertThat(confirmed.holds("ETH-USDT-SWAP", "cross", "net", new BigDecimal("5"), T0, TRUST))
        .isTrue();
    confirmed.forgetAll();
    assertThat(confirmed.holds("ETH-USDT-SWAP", "cross", "net", new BigDecimal("5"), T0, TRUST))
        .isFalse();
  }
}
