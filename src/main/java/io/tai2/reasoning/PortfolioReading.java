package io.tai2.reasoning;

import static io.tai2.reasoning.ContextJson.array;
import static io.tai2.reasoning.ContextJson.num;
import static io.tai2.reasoning.ContextJson.object;
import static io.tai2.reasoning.ContextJson.time;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.PositionCap;
import io.tai2.history.ExecutionFeedback;
import io.tai2.history.RiskLock;
import io.tai2.market.AccountSnapshot;
import io.tai2.market.MarketSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The account side of the context: positions, pending orders, balances, exposure, the guardrails with the position cap
 * worked out, execution settings, fees, risk locks and execution feedback. No exchange order ids or account ids.
 */
final class PortfolioReading {

  static final int FEEDBACK = 5;
  static final int PENDING = 20;

  private PortfolioReading() {}

  /** The reference price: last trade, else mark, else mid. */
  static BigDecimal price(MarketSnapshot m) {
    if (m.ticker() != null && m.ticker().last() != null && m.ticker().last().signum() > 0) {
      return m.ticker().last();
    }
    if (m.markPrice() != null && m.markPrice().px() != null && m.markPrice().px().signum() > 0) {
      return m.markPrice().px();
    }
    if (m.ticker() != null && m.ticker().bid() != null && m.ticker().ask() != null) {
      return m.ticker()
          .bid()
          .add(m.ticker().ask())
          .divide(BigDecimal.TWO, m.ticker().bid().scale() + 1, RoundingMode.HALF_EVEN);
    }
    return null;
  }

  static void addTo(ObjectNode context, PromptInputs in) {
    AccountSnapshot account = in.account().orElse(null);
    context.set("positions", positions(account));
    context.set("pending_orders", pending(account));
    context.set("account", account(account));
    context.set("portfolio_exposure", exposure(account));
    context.set("guardrails", guardrails(in, account));
    context.set("execution", execution(in));
    if (account != null && account.fees() != null) {
      ObjectNode fees = object();
      fees.put("window_hours", account.fees().windowHours());
      fees.set("paid_usdt", num(account.fees().paidUsdt()));
      fees.put("fills", account.fees().fills());
      if (account.equityUsd() != null && account.equityUsd().signum() > 0) {
        fees.set(
            "pct_of_equity",
            num(account.fees().paidUsdt().doubleValue() / account.equityUsd().doubleValue() * 100));
      }
      context.set("fee_availability", fees);
    }
    ArrayNode locks = array();
    in.riskLocks().stream()
        .filter(RiskLock::locked)
        .forEach(
            l -> {
              ObjectNode lock = object();
              lock.put("lock", l.key());
              lock.put("reason", Sanitizer.text(l.reason().orElse(""), 300));
              lock.set("triggered_at", time(l.triggeredAt().orElse(null)));
              locks.add(lock);
            });
    if (!locks.isEmpty()) {
      context.set("risk_locks", locks);
    }
    List<ExecutionFeedback> feedback = feedback(in);
    if (!feedback.isEmpty()) {
      ArrayNode entries = array();
      feedback.forEach(
          f -> {
            ObjectNode e = object();
            e.set("timestamp", time(f.createdAt()));
            e.put("symbol", f.symbol());
            e.put("level", f.kind());
            e.put("message", Sanitizer.text(f.message(), 500));
            f.recommendationJson().ifPresent(r -> e.set("recommendation", ContextJson.parsed(r)));
            entries.add(e);
          });
      context.set("execution_feedback", entries);
      context.set("execution_feedback_digest", digest(feedback));
    }
  }

  private static ArrayNode positions(AccountSnapshot account) {
    ArrayNode out = array();
    if (account == null) {
      return out;
    }
    account.positions().stream()
        .sorted(
            Comparator.comparing(AccountSnapshot.Position::instId)
                .thenComparing(AccountSnapshot.Position::side))
        .forEach(
            p -> {
              ObjectNode o = object();
              o.put("symbol", p.instId());
              o.put("side", p.side().toUpperCase(Locale.ROOT));
              o.put("margin_mode", p.mgnMode());
              o.set("contracts", num(p.contracts()));
              o.set("coin", num(p.coin()));
              o.put("coin_ccy", p.coinCcy());
              o.set("notional_usdt", num(p.notionalUsdt()));
              o.set("avg_price", num(p.avgPx()));
              o.set("mark_price", num(p.markPx()));
              o.set("unrealized_pnl_usdt", num(p.uplUsdt()));
              o.set("leverage", num(p.leverage()));
              o.set("liquidation_price", num(p.liqPx()));
              o.set("margin_usdt", num(p.marginUsdt()));
              o.set("stop_loss", num(p.stopLoss()));
              o.set("take_profit", num(p.takeProfit()));
              out.add(o);
            });
    return out;
  }

