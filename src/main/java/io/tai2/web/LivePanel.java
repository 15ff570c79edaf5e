package io.tai2.web;

import io.tai2.config.DisplaySettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.SettingsDocument;
import io.tai2.history.ExecutionFeedback;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import io.tai2.market.AccountSnapshot;
import io.tai2.market.MarketEngine;
import io.tai2.market.MarketSnapshot;
import io.tai2.okx.OkxConnection;
import io.tai2.okx.OkxWebSocketClient;
import io.tai2.okx.OkxWsArg;
import io.tai2.okx.OkxWsState;
import io.tai2.reasoning.LlmAccess;
import io.tai2.state.StateStore;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Everything the LIVE page shows, read from the running services and formatted with units. A source that fails shows
 * as unavailable with the reason; it never takes the page down.
 */
@Component
class LivePanel {

  private static final Logger log = LoggerFactory.getLogger(LivePanel.class);

  /** A liquidation price is an estimate (OKX's and the paper books' alike carry a dozen decimals): 8 significant digits. */
  private static final MathContext LIQUIDATION_DIGITS = new MathContext(8, RoundingMode.HALF_EVEN);

  private final ObjectProvider<MarketEngine> market;
  private final ObjectProvider<OkxWebSocketClient> ws;
  private final ObjectProvider<OkxConnection> connection;
  private final RiskLockRepository locks;
  private final ExecutionFeedbackRepository feedback;
  private final SettingsDocument<GuardrailSettings> guardrails;
  private final SettingsDocument<OkxRuntimeSettings> okx;
  private final SettingsDocument<DisplaySettings> display;
  private final StateStore store;
  private final LlmAccess llm;
  private final Clock clock = Clock.systemUTC();

  LivePanel(
      ObjectProvider<MarketEngine> market,
      ObjectProvider<OkxWebSocketClient> ws,
      ObjectProvider<OkxConnection> connection,
      RiskLockRepository locks,
      ExecutionFeedbackRepository feedback,
      SettingsDocument<GuardrailSettings> guardrails,
      SettingsDocument<OkxRuntimeSettings> okx,
      SettingsDocument<DisplaySettings> display,
      StateStore store,
      LlmAccess llm) {
    this.market = market;
    this.ws = ws;
    this.connection = connection;
    this.locks = locks;
    this.feedback = feedback;
    this.guardrails = guardrails;
    this.okx = okx;
    this.display = display;
    this.store = store;
    this.llm = llm;
  }

  record View(
      Instant at,
      String environment,
      Optional<AccountView> account,
      String accountNote,
      List<PositionRow> positions,
      List<TickerRow> tickers,
      Optional<RiskView> risk,
      List<AlertRow> alerts,
      List<Light> lights) {}

  record AccountView(
      String equity,
      String available,
      String fees,
      List<BalanceRow> balances,
      String age,
      boolean stale) {}

  record BalanceRow(String ccy, String equity, String available, String upl) {}

  record PositionRow(
      String symbol,
      String side,
      String contracts,
      String coin,
      String entry,
      String mark,
      String upl,
      boolean uplNegative,
      String leverage,
      String liquidation,
      String stopLoss,
      String takeProfit,
      boolean unprotected,
      Levels levels) {}

  /** A position's prices as plain numbers ("" when unknown), for the row's chart: its horizontal lines. */
  record Levels(String entry, String mark, String stopLoss, String takeProfit, String liquidation) {
    static Levels of(AccountSnapshot.Position p) {
      return new Levels(
          plain(p.avgPx()),
          plain(p.markPx()),
          plain(p.stopLoss()),
          plain(p.takeProfit()),
          p.liqPx() == null || p.liqPx().signum() <= 0
              ? ""
              : plain(p.liqPx().round(LIQUIDATION_DIGITS)));
    }

    private static String plain(BigDecimal v) {
      return v == null ? "" : v.stripTrailingZeros().toPlainString();
    }
  }

  record TickerRow(
      String symbol,
      String last,
      String change,
      boolean changeNegative,
      String bidAsk,
      String funding,
      String nextFunding,
      String age,
      boolean stale) {}

  record RiskView(
      boolean locked,
      String reference,
      String equity,
      String drawdown,
      String limit,
      String reason,
      boolean killSwitch) {}

  record AlertRow(String at, String symbol, String level, String message, String advice) {}

  /** A connection light: {@code state} up, down or off (not configured), with what it means. */
  record Light(String name, String state, String title) {}

