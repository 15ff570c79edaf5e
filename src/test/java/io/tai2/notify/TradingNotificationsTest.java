package io.tai2.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.execution.TradingEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TradingNotificationsTest {

  static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");
  final TradingNotifications words = new TradingNotifications(() -> "LIVE");

  @Test
  void givenAnEntryFill_whenWorded_thenSideSizePriceAndLevelsInTextAndFields() {
    Notification n =
        words.of(
            new TradingEvent.EntryFilled(
                AT,
                "ETH-USDT-SWAP",
                "sell",
                new BigDecimal("2.50"),
                new BigDecimal("3100.10"),
                Optional.of(new BigDecimal("3200")),
                Optional.empty(),
                "stop-loss confirmed on OKX"));

    assertThat(n.kind()).isEqualTo(NotificationKind.ENTRY_FILLED);
    assertThat(n.symbol()).isEqualTo("ETH-USDT-SWAP");
    assertThat(n.text())
        .isEqualTo(
            "tai2 [LIVE] Entry filled: sell 2.5 contracts ETH-USDT-SWAP at 3100.1 (SL 3200); stop-loss confirmed on OKX");
    assertThat(n.fields())
        .containsEntry("contracts", "2.5")
        .containsEntry("stop_loss", "3200")
        .doesNotContainKey("take_profit");
  }

  @Test
  void givenACloseWithALoss_whenWorded_thenTheExitShowsThePnlWithItsSign() {
    Notification n =
        words.of(
            new TradingEvent.PositionClosed(
                AT,
                "BTC-USDT-SWAP",
                "sell",
                BigDecimal.ONE,
                new BigDecimal("64000"),
                Optional.of(new BigDecimal("-12.5")),
                "decision CLOSE: trend broke"));

    assertThat(n.kind()).isEqualTo(NotificationKind.EXIT);
    assertThat(n.text())
        .isEqualTo(
            "tai2 [LIVE] Position closed: sell 1 contracts BTC-USDT-SWAP at 64000, realised PnL -12.5 USDT — decision CLOSE: trend broke");
  }

  @Test
  void givenTheKillSwitchWithAFailure_whenWorded_thenTheFailureIsCalledOutForCheckingByHand() {
    Notification n =
        words.of(
            new TradingEvent.KillSwitchEngaged(
                AT, "admin", true, List.of("cancel order 1"), List.of("close BTC: timeout")));

    assertThat(n.kind()).isEqualTo(NotificationKind.KILL_SWITCH);
    assertThat(n.symbol()).isEmpty();
    assertThat(n.text())
        .isEqualTo(
            "tai2 [LIVE] Kill switch engaged by admin with positions flattened: 1 action(s) done. FAILED (check OKX by hand):"
                + " close BTC: timeout");
  }

  @Test
  void givenTheExecutionFindings_whenWorded_thenEachHasItsEventNameSymbolAndWhatToDo() {
    Notification exit =
        words.of(
            new TradingEvent.ExchangeExit(
                AT,
                "BTC-USDT-SWAP",
                "sell",
                new BigDecimal("2"),
                new BigDecimal("62990.10"),
                new BigDecimal("-40.2"),
                "stop-loss 63000 triggered"));
    assertThat(exit.kind()).isEqualTo(NotificationKind.EXIT);
    assertThat(exit.text())
        .isEqualTo(
            "tai2 [LIVE] Exit on OKX: stop-loss 63000 triggered — sell 2 contracts BTC-USDT-SWAP at 62990.1, realised PnL"
                + " -40.2 USDT");
    assertThat(exit.fields()).containsEntry("by", "exchange").containsEntry("pnl", "-40.2");

    Notification unknown =
        words.of(
            new TradingEvent.OrderOutcomeUnknown(
                AT, "ETH-USDT-SWAP", "t2abc", "no answer from OKX …"));
    assertThat(unknown.kind()).isEqualTo(NotificationKind.ORDER_UNKNOWN);
    assertThat(unknown.fields()).containsEntry("client_order_id", "t2abc");

    Notification finding =
        words.of(
            new TradingEvent.ReconciliationFinding(
                AT, "", "error", "positions could not be read from OKX"));
    assertThat(finding.kind()).isEqualTo(NotificationKind.RECONCILIATION);
    assertThat(finding.text())
        .isEqualTo("tai2 [LIVE] Reconciliation error: positions could not be read from OKX");

    Notification naked =
        words.of(
            new TradingEvent.ProtectionChanged(
                AT, "SOL-USDT-SWAP", "unprotected", "no known stop; set one or close it"));
    assertThat(naked.kind()).isEqualTo(NotificationKind.PROTECTION);
    assertThat(naked.text())
        .isEqualTo(
            "tai2 [LIVE] POSITION WITHOUT STOP-LOSS on SOL-USDT-SWAP — act now: no known stop; set one or close it");

    Notification released =
        words.of(new TradingEvent.RiskLockReleased(AT, "daily_loss", "admin", "reset by admin"));
    assertThat(released.kind()).isEqualTo(NotificationKind.RISK_LOCK_RELEASED);
    assertThat(released.text())
        .isEqualTo(
            "tai2 [LIVE] Daily-loss lock reset by admin: new orders may go out again. The scheduler stays as it is.");
  }
}