  private static ObjectNode pending(AccountSnapshot account) {
    ObjectNode out = object();
    List<AccountSnapshot.Order> orders = account == null ? List.of() : account.pendingOrders();
    out.put("total", orders.size());
    ObjectNode bySide = object();
    new TreeMap<>(
            orders.stream()
                .collect(Collectors.groupingBy(AccountSnapshot.Order::side, Collectors.counting())))
        .forEach(bySide::put);
    out.set("by_side", bySide);
    ArrayNode open = array();
    orders.stream()
        .sorted(
            Comparator.comparing(
                AccountSnapshot.Order::created, Comparator.nullsLast(Comparator.naturalOrder())))
        .limit(PENDING)
        .forEach(
            o -> {
              ObjectNode e = object();
              e.put("symbol", o.instId());
              e.put("side", o.side());
              e.put("type", o.ordType());
              e.put("state", o.state());
              e.set("contracts", num(o.contracts()));
              e.set("filled_contracts", num(o.filledContracts()));
              e.set("created", time(o.created()));
              open.add(e);
            });
    out.set("open", open);
    ArrayNode algos = array();
    if (account != null) {
      account.algoOrders().stream()
          .sorted(Comparator.comparing(AccountSnapshot.Algo::instId))
          .limit(PENDING)
          .forEach(
              a -> {
                ObjectNode e = object();
                e.put("symbol", a.instId());
                e.put("type", a.ordType());
                e.put("side", a.side());
                e.set("contracts", num(a.contracts()));
                e.set("take_profit_trigger", num(a.takeProfitTrigger()));
                e.set("stop_loss_trigger", num(a.stopLossTrigger()));
                algos.add(e);
              });
    }
    out.set("protection_orders", algos);
    return out;
  }

  private static ObjectNode account(AccountSnapshot account) {
    ObjectNode out = object();
    if (account == null) {
      out.put(
          "note",
          "no account data: OKX keys are not configured or the account feed has not answered yet");
      return out;
    }
    out.set("equity_usd", num(account.equityUsd()));
    out.set("available_margin_usdt", num(availableUsdt(account)));
    ArrayNode balances = array();
    account.balances().stream()
        .sorted(Comparator.comparing(AccountSnapshot.Balance::ccy))
        .forEach(
            b -> {
              ObjectNode o = object();
              o.put("ccy", b.ccy());
              o.set("equity", num(b.equity()));
              o.set("available", num(b.available()));
              o.set("unrealized_pnl", num(b.upl()));
              balances.add(o);
            });
    out.set("balances", balances);
    out.set("as_of", time(account.generatedAt()));
    return out;
  }

  static BigDecimal availableUsdt(AccountSnapshot account) {
    return account.balances().stream()
        .filter(b -> "USDT".equals(b.ccy()))
        .map(AccountSnapshot.Balance::available)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(BigDecimal.ZERO);
  }