  View view() {
    Instant now = clock.instant();
    ZoneId zone = display.current().timeZone();
    MarketEngine engine = market.getIfAvailable();
    Optional<AccountSnapshot> account =
        engine == null ? Optional.empty() : safe("account", engine::account, Optional.empty());
    String note =
        engine == null
            ? "the market engine is off in this process"
            : account.isEmpty()
                ? (okxKeys()
                    ? "waiting for the first account data from OKX"
                    : "no OKX API keys: set them to see balances and positions")
                : "";
    Optional<List<RiskLock>> risk =
        safe(
            "db",
            () -> Optional.of(locks.all()),
            Optional.empty()); // one read: the lock card and the DB light
    return new View(
        now,
        okx.current().environment(),
        account.map(a -> account(a, now)),
        note,
        account.map(LivePanel::positions).orElse(List.of()),
        engine == null ? List.of() : safe("tickers", () -> tickers(engine, now, zone), List.of()),
        risk.map(all -> risk(all, account)),
        safe("alerts", () -> alerts(now, zone), List.of()),
        lights(engine, risk.isPresent()));
  }

  private boolean okxKeys() {
    return Optional.ofNullable(connection.getIfAvailable())
        .map(c -> c.current().config().keys().isPresent())
        .orElse(false);
  }

  private static AccountView account(AccountSnapshot a, Instant now) {
    BigDecimal available =
        a.balances().stream()
            .filter(b -> "USDT".equals(b.ccy()))
            .map(AccountSnapshot.Balance::available)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(null);
    String fees =
        a.fees() == null
            ? "–"
            : Fmt.usdt(a.fees().paidUsdt())
                + " over "
                + a.fees().windowHours()
                + " h ("
                + a.fees().fills()
                + " fills)";
    List<BalanceRow> balances =
        a.balances().stream()
            .map(
                b ->
                    new BalanceRow(
                        b.ccy(),
                        Fmt.amount(b.equity(), b.ccy()),
                        Fmt.amount(b.available(), b.ccy()),
                        Fmt.amount(b.upl(), b.ccy())))
            .toList();
    long age = Math.max(0, Duration.between(a.generatedAt(), now).toSeconds());
    return new AccountView(
        Fmt.usdt(a.equityUsd()), Fmt.usdt(available), fees, balances, age + " s ago", age > 60);
  }

  private static List<PositionRow> positions(AccountSnapshot a) {
    return positionRows(a.positions());
  }

  /** Positions as LIVE's tables show them: the exchange's and the paper books' alike. */
  static List<PositionRow> positionRows(List<AccountSnapshot.Position> positions) {
    return positions.stream()
        .map(
            p ->
                new PositionRow(
                    p.instId(),
                    p.side(),
                    Fmt.num(p.contracts()) + " ct",
                    Fmt.num(p.coin()) + " " + p.coinCcy(),
                    Fmt.num(p.avgPx()),
                    Fmt.num(p.markPx()),
                    Fmt.usdt(p.uplUsdt()),
                    p.uplUsdt() != null
                        && p.uplUsdt().setScale(2, RoundingMode.HALF_EVEN).signum() < 0,
                    p.leverage() == null ? "–" : Fmt.num(p.leverage()) + "×",
                    p.liqPx() == null || p.liqPx().signum() <= 0
                        ? "–"
                        : Fmt.num(p.liqPx().round(LIQUIDATION_DIGITS)),
                    Fmt.num(p.stopLoss()),
                    Fmt.num(p.takeProfit()),
                    p.stopLoss() == null,
                    Levels.of(p)))
        .toList();
  }

  /** The tickers; the next funding in the display zone, which the column header names. */
  private static List<TickerRow> tickers(MarketEngine engine, Instant now, ZoneId zone) {
    List<TickerRow> rows = new ArrayList<>();
    for (String symbol : engine.symbols()) {
      Optional<MarketSnapshot> s = engine.snapshot(symbol);
      MarketSnapshot.Ticker t = s.map(MarketSnapshot::ticker).orElse(null);
      if (t == null) {
        rows.add(new TickerRow(symbol, "loading…", "", false, "", "", "", "", true));
        continue;
      }
      BigDecimal change =
          t.open24h() == null || t.open24h().signum() == 0 || t.last() == null
              ? null
              : t.last().subtract(t.open24h()).divide(t.open24h(), MathContext.DECIMAL64);
      MarketSnapshot.Funding f = s.get().funding();
      long age = t.ts() == null ? -1 : Math.max(0, Duration.between(t.ts(), now).toSeconds());
      rows.add(
          new TickerRow(
              symbol,
              Fmt.num(t.last()),
              change == null ? "–" : Fmt.pct(change),
              change != null && change.signum() < 0,
              Fmt.num(t.bid()) + " / " + Fmt.num(t.ask()),
              f == null || f.rate() == null ? "–" : Fmt.pct(f.rate()),
              f == null || f.nextFundingTime() == null
                  ? "–"
                  : Fmt.bareTime(f.nextFundingTime(), zone),
              age < 0 ? "–" : age + " s",
              s.get().stale()));
    }
    return rows;
  }

