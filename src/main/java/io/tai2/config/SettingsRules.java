package io.tai2.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one place where a change to market, guardrail, execution and scheduler settings is checked, field by field and
 * across fields, before anything is built or saved. Every number is finite and bounded; every failure names its JSON
 * path. {@code knownSymbol} says whether a symbol may key a per-symbol map (OKX lists it or it is tracked); a key the
 * map already holds is kept without asking again.
 */
public final class SettingsRules {

  /** The most entries a per-symbol map may hold, and the most pairs that may be tracked. */
  public static final int MAX_SYMBOL_ENTRIES = 500;

  public static final int MAX_TRADING_PAIRS = 100;

  private SettingsRules() {}

  public static List<FieldError> guardrails(
      SettingsPatches.Guardrails p, GuardrailSettings c, Predicate<String> knownSymbol) {
    Errors e = new Errors("guardrails.");
    e.within("min_leverage", p.minLeverage());
    e.within("max_leverage", p.maxLeverage());
    e.within("min_leverage_confidence_gate", p.minLeverageConfidenceGate());
    e.within("max_position_pct", p.maxPositionPct());
    e.within("daily_loss_limit_pct", p.dailyLossLimitPct());
    e.within("min_hold_seconds", p.minHoldSeconds());
    e.within("max_trades_per_hour", p.maxTradesPerHour());
    e.within("trade_window_seconds", p.tradeWindowSeconds());
    e.within("snapshot_max_age_seconds", p.snapshotMaxAgeSeconds());
    e.within("execution_feedback_ttl_seconds", p.executionFeedbackTtlSeconds());
    e.within("max_price_drift_bps", p.maxPriceDriftBps());
    e.within("max_price_drift_atr", p.maxPriceDriftAtr());
    e.symbols("symbol_position_caps", p.symbolPositionCaps(), c.symbolPositionCaps(), knownSymbol);
    if (e.ok("min_leverage", "max_leverage")) {
      BigDecimal min = SettingsPatches.or(p.minLeverage(), c.minLeverage());
      BigDecimal max = SettingsPatches.or(p.maxLeverage(), c.maxLeverage());
      if (max.compareTo(min) < 0) {
        e.add(
            p.maxLeverage() != null ? "max_leverage" : "min_leverage",
            "max_leverage (" + plain(max) + ") must be at least min_leverage (" + plain(min) + ")");
      }
    }
    if (e.ok("max_position_pct")) {
      BigDecimal maxPct = SettingsPatches.or(p.maxPositionPct(), c.maxPositionPct());
      SettingsPatches.or(p.symbolPositionCaps(), c.symbolPositionCaps())
          .forEach(
              (symbol, cap) -> {
                String path = "symbol_position_caps." + symbol;
                if (e.ok(path)
                    && e.within(
                        path,
                        cap,
                        SettingsRanges.of(
                            "guardrails.symbol_position_caps." + SettingsRanges.ANY_SYMBOL))
                    && cap.compareTo(maxPct) > 0) {
                  e.add(
                      path,
                      "the position cap of "
                          + symbol
                          + " must be at most max_position_pct ("
                          + plain(maxPct)
                          + "), was "
                          + plain(cap));
                }
              });
    }
    return e.errors();
  }

  public static List<FieldError> execution(
      SettingsPatches.Execution p, ExecutionSettings c, Predicate<String> knownSymbol) {
    Errors e = new Errors("execution.");
    e.oneOf("trade_mode", p.tradeMode(), Set.of("cross", "isolated"));
    e.oneOf("order_type", p.orderType(), Set.of("market"));
    e.within("default_min_contracts", p.defaultMinContracts());
    e.symbols("min_contracts", p.minContracts(), c.minContracts(), knownSymbol);
    e.withinEach("min_contracts", p.minContracts());
    SettingsPatches.Seed s = p.isolatedSeed();
    if (s != null) {
      IsolatedSeed cs = c.isolatedSeed();
      e.within("isolated_seed.usdt", s.usdt());
      e.within("isolated_seed.pct", s.pct());
      e.within("isolated_seed.max_transfer_usdt", s.maxTransferUsdt());
      e.symbols("isolated_seed.symbol_usdt", s.symbolUsdt(), cs.symbolUsdt(), knownSymbol);
      e.withinEach("isolated_seed.symbol_usdt", s.symbolUsdt());
      e.symbols("isolated_seed.symbol_pct", s.symbolPct(), cs.symbolPct(), knownSymbol);
      e.withinEach("isolated_seed.symbol_pct", s.symbolPct());
    }
    return e.errors();
  }

  public static List<FieldError> scheduler(SettingsPatches.Scheduler p) {
    Errors e = new Errors("scheduler.");
    e.within("interval_seconds", p.intervalSeconds());
    e.within("max_concurrent", p.maxConcurrent());
    return e.errors();
  }

  /** The display time zone: an IANA zone id as IANA spells it ({@code Europe/Berlin}, {@code UTC}), no bare offsets. */
  public static List<FieldError> display(SettingsPatches.Display p) {
    Errors e = new Errors("ui.");
    String zone = p.timezone();
    if (zone != null && DisplaySettings.timeZone(zone).isEmpty()) {
      e.add(
          "timezone",
          "must be an IANA time zone such as Europe/Berlin, America/New_York or UTC (case as written there), was \""
              + (zone.length() > 64 ? zone.substring(0, 64) + "…" : zone)
              + "\"");
    }
    return e.errors();
  }