  private static ObjectNode exposure(AccountSnapshot account) {
    ObjectNode out = object();
    BigDecimal longs = BigDecimal.ZERO;
    BigDecimal shorts = BigDecimal.ZERO;
    List<AccountSnapshot.Position> positions = account == null ? List.of() : account.positions();
    for (AccountSnapshot.Position p : positions) {
      BigDecimal notional = p.notionalUsdt() == null ? BigDecimal.ZERO : p.notionalUsdt().abs();
      if ("short".equalsIgnoreCase(p.side())) {
        shorts = shorts.add(notional);
      } else {
        longs = longs.add(notional);
      }
    }
    BigDecimal net = longs.subtract(shorts);
    BigDecimal equity = account == null ? null : account.equityUsd();
    out.set("long_notional_usdt", num(longs));
    out.set("short_notional_usdt", num(shorts));
    out.set("net_exposure_usdt", num(net));
    Double netPct =
        equity == null || equity.signum() <= 0
            ? null
            : net.doubleValue() / equity.doubleValue() * 100;
    out.set("net_pct_of_equity", num(netPct));
    out.put(
        "summary",
        positions.isEmpty()
            ? "Flat"
            : String.format(
                Locale.ROOT,
                "Long $%,.0f, Short $%,.0f, Net %s of equity",
                longs,
                shorts,
                netPct == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", netPct)));
    return out;
  }

  private static ObjectNode guardrails(PromptInputs in, AccountSnapshot account) {
    GuardrailSettings g = in.guardrails();
    ObjectNode out = object();
    out.set("min_leverage", num(g.minLeverage()));
    out.set("max_leverage", num(g.maxLeverage()));
    out.set("min_leverage_confidence_gate", num(g.minLeverageConfidenceGate()));
    out.set("max_position_pct", num(g.maxPositionPct()));
    ObjectNode caps = object();
    g.symbolPositionCaps().forEach((s, pct) -> caps.set(s, num(pct)));
    out.set("symbol_position_caps", caps);
    out.set("daily_loss_limit_pct", num(g.dailyLossLimitPct()));
    out.put("min_hold_seconds", g.minHold().toSeconds());
    out.put("max_trades_per_hour", g.maxTradesPerHour());
    out.put("trade_window_seconds", g.tradeWindow().toSeconds());
    out.put("require_position_alignment", g.requirePositionAlignment());
    out.put("wait_for_tp_sl", g.waitForTpSl());
    out.put("require_stop_loss", g.requireProtection());
    out.put("snapshot_max_age_seconds", g.snapshotMaxAge().toSeconds());
    out.put("max_price_drift_bps", g.maxPriceDriftBps());
    out.set("max_price_drift_atr", num(g.maxPriceDriftAtr()));
    out.put("fee_aware_take_profit", g.feeAwareTakeProfit());
    MarketSnapshot.InstrumentSpec spec = in.market().instrument();
    PositionCap cap =
        PositionCap.of(
            g,
            in.symbol(),
            account == null ? null : account.equityUsd(),
            account == null ? null : availableUsdt(account),
            spec == null ? null : spec.maxLeverage(),
            price(in.market()),
            spec == null ? null : spec.ctVal(),
            spec == null ? null : spec.lotSz());
    ObjectNode capNode = object();
    capNode.put("formula", GuardrailSettings.capFormula());
    capNode.set("equity_usdt", num(cap.equityUsdt()));
    capNode.set("available_margin_usdt", num(cap.availableMarginUsdt()));
    capNode.set("max_leverage", num(cap.maxLeverage()));
    capNode.set("position_pct", num(cap.positionPct()));
    capNode.set("cap_notional_usdt", num(cap.capNotionalUsdt().setScale(2, RoundingMode.DOWN)));
    capNode.set("cap_contracts", num(cap.capContracts().orElse(null)));
    capNode.put("limited_by", cap.limitedBy());
    out.set("position_cap", capNode);
    return out;
  }

  private static ObjectNode execution(PromptInputs in) {
    ExecutionSettings e = in.execution();
    ObjectNode out = object();
    out.put("live_execution_enabled", e.enabled());
    out.put("trade_mode", e.tradeMode());
    out.put("order_type", e.orderType());
    BigDecimal instrumentMin =
        in.market().instrument() == null ? BigDecimal.ZERO : in.market().instrument().minSz();
    out.set(
        "min_size_contracts",
        num(
            e.minContractsFor(in.symbol())
                .max(instrumentMin == null ? BigDecimal.ZERO : instrumentMin)));
    out.set("price_reference", num(price(in.market())));
    return out;
  }

  /** Feedback for this symbol (or for no symbol) that has not expired, the newest {@link #FEEDBACK}, oldest first. */
  static List<ExecutionFeedback> feedback(PromptInputs in) {
    long ttl = in.guardrails().executionFeedbackTtl().toSeconds();
    Instant now = in.now();
    List<ExecutionFeedback> newest =
        in.feedback().stream()
            .filter(f -> f.symbol().isBlank() || f.symbol().equals(in.symbol()))
            .filter(f -> f.expiresAt().map(now::isBefore).orElse(true))
            .filter(f -> ttl <= 0 || !f.createdAt().plusSeconds(ttl).isBefore(now))
            .sorted(
                Comparator.comparing(ExecutionFeedback::createdAt)
                    .thenComparing(ExecutionFeedback::id)
                    .reversed())
            .limit(FEEDBACK)
            .toList();
    return newest.reversed();
  }

  private static ObjectNode digest(List<ExecutionFeedback> feedback) {
    ObjectNode out = object();
    Map<String, Long> counts =
        new TreeMap<>(
            feedback.stream()
                .collect(Collectors.groupingBy(ExecutionFeedback::kind, Collectors.counting())));
    ObjectNode countNode = object();
    counts.forEach(countNode::put);
    out.set("counts", countNode);
    List<ExecutionFeedback> blockers =
        feedback.reversed().stream()
            .filter(f -> f.kind().equalsIgnoreCase("warning") || f.kind().equalsIgnoreCase("error"))
            .limit(3)
            .toList();
    ExecutionFeedback latest = feedback.getLast();
    out.put(
        "summary",
        blockers.stream()
                .map(
                    f ->
                        f.kind().toUpperCase(Locale.ROOT) + ": " + Sanitizer.text(f.message(), 160))
                .collect(Collectors.joining("; "))
            + (blockers.isEmpty() ? "" : " | ")
            + "latest feedback @ "
            + latest.createdAt());
    return out;
  }
}