  private RiskView risk(List<RiskLock> locks, Optional<AccountSnapshot> account) {
    Map<String, RiskLock> all = new HashMap<>();
    locks.forEach(l -> all.put(l.key(), l));
    RiskLock daily = all.get(RiskLock.DAILY_LOSS);
    boolean kill =
        Optional.ofNullable(all.get(RiskLock.KILL_SWITCH)).map(RiskLock::locked).orElse(false);
    BigDecimal limit = guardrails.current().dailyLossLimitPct();
    Optional<BigDecimal> equity = account.map(AccountSnapshot::equityUsd);
    Optional<BigDecimal> reference = Optional.ofNullable(daily).flatMap(RiskLock::referenceEquity);
    String drawdown =
        reference
            .filter(r -> r.signum() > 0)
            .flatMap(r -> equity.map(e -> Fmt.pct(r.subtract(e).divide(r, MathContext.DECIMAL64))))
            .orElse("–");
    return new RiskView(
        daily != null && daily.locked(),
        reference.map(Fmt::usdt).orElse("not taken yet"),
        equity.map(Fmt::usdt).orElse("–"),
        drawdown,
        limit.signum() == 0 ? "off" : Fmt.pct(limit),
        Optional.ofNullable(daily).flatMap(RiskLock::reason).orElse(""),
        kill);
  }

  private List<AlertRow> alerts(Instant now, ZoneId zone) {
    return feedback.active(now).stream()
        .sorted(Comparator.comparing(ExecutionFeedback::createdAt).reversed())
        .limit(20)
        .map(
            f ->
                new AlertRow(
                    Fmt.clock(f.createdAt(), zone),
                    f.symbol().isBlank() ? "all" : f.symbol(),
                    f.kind(),
                    f.message(),
                    f.recommendationJson().flatMap(LivePanel::advice).orElse("")))
        .toList();
  }

  private static Optional<String> advice(String json) {
    try {
      return Optional.of(Json.parse(json).path("message").asString("")).filter(s -> !s.isBlank());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private List<Light> lights(MarketEngine engine, boolean db) {
    List<Light> lights = new ArrayList<>();
    OkxWebSocketClient client = ws.getIfAvailable();
    Map<OkxWsArg.Service, OkxWsState> states = client == null ? Map.of() : client.status();
    for (OkxWsArg.Service service : OkxWsArg.Service.values()) {
      OkxWsState state = states.get(service);
      String name = "okx-ws-" + service.name().toLowerCase(Locale.ROOT);
      lights.add(
          state == null
              ? new Light(
                  name,
                  "off",
                  "OKX " + service.name().toLowerCase(Locale.ROOT) + " WebSocket: not opened")
              : new Light(
                  name,
                  state == OkxWsState.CONNECTED ? "up" : "down",
                  "OKX "
                      + service.name().toLowerCase(Locale.ROOT)
                      + " WebSocket: "
                      + state.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
    }
    boolean fresh =
        engine != null
            && !engine.symbols().isEmpty()
            && engine.symbols().stream()
                .allMatch(s -> engine.snapshot(s).map(m -> !m.stale()).orElse(false));
    lights.add(
        engine == null
            ? new Light("market", "off", "market data: engine off")
            : new Light(
                "market",
                fresh ? "up" : "down",
                fresh
                    ? "market data: every tracked symbol fresh"
                    : "market data: stale or loading"));
    lights.add(
        new Light("db", db ? "up" : "down", db ? "database: reachable" : "database: unreachable"));
    boolean redis = safe("state", store::isAvailable, false);
    lights.add(
        new Light(
            "state",
            redis ? "up" : "down",
            redis ? "state store: available" : "state store: unavailable"));
    lights.add(
        new Light(
            "llm",
            llm.hasApiKey() ? "up" : "off",
            llm.hasApiKey() ? "LLM: key configured" : "LLM: no key (OPENROUTER_API_KEY)"));
    return lights;
  }

  private static <T> T safe(String what, Supplier<T> read, T fallback) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      log.warn("event=live_panel_source_failed source={} error={}", what, e.toString());
      return fallback;
    }
  }
}
