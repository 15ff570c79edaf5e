package io.tai2.notify;

import io.tai2.history.DecisionRepository;
import io.tai2.history.EquityRepository;
import io.tai2.history.TradeRepository;
import io.tai2.market.AccountSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The message at 00:00 UTC about the day that just ended: equity and its change, realised PnL, fees, fills, LLM cost. */
final class DailySummary {

  private final TradeRepository trades;
  private final DecisionRepository decisions;
  private final EquityRepository equity;
  private final Supplier<Optional<AccountSnapshot>> account;
  private final TradingNotifications words;

  /** {@code account}: the account as the market engine reads it now, empty without keys or the engine. */
  DailySummary(
      TradeRepository trades,
      DecisionRepository decisions,
      EquityRepository equity,
      Supplier<Optional<AccountSnapshot>> account,
      TradingNotifications words) {
    this.trades = trades;
    this.decisions = decisions;
    this.equity = equity;
    this.account = account;
    this.words = words;
  }

  /** The summary of the UTC day that ends at {@code midnight}. */
  Notification of(Instant midnight) {
    Instant from = midnight.minus(Duration.ofDays(1));
    DayFigures day = DayFigures.of(from, midnight, trades, decisions, equity);
    Optional<AccountSnapshot> account = this.account.get();
    Optional<BigDecimal> now = account.map(AccountSnapshot::equityUsd);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("day", LocalDate.ofInstant(from, ZoneOffset.UTC).toString());
    now.ifPresent(e -> fields.put("equity", ServiceDesk.money(e)));
    Optional<BigDecimal> change = now.flatMap(e -> day.equityAtStart().map(e::subtract));
    change.ifPresent(c -> fields.put("equity_change", ServiceDesk.money(c)));
    fields.put("realised_pnl", ServiceDesk.money(day.realisedPnl()));
    fields.put("fees", ServiceDesk.money(day.fees()));
    fields.put("fills", Long.toString(day.trades()));
    fields.put("llm_cost_usd", cost(day.llmCostUsd()));
    account.ifPresent(a -> fields.put("open_positions", Integer.toString(a.positions().size())));
    String text =
        "Daily summary for "
            + fields.get("day")
            + " (UTC): equity "
            + now.map(e -> ServiceDesk.money(e) + " USDT").orElse("unknown (no account read)")
            + change.map(c -> " (" + ServiceDesk.signed(c) + " over the day)").orElse("")
            + "; realised PnL "
            + ServiceDesk.signed(day.realisedPnl())
            + " USDT, fees "
            + ServiceDesk.money(day.fees())
            + " USDT, "
            + day.trades()
            + " fill(s); LLM cost "
            + cost(day.llmCostUsd())
            + " USD"
            + account.map(a -> "; " + a.positions().size() + " open position(s)").orElse("")
            + ".";
    return words.note(NotificationKind.DAILY_SUMMARY, "", text, fields, midnight);
  }

  private static String cost(BigDecimal usd) {
    return usd.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}
