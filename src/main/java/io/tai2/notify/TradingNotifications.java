package io.tai2.notify;

import io.tai2.execution.TradingEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns execution's {@link TradingEvent}s (and the watches' findings) into notifications: a line a person reads on a phone, prefixed with the
 * environment ({@code [DEMO]} or {@code [LIVE]}), and the same facts as fields. Pure.
 */
final class TradingNotifications {

  private final Supplier<String> environment;

  /** {@code environment}: "DEMO" or "LIVE", read for each message (CFG may switch the OKX account). */
  TradingNotifications(Supplier<String> environment) {
    this.environment = environment;
  }

  Notification of(TradingEvent event) {
    Map<String, String> fields = new LinkedHashMap<>();
    String prefix = prefix();
    return switch (event) {
      case TradingEvent.EntryFilled e -> {
        fields.put("side", e.side());
        fields.put("contracts", num(e.contracts()));
        fields.put("price", num(e.price()));
        e.stopLoss().ifPresent(sl -> fields.put("stop_loss", num(sl)));
        e.takeProfit().ifPresent(tp -> fields.put("take_profit", num(tp)));
        fields.put("protection", e.protection());
        String levels =
            "SL "
                + e.stopLoss().map(TradingNotifications::num).orElse("none")
                + e.takeProfit().map(tp -> ", TP " + num(tp)).orElse("");
        yield new Notification(
            NotificationKind.ENTRY_FILLED,
            e.symbol(),
            prefix
                + "Entry filled: "
                + e.side()
                + " "
                + num(e.contracts())
                + " contracts "
                + e.symbol()
                + " at "
                + num(e.price())
                + " ("
                + levels
                + "); "
                + e.protection(),
            fields,
            e.at());
      }
      case TradingEvent.PositionClosed e -> {
        fields.put("side", e.side());
        fields.put("contracts", num(e.contracts()));
        fields.put("price", num(e.price()));
        e.pnl().ifPresent(p -> fields.put("pnl", num(p)));
        fields.put("reason", e.reason());
        yield new Notification(
            NotificationKind.EXIT,
            e.symbol(),
            prefix
                + "Position closed: "
                + e.side()
                + " "
                + num(e.contracts())
                + " contracts "
                + e.symbol()
                + " at "
                + num(e.price())
                + pnl(e.pnl())
                + " — "
                + e.reason(),
            fields,
            e.at());
      }
      case TradingEvent.DailyLossLocked e -> {
        fields.put("lock", "daily_loss");
        fields.put("reason", e.reason());
        yield new Notification(
            NotificationKind.RISK_LOCK,
            "",
            prefix
                + "Daily-loss lock engaged: "
                + e.reason()
                + ". New entries are blocked until the lock is reset.",
            fields,
            e.at());
      }
      case TradingEvent.ExchangeExit e -> {
        fields.put("side", e.side());
        fields.put("contracts", num(e.contracts()));
        fields.put("price", num(e.price()));
        fields.put("pnl", num(e.pnl()));
        fields.put("reason", e.reason());
        fields.put("by", "exchange");
        yield new Notification(
            NotificationKind.EXIT,
            e.symbol(),
            prefix
                + "Exit on OKX: "
                + e.reason()
                + " — "
                + e.side()
                + " "
                + num(e.contracts())
                + " contracts "
                + e.symbol()
                + " at "
                + num(e.price())
                + pnl(Optional.of(e.pnl())),
            fields,
            e.at());
      }
      case TradingEvent.OrderOutcomeUnknown e -> {
        fields.put("client_order_id", e.clientOrderId());
        yield new Notification(
            NotificationKind.ORDER_UNKNOWN,
            e.symbol(),
            prefix + "Order outcome unknown on " + e.symbol() + ": " + e.message(),
            fields,
            e.at());
      }
      case TradingEvent.ReconciliationFinding e -> {
        fields.put("level", e.level());
        yield new Notification(
            NotificationKind.RECONCILIATION,
            e.symbol(),
            prefix
                + "Reconciliation "
                + e.level()
                + (e.symbol().isEmpty() ? "" : " on " + e.symbol())
                + ": "
                + e.message(),
            fields,
            e.at());
      }
      case TradingEvent.ProtectionChanged e -> {
        fields.put("outcome", e.outcome());
        String head =
            switch (e.outcome()) {
              case "rearmed" -> "Protection re-armed on " + e.symbol();
              case "stop_only" -> "Take-profit missing on " + e.symbol();
              case "flattened" ->
                  "Position flattened on " + e.symbol() + " (no stop-loss could be placed)";
              default -> "POSITION WITHOUT STOP-LOSS on " + e.symbol() + " — act now";
            };
        yield new Notification(
            NotificationKind.PROTECTION,
            e.symbol(),
            prefix + head + ": " + e.message(),
            fields,
            e.at());
      }
      case TradingEvent.RiskLockReleased e -> {
        fields.put("lock", e.lock());
        fields.put("actor", e.actor());
        String what =
            e.lock().equals("kill_switch") ? "Kill switch released" : "Daily-loss lock reset";
        yield new Notification(
            NotificationKind.RISK_LOCK_RELEASED,
            "",
            prefix
                + what
                + " by "
                + e.actor()
                + ": new orders may go out again. The scheduler stays as it is.",
            fields,
            e.at());
      }
      case TradingEvent.KillSwitchEngaged e -> {
        fields.put("actor", e.actor());
        fields.put("flatten", Boolean.toString(e.flatten()));
        fields.put("actions", String.join("; ", e.actions()));
        fields.put("failures", String.join("; ", e.failures()));
        String failed =
            e.failures().isEmpty()
                ? ""
                : " FAILED (check OKX by hand): " + String.join("; ", e.failures());
        yield new Notification(
            NotificationKind.KILL_SWITCH,
            "",
            prefix
                + "Kill switch engaged by "
                + e.actor()
                + (e.flatten() ? " with positions flattened" : "")
                + ": "
                + e.actions().size()
                + " action(s) done."
                + failed,
            fields,
            e.at());
      }
    };
  }

  private static String pnl(Optional<BigDecimal> pnl) {
    return pnl.map(p -> ", realised PnL " + (p.signum() > 0 ? "+" : "") + num(p) + " USDT")
        .orElse("");
  }

  /** A notification of the watches (stale data, LLM failures, the scheduler, the daily summary) in the same words and prefix. */
  Notification note(
      NotificationKind kind, String symbol, String text, Map<String, String> fields, Instant at) {
    return new Notification(kind, symbol, prefix() + text, fields, at);
  }

  private String prefix() {
    return "tai2 [" + environment.get() + "] ";
  }

  static String num(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
