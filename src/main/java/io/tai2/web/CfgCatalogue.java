package io.tai2.web;

import io.tai2.config.SettingsRanges;
import io.tai2.config.SettingsRules;
import java.util.List;
import java.util.Optional;

/**
 * Every runtime setting CFG shows, in the operator's words: a label, one line of help, the unit, how it is edited and
 * how it is shown (a share of 0..1 as a percentage). The allowed range comes from {@link SettingsRanges}, the table the
 * server checks against; the default from the settings documents themselves; whether it is risky from
 * {@link RiskyChanges}. The order here is the order on the page. {@code CfgCatalogueTest} fails when a setting has no
 * entry, so a new setting cannot reach the page without a label.
 */
final class CfgCatalogue {

  private CfgCatalogue() {}

  /** How a setting is edited on the page. */
  enum Kind {
    BOOL,
    NUMBER,
    TEXT,
    LONG_TEXT,
    CHOICE,
    /** The trading pairs: rows of OKX swaps. */
    PAIRS,
    /** A per-symbol map: rows of symbol + value. */
    SYMBOL_MAP,
    /** A stored prompt version (a select; {@code nullable}: "none" is offered). */
    VERSION,
    AB_SPLIT,
    SHADOWS,
    TIMEFRAME
  }

  /** Shown as a percentage: the stored share × 100. */
  static final int PERCENT = 2;

  /**
   * One setting. {@code shift}: the page shows the stored value × 10^shift (the values of a map likewise);
   * {@code choices} for {@link Kind#CHOICE}; {@code nullable}: it may be emptied (saved as {@code null}).
   */
  record Entry(
      String path,
      String label,
      String help,
      String unit,
      Kind kind,
      int shift,
      List<String> choices,
      boolean nullable) {

    String group() {
      return path.substring(0, path.indexOf('.'));
    }

    /** The range of the value (of each value, for a map), as the server checks it. */
    Optional<SettingsRanges.Range> range() {
      return SettingsRanges.find(
          kind == Kind.SYMBOL_MAP ? path + "." + SettingsRanges.ANY_SYMBOL : path);
    }

    boolean risky() {
      return RiskyChanges.GUARDED_FIELDS.contains(path);
    }

    /** Whether the entry covers everything below its path too (a map, a list or an editor of its own). */
    boolean coversBelow() {
      return switch (kind) {
        case PAIRS, SYMBOL_MAP, AB_SPLIT, SHADOWS -> true;
        default -> false;
      };
    }
  }

  private static Entry number(String path, String label, String unit, String help) {
    return new Entry(path, label, help, unit, Kind.NUMBER, 0, List.of(), false);
  }

  private static Entry percent(String path, String label, String unit, String help) {
    return new Entry(path, label, help, unit, Kind.NUMBER, PERCENT, List.of(), false);
  }

  private static Entry bool(String path, String label, String help) {
    return new Entry(path, label, help, "", Kind.BOOL, 0, List.of(), false);
  }

  private static Entry map(String path, String label, String unit, int shift, String help) {
    return new Entry(path, label, help, unit, Kind.SYMBOL_MAP, shift, List.of(), false);
  }

  private static Entry of(String path, String label, Kind kind, boolean nullable, String help) {
    return new Entry(path, label, help, "", kind, 0, List.of(), nullable);
  }

  private static Entry choice(String path, String label, List<String> choices, String help) {
    return new Entry(path, label, help, "", Kind.CHOICE, 0, choices, false);
  }

