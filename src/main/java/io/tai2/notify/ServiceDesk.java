package io.tai2.notify;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.SchedulerSettings;
import io.tai2.execution.KillSwitch;
import io.tai2.execution.RiskMonitor;
import io.tai2.history.DecisionRepository;
import io.tai2.history.EquityRepository;
import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import io.tai2.history.TradeRepository;
import io.tai2.market.AccountSnapshot;
import io.tai2.market.MarketEngine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The Telegram chat's view of the running service and its two levers, through the same services the API uses: the
 * kill switch ({@link KillSwitch#engage}, {@link KillSwitch#release}) and the daily-loss reset
 * ({@link RiskMonitor#resetDailyLoss}), so the lock rows, execution feedback and log lines are the same as from LIVE.
 */
final class ServiceDesk implements OperatorDesk {

  /** Where the desk reads and acts; the market-side services are absent in a process without the market engine. */
  record Sources(
      Supplier<String> environment,
      Supplier<Optional<MarketEngine>> market,
      Supplier<ExecutionSettings> execution,
      Supplier<SchedulerSettings> scheduler,
      RiskLockRepository locks,
      TradeRepository trades,
      DecisionRepository decisions,
      EquityRepository equity,
      Supplier<Optional<KillSwitch>> killSwitch,
      Supplier<Optional<RiskMonitor>> monitor) {}

  private static final String NO_ENGINE =
      "the market engine is not running in this process (tai2.market.enabled=false)";

  private final Sources s;
  private final Clock clock;

  ServiceDesk(Sources sources, Clock clock) {
    this.s = sources;
    this.clock = clock;
  }

  @Override
  public String status() {
    List<String> lines = new ArrayList<>();
    lines.add("Status of tai2 on the OKX " + s.environment().get() + " account");
    lines.add(
        "live execution: "
            + (s.execution().get().enabled()
                ? "ON (orders go to OKX)"
                : "off (decisions fill on paper)"));
    SchedulerSettings scheduler = s.scheduler().get();
    lines.add(
        "scheduler: "
            + (scheduler.enabled()
                ? "on, every " + scheduler.interval().toSeconds() + " s"
                : "off"));
    List<RiskLock> engaged = s.locks().all().stream().filter(RiskLock::locked).toList();
    lines.add(
        "risk locks: "
            + (engaged.isEmpty()
                ? "none"
                : engaged.stream()
                    .map(
                        l ->
                            l.key().replace('_', ' ')
                                + " ENGAGED"
                                + l.reason().map(r -> " (" + r + ")").orElse(""))
                    .collect(Collectors.joining("; "))));
    Optional<MarketEngine> market = s.market().get();
    if (market.isEmpty()) {
      lines.add(NO_ENGINE);
      return String.join("\n", lines);
    }
    market
        .get()
        .account()
        .ifPresentOrElse(
            a ->
                lines.add(
                    "equity: "
                        + money(a.equityUsd())
                        + " USDT · "
                        + a.positions().size()
                        + " open position(s), "
                        + a.unprotectedPositions()
                        + " without a stop-loss · "
                        + a.pendingOrders().size()
                        + " resting order(s)"),
            () ->
                lines.add(
                    "account: not read (no OKX keys, or the account feed has not answered yet)"));
    lines.add(
        "market data: "
            + market.get().symbols().stream()
                .map(
                    symbol ->
                        symbol
                            + " ticker "
                            + market
                                .get()
                                .dataAge(symbol, "ticker")
                                .map(age -> age.toSeconds() + " s old")
                                .orElse("no ticker yet"))
                .collect(Collectors.joining(", ")));
    return String.join("\n", lines);
  }

  @Override
  public String positions() {
    Optional<AccountSnapshot> account = s.market().get().flatMap(MarketEngine::account);
    if (s.market().get().isEmpty()) {
      return NO_ENGINE;
    }
    if (account.isEmpty()) {
      return "The account is not read: no OKX keys, or the account feed has not answered yet.";
    }
    if (account.get().positions().isEmpty()) {
      return "No open positions.";
    }
    return account.get().positions().stream()
        .map(
            p ->
                p.instId()
                    + " "
                    + p.side()
                    + " "
                    + num(p.contracts())
                    + " contracts at "
                    + num(p.avgPx())
                    + " (mark "
                    + num(p.markPx())
                    + ", uPnL "
                    + signed(p.uplUsdt())
                    + " USDT, "
                    + num(p.leverage())
                    + "x "
                    + p.mgnMode()
                    + ")"
                    + account
                        .get()
                        .stopLossOf(p)
                        .map(sl -> " · SL " + num(sl))
                        .orElse(" · NO STOP-LOSS")
                    + (p.takeProfit() == null ? "" : " · TP " + num(p.takeProfit())))
        .collect(Collectors.joining("\n"));
  }

  @Override
  public String pnl() {
    Instant now = clock.instant();
    Instant midnight = now.truncatedTo(ChronoUnit.DAYS);
    DayFigures day = DayFigures.of(midnight, now, s.trades(), s.decisions(), s.equity());
    List<String> lines = new ArrayList<>();
    lines.add(
        "Today since 00:00 UTC: realised PnL "
            + signed(day.realisedPnl())
            + " USDT, fees "
            + money(day.fees())
            + " USDT, "
            + day.trades()
            + " fill(s); LLM cost "
            + day.llmCostUsd()
                .setScale(4, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString()
            + " USD");
    s.market()
        .get()
        .flatMap(MarketEngine::account)
        .ifPresent(
            a -> {
              BigDecimal upl =
                  a.positions().stream()
                      .map(AccountSnapshot.Position::uplUsdt)
                      .filter(v -> v != null)
                      .reduce(BigDecimal.ZERO, BigDecimal::add);
              lines.add("open positions: uPnL " + signed(upl) + " USDT");
              if (a.equityUsd() != null) {
                lines.add(
                    "equity "
                        + money(a.equityUsd())
                        + " USDT"
                        + day.equityAtStart()
                            .filter(e -> e.signum() > 0)
                            .map(
                                start ->
                                    " ("
                                        + signed(a.equityUsd().subtract(start))
                                        + " USDT, "
                                        + pct(a.equityUsd().subtract(start), start)
                                        + " since 00:00 UTC)")
                            .orElse(""));
              }
            });
    return String.join("\n", lines);
  }

  @Override
  public String kill(boolean flatten, String actor) {
    Optional<KillSwitch> killSwitch = s.killSwitch().get();
    if (killSwitch.isEmpty()) {
      return "Not done: " + NO_ENGINE;
    }
    KillSwitch.Report report = killSwitch.get().engage(flatten, actor);
    return "Kill switch ENGAGED"
        + (flatten ? " with positions flattened" : "")
        + ": no new orders until it is released.\n"
        + String.join("\n", report.actions())
        + (report.failures().isEmpty()
            ? ""
            : "\nFAILED (check OKX by hand):\n" + String.join("\n", report.failures()));
  }

  @Override
  public String release(String actor) {
    List<String> done = new ArrayList<>();
    if (s.locks().find(RiskLock.KILL_SWITCH).filter(RiskLock::locked).isPresent()) {
      Optional<KillSwitch> killSwitch = s.killSwitch().get();
      done.add(
          killSwitch.isEmpty()
              ? "kill switch NOT released: " + NO_ENGINE
              : release(killSwitch.get(), actor));
    }
    if (s.locks().find(RiskLock.DAILY_LOSS).filter(RiskLock::locked).isPresent()) {
      Optional<RiskMonitor> monitor = s.monitor().get();
      done.add(
          monitor.isEmpty()
              ? "daily-loss lock NOT reset: " + NO_ENGINE
              : reset(monitor.get(), actor));
    }
    if (done.isEmpty()) {
      return "Nothing to release: no risk lock is engaged.";
    }
    return String.join("\n", done)
        + (s.scheduler().get().enabled()
            ? ""
            : "\nThe scheduler stays off: turn it on in ENGINE when you are ready.");
  }

  private static String release(KillSwitch killSwitch, String actor) {
    killSwitch.release(actor);
    return "kill switch released: new orders may go out again (positions and orders were not touched)";
  }

  private static String reset(RiskMonitor monitor, String actor) {
    try {
      RiskLock reset = monitor.resetDailyLoss(actor);
      return "daily-loss lock reset: the equity "
          + reset.referenceEquity().map(ServiceDesk::money).orElse("?")
          + " USDT is the new reference";
    } catch (RiskMonitor.NotLocked e) {
      return "daily-loss lock: " + e.getMessage();
    } catch (IllegalStateException e) {
      return "daily-loss lock NOT reset: " + e.getMessage();
    }
  }

  static String num(BigDecimal v) {
    return v == null ? "?" : v.stripTrailingZeros().toPlainString();
  }

  static String money(BigDecimal v) {
    return v == null ? "?" : v.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }

  static String signed(BigDecimal v) {
    return v == null ? "?" : (v.signum() > 0 ? "+" : "") + money(v);
  }

  private static String pct(BigDecimal change, BigDecimal base) {
    BigDecimal p = change.multiply(BigDecimal.valueOf(100)).divide(base, 2, RoundingMode.HALF_EVEN);
    return (p.signum() > 0 ? "+" : "") + p.toPlainString() + " %";
  }
}
