package io.tai2.notify;

import io.tai2.execution.TradingEvent;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns execution's {@link TradingEvent}s into notifications: a line a person reads on a phone, prefixed with the
 * environment ({@code [DEMO]} or {@code [LIVE]}), and the same facts as fields. Pure.
 */
final class TradingNotifications {

  private final String prefix;

  TradingNotifications(String environment) {
    this.prefix = "tai2 [" + environment + "] ";
  }

  Notification of(TradingEvent event) {
    Map<String, String> fields = new LinkedHashMap<>();
    return switch (event) {
      case TradingEvent.EntryFilled e -> {
        fields.put("side", e.side());
        fields.put("contracts", num(e.contracts()));
        fields.put("price", num(e.price()));
        e.stopLoss().ifPresent(sl -> fields.put("stop_loss", num(sl)));
        e.takeProfit().ifPresent(tp -> fields.put("take_profit", num(tp)));
        fields.put("protection", e.protection());
        String levels = "SL " + e.stopLoss().map(TradingNotifications::num).orElse("none")
            + e.takeProfit().map(tp -> ", TP " + num(tp)).orElse("");
        yield new Notification(NotificationKind.ENTRY_FILLED, e.symbol(), prefix + "Entry filled: " + e.side() + " " + num(e.contracts())
            + " contracts " + e.symbol() + " at " + num(e.price()) + " (" + levels + "); " + e.protection(), fields, e.at());
      }
      case TradingEvent.PositionClosed e -> {
        fields.put("side", e.side());
        fields.put("contracts", num(e.contracts()));
        fields.put("price", num(e.price()));
        e.pnl().ifPresent(p -> fields.put("pnl", num(p)));
        fields.put("reason", e.reason());
        yield new Notification(NotificationKind.EXIT, e.symbol(), prefix + "Position closed: " + e.side() + " " + num(e.contracts())
            + " contracts " + e.symbol() + " at " + num(e.price()) + pnl(e.pnl()) + " — " + e.reason(), fields, e.at());
      }
      case TradingEvent.DailyLossLocked e -> {
        fields.put("lock", "daily_loss");
        fields.put("reason", e.reason());
        yield new Notification(NotificationKind.RISK_LOCK, "", prefix + "Daily-loss lock engaged: " + e.reason()
            + ". New entries are blocked until the lock is reset.", fields, e.at());
      }
      case TradingEvent.KillSwitchEngaged e -> {
        fields.put("actor", e.actor());
        fields.put("flatten", Boolean.toString(e.flatten()));
        fields.put("actions", String.join("; ", e.actions()));
        fields.put("failures", String.join("; ", e.failures()));
        String failed = e.failures().isEmpty() ? "" : " FAILED (check OKX by hand): " + String.join("; ", e.failures());
        yield new Notification(NotificationKind.KILL_SWITCH, "", prefix + "Kill switch engaged by " + e.actor()
            + (e.flatten() ? " with positions flattened" : "") + ": " + e.actions().size() + " action(s) done." + failed, fields, e.at());
      }
    };
  }

  private static String pnl(Optional<BigDecimal> pnl) {
    return pnl.map(p -> ", realised PnL " + (p.signum() > 0 ? "+" : "") + num(p) + " USDT").orElse("");
  }

  static String num(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