  static final List<Entry> ENTRIES =
      List.of(
          // guardrails
          number(
              "guardrails.max_leverage",
              "Maximum leverage",
              "x",
              "The most leverage an entry may use (the instrument's own OKX limit wins when lower); it also scales the position cap."),
          number(
              "guardrails.min_leverage",
              "Minimum leverage",
              "x",
              "The leverage of an entry at or below the confidence gate; above it, leverage rises with confidence up to the maximum."),
          percent(
              "guardrails.min_leverage_confidence_gate",
              "Confidence gate for leverage",
              "%",
              "The model's confidence at or below which an entry uses the minimum leverage."),
          percent(
              "guardrails.max_position_pct",
              "Max position",
              "% of equity",
              "Position cap per symbol: equity × max leverage × this share (a smaller symbol cap below wins)."),
          map(
              "guardrails.symbol_position_caps",
              "Position cap per symbol",
              "% of equity",
              PERCENT,
              "A symbol's own cap, used when it is below the max position; a symbol without a row uses the max position."),
          percent(
              "guardrails.daily_loss_limit_pct",
              "Daily loss limit",
              "% of equity",
              "When the day's loss reaches this share of the reference equity, new orders stop until you reset the lock. 0 = off."),
          number(
              "guardrails.max_trades_per_hour",
              "Max orders per trade window",
              "orders",
              "Entries stop once this many orders were accepted within the trade window. 0 = unlimited."),
          number(
              "guardrails.trade_window_seconds",
              "Trade window",
              "s",
              "The trailing window the order limit counts in (3600 s = per hour)."),
          number(
              "guardrails.min_hold_seconds",
              "Minimum hold / cooldown",
              "s",
              "After a fill on a symbol, no further order on it (not even a CLOSE) for this long. 0 = off."),
          bool(
              "guardrails.require_protection",
              "Require a stop-loss",
              "Every entry must carry a stop-loss; off lets the model's entries go out without one."),
          number(
              "guardrails.max_price_drift_bps",
              "Max price drift",
              "bps",
              "Refuse to send when the price moved more than this since the snapshot the model saw (100 bps = 1 %). 0 = no limit."),
          number(
              "guardrails.max_price_drift_atr",
              "Max price drift in ATRs",
              "× ATR",
              "The same limit as a multiple of the ATR, when the ATR is known. 0 = no limit."),
          bool(
              "guardrails.require_position_alignment",
              "No adding to an open position",
              "Refuse an entry on a symbol that already holds a position on the same side."),
          bool(
              "guardrails.wait_for_tp_sl",
              "Wait for TP/SL",
              "While a position has both its stop-loss and take-profit set, no new entry on that symbol (CLOSE is still allowed)."),
          bool(
              "guardrails.fee_aware_take_profit",
              "Take-profit must cover fees",
              "Refuse an entry whose take-profit would not cover the round-trip taker fees."),
          number(
              "guardrails.snapshot_max_age_seconds",
              "Max market-data age",
              "s",
              "No prompt is built from a market snapshot older than this."),
          number(
              "guardrails.execution_feedback_ttl_seconds",
              "Execution alerts kept for",
              "s",
              "How long an execution alert is fed into the prompts. 0 = until cleared."),
          // execution
          bool(
              "execution.enabled",
              "Live execution",
              "On: approved decisions send real OKX orders. Off: they fill in the paper account only, nothing is sent."),
          choice(
              "execution.trade_mode",
              "Margin mode",
              List.of("cross", "isolated"),
              "Cross shares the account's margin between positions; isolated gives each position its own."),
          choice(
              "execution.order_type",
              "Order type",
              List.of("market"),
              "tai2 sends market orders only."),
          number(
              "execution.default_min_contracts",
              "Minimum order size",
              "contracts",
              "The smallest order sent for a symbol without a row below. 0 = OKX's own minimum."),
          map(
              "execution.min_contracts",
              "Minimum order size per symbol",
              "contracts",
              0,
              "A symbol's own minimum, replacing the default. The size helper below works it out from a USDT amount."),
          number(
              "execution.isolated_seed.usdt",
              "Auto-seed amount",
              "USDT",
              "An isolated entry short of margin may first move up to this much from the funding account. 0 = none."),
          percent(
              "execution.isolated_seed.pct",
              "Auto-seed share of equity",
              "% of equity",
              "Caps the auto-seed at this share of equity. 0 = none."),
          number(
              "execution.isolated_seed.max_transfer_usdt",
              "Auto-seed cap per transfer",
              "USDT",
              "The most one auto-seed transfer may move. 0 = no cap."),
          map(
              "execution.isolated_seed.symbol_usdt",
              "Auto-seed amount per symbol",
              "USDT",
              0,
              "A symbol's own auto-seed amount, replacing the one above."),
          map(
              "execution.isolated_seed.symbol_pct",
              "Auto-seed share per symbol",
              "% of equity",
              PERCENT,
              "A symbol's own auto-seed share of equity, replacing the one above."),
          // market
          of(
              "market.trading_pairs",
              "Trading pairs",
              Kind.PAIRS,
              false,
              "The OKX USDT swaps tai2 tracks and trades, in this order (at most "
                  + SettingsRules.MAX_TRADING_PAIRS
                  + ")."),
          bool(
              "market.live_websocket",
              "Live WebSocket",
              "Stream market data over OKX's WebSocket; off, only the REST poller below updates it."),
          number(
              "market.ws_update_interval_seconds",
              "REST poll interval",
              "s",
              "How often prices, books, funding and candles are refreshed over REST while the live WebSocket is off."),
          number(
              "market.fee_window_hours",
              "Fee window",
              "h",
              "How far back the LIVE card adds up the fees (OKX lists 3 days of fills)."),
          // scheduler
          bool(
              "scheduler.enabled",
              "Scheduler",
              "Runs a prompt cycle for every tracked symbol each interval; with live execution on it trades unattended."),
          number(
              "scheduler.interval_seconds",
              "Cycle interval",
              "s",
              "Time between the starts of two scheduler ticks."),
          number(
              "scheduler.max_concurrent",
              "Cycles at once",
              "cycles",
              "How many LLM calls may run at the same time within a tick."),
          // display
          of(
              "ui.timezone",
              "Time zone",
              Kind.TEXT,
              false,
              "The IANA zone (e.g. Europe/Berlin) every page shows times in; the API, exports and logs stay in UTC."),
          // reasoning
          of("reasoning.model", "Model", Kind.TEXT, false, "The LLM every live cycle asks."),
          number(
              "reasoning.llm_timeout_seconds",
              "LLM timeout",
              "s",
              "How long one LLM call may take before it counts as failed (a HOLD)."),
          number(
              "reasoning.daily_cost_budget_usd",
              "Daily LLM budget",
              "USD",
              "LLM spend allowed per UTC day; once spent, cycles stop until midnight UTC. 0 = no limit."),
          of(
              "reasoning.timeframe",
              "Analysis timeframe",
              Kind.TIMEFRAME,
              false,
              "The candles each cycle analyses (scheduler, preview, /llm/execute)."),
          of(
              "reasoning.active_version",
              "Active prompt version",
              Kind.VERSION,
              false,
              "The prompt version live cycles use."),
          of(
              "reasoning.challenger_version",
              "Challenger version",
              Kind.VERSION,
              true,
              "The prompt version the champion card compares with the active one."),
          of(
              "reasoning.ab_split",
              "A/B split of the prompt versions",
              Kind.AB_SPLIT,
              true,
              "Off, or two versions taking turns by symbol or by cycle."),
          of(
              "reasoning.shadows",
              "Shadow models",
              Kind.SHADOWS,
              false,
              "Up to 3: each runs the same context beside the live model, into its own paper book; another LLM call per cycle."),
          number(
              "reasoning.decision_retention_days",
              "Keep decisions for",
              "days",
              "Decisions older than this leave the decision log."),
          of(
              "reasoning.response_schema_override",
              "Response schema override",
              Kind.LONG_TEXT,
              true,
              "A JSON schema replacing the shipped decision schema; empty = the shipped one."));

  /** The entry of {@code path}, if the catalogue has one. */
  static Optional<Entry> find(String path) {
    return ENTRIES.stream().filter(e -> e.path().equals(path)).findFirst();
  }

  /** The entries of one group, in page order. */
  static List<Entry> group(String group) {
    return ENTRIES.stream().filter(e -> e.group().equals(group)).toList();
  }
}