  /** Shapes and bounds only; whether OKX lists a newly added pair is checked by the caller, which knows the list. */
  public static List<FieldError> market(SettingsPatches.Market p) {
    Errors e = new Errors("market.");
    if (p.tradingPairs() != null) {
      if (p.tradingPairs().size() > MAX_TRADING_PAIRS) {
        e.add(
            "trading_pairs",
            "at most " + MAX_TRADING_PAIRS + " pairs, was " + p.tradingPairs().size());
      } else {
        for (int i = 0; i < p.tradingPairs().size(); i++) {
          String pair = p.tradingPairs().get(i);
          if (pair.length() > 40
              || !MarketRuntimeSettings.isSwapId(pair.strip().toUpperCase(Locale.ROOT))) {
            e.add("trading_pairs." + i, "must be an OKX swap instrument id such as BTC-USDT-SWAP");
          }
        }
      }
    }
    e.within("ws_update_interval_seconds", p.wsUpdateIntervalSeconds());
    e.within("fee_window_hours", p.feeWindowHours());
    return e.errors();
  }

  static String plain(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }

  /** Collects the errors of one group; each check skips a field left out ({@code null}). */
  public static final class Errors {
    private final List<FieldError> errors = new ArrayList<>();
    private final String prefix;

    public Errors(String prefix) {
      this.prefix = prefix;
    }

    /** What was found, in order. */
    public List<FieldError> errors() {
      return errors;
    }

    public void add(String field, String message) {
      errors.add(new FieldError(prefix + field, message));
    }

    /** No error so far on any of {@code fields} (or below them). */
    public boolean ok(String... fields) {
      for (String f : fields) {
        String path = prefix + f;
        if (errors.stream()
            .anyMatch(x -> x.path().equals(path) || x.path().startsWith(path + "."))) {
          return false;
        }
      }
      return true;
    }

    /** {@code v} within the range {@link SettingsRanges} gives for this group's {@code field}; true when left out. */
    public boolean within(String field, Number v) {
      return within(field, v, SettingsRanges.of(prefix + field));
    }

    /** Every value of a per-symbol map within the range of {@code <field>.*}, each error under its symbol's path. */
    public void withinEach(String field, Map<String, ? extends Number> values) {
      if (values != null) {
        SettingsRanges.Range range =
            SettingsRanges.of(prefix + field + "." + SettingsRanges.ANY_SYMBOL);
        values.forEach((symbol, v) -> within(field + "." + symbol, v, range));
      }
    }

    public boolean within(String field, Number v, SettingsRanges.Range r) {
      if (v == null) {
        return true;
      }
      if (r.whole()) {
        return whole(field, v, r.min().longValueExact(), r.max().longValueExact());
      }
      BigDecimal d = v instanceof BigDecimal b ? b : new BigDecimal(v.toString());
      if (!decimal(field, d, r.min(), r.max(), r.decimals())) {
        return false;
      }
      if (r.aboveMin() && d.compareTo(r.min()) == 0) {
        add(
            field,
            "must be above "
                + plain(r.min())
                + " and at most "
                + plain(r.max())
                + (r.max().compareTo(BigDecimal.ONE) == 0 ? " (0.2 = 20 %)" : ""));
        return false;
      }
      return true;
    }

    public boolean decimal(
        String field, BigDecimal v, BigDecimal min, BigDecimal max, int maxScale) {
      if (v == null) {
        return true;
      }
      // the exponent is checked first: 1e-999999999 or 1e999999999 would be costly to compare or to
      // write out in full
      if (v.precision() - v.scale() > 12 || v.scale() > 40) {
        add(field, "must be between " + plain(min) + " and " + plain(max));
        return false;
      }
      BigDecimal n = v.stripTrailingZeros();
      if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
        add(field, "must be between " + plain(min) + " and " + plain(max) + ", was " + plain(n));
        return false;
      }
      if (n.scale() > maxScale) {
        add(field, "must have at most " + maxScale + " decimals, was " + plain(n));
        return false;
      }
      return true;
    }

    public boolean whole(String field, Number v, long min, long max) {
      if (v != null && (v.longValue() < min || v.longValue() > max)) {
        add(field, "must be a whole number between " + min + " and " + max + ", was " + v);
        return false;
      }
      return true;
    }

    public void oneOf(String field, String v, Set<String> allowed) {
      if (v != null && !allowed.contains(v)) {
        add(field, "must be one of " + allowed.stream().sorted().toList() + " exactly");
      }
    }

    public void symbols(
        String field, Map<String, ?> given, Map<String, ?> current, Predicate<String> known) {
      if (given == null) {
        return;
      }
      if (given.size() > MAX_SYMBOL_ENTRIES) {
        add(field, "at most " + MAX_SYMBOL_ENTRIES + " symbols, was " + given.size());
        return;
      }
      for (String symbol : given.keySet()) {
        if (current.containsKey(symbol)) {
          continue;
        }
        if (symbol.length() > 40 || !MarketRuntimeSettings.isSwapId(symbol)) {
          add(
              field + "." + (symbol.length() > 40 ? symbol.substring(0, 40) + "…" : symbol),
              "not an OKX swap instrument id such as BTC-USDT-SWAP");
        } else if (!known.test(symbol)) {
          add(
              field + "." + symbol,
              symbol + " is neither tracked nor among OKX's SWAP instruments");
        }
      }
    }
  }
}
