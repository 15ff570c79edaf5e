package io.tai2.execution;

import io.tai2.config.GuardrailSettings;
import io.tai2.market.AccountSnapshot;
import io.tai2.market.MarketSnapshot;
import io.tai2.reasoning.Decision;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rules about the state of things rather than the order itself: execution settings, snapshot age, risk lock, HOLD,
 * instrument rules, the open position, alignment, wait-for-TP/SL, cooldown and the trade rate.
 */
final class StateRules {

  private static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

  private StateRules() {}

  /** Not a block: in paper mode the plan is still made and the executor logs it instead of sending it. */
  static Optional<GuardrailVerdict> liveExecution(GuardrailInput in, Draft d, Trail t) {
    if (in.execution().enabled()) {
      t.passed("live_execution", "on", "live execution is on: an approved plan is sent to OKX");
    } else {
      t.adjusted(
          "live_execution",
          "off",
          "paper",
          "live execution is off: an approved plan fills in the paper account, nothing is sent");
    }
    return Optional.empty();
  }

  static Optional<GuardrailVerdict> executionSettings(GuardrailInput in, Draft d, Trail t) {
    String mode = String.valueOf(in.execution().tradeMode());
    String type = String.valueOf(in.execution().orderType());
    if (!mode.equals("cross") && !mode.equals("isolated")) {
      return Optional.of(
          t.block(
              "execution_settings",
              mode,
              "trade mode '"
                  + mode
                  + "' is neither cross nor isolated: set the trade mode in CFG"));
    }
    if (!type.equals("market")) {
      return Optional.of(
          t.block(
              "execution_settings",
              type,
              "order type '"
                  + type
                  + "' is not supported: tai2 sends market orders only; set the order type to market in CFG"));
    }
    t.passed(
        "execution_settings", mode + " " + type, "trade mode " + mode + ", " + type + " orders");
    return Optional.empty();
  }

  static Optional<GuardrailVerdict> snapshotAge(GuardrailInput in, Draft d, Trail t) {
    Duration age = Duration.between(in.prices().snapshotAt(), in.now());
    Duration limit = in.guardrails().snapshotMaxAge();
    String value = age.toSeconds() + " s";
    // a timestamp from the future would pass any age limit; a minute of clock skew is tolerated
    if (age.compareTo(MAX_CLOCK_SKEW.negated()) < 0) {
      return Optional.of(
          t.block(
              "snapshot_age",
              value,
              "the price the model saw for "
                  + in.symbol()
                  + " is stamped "
                  + age.negated().toSeconds()
                  + " s in the future: check the server clock (NTP) and re-prompt"));
    }
    if (age.compareTo(limit) > 0) {
      return Optional.of(
          t.block(
              "snapshot_age",
              value,
              "stale: the price the model saw for "
                  + in.symbol()
                  + " is "
                  + age.toSeconds()
                  + " s old (limit "
                  + limit.toSeconds()
                  + " s); wait for the market feed and re-prompt"));
    }
    t.passed(
        "snapshot_age",
        value,
        "the price the model saw is "
            + age.toSeconds()
            + " s old (limit "
            + limit.toSeconds()
            + " s)");
    return Optional.empty();
  }

  static Optional<GuardrailVerdict> riskLock(GuardrailInput in, Draft d, Trail t) {
    if (in.riskLock().locked()) {
      String why = in.riskLock().reason().isBlank() ? "limit reached" : in.riskLock().reason();
      return Optional.of(
          t.block(
              "risk_lock",
              "locked",
              "locked: the risk lock is on ("
                  + why
                  + "); nothing is sent until an operator resets it"));
    }
    t.passed("risk_lock", "off", "no risk lock");
    return Optional.empty();
  }

  static Optional<GuardrailVerdict> hold(GuardrailInput in, Draft d, Trail t) {
    if (in.decision() instanceof Decision.Hold) {
      return Optional.of(
          t.nothingToDo("action", "HOLD", "HOLD: nothing to send for " + in.symbol()));
    }
    return Optional.empty();
  }

  /** Nothing is sized or quantised without the exchange's rules; a missing one means the catalog has not loaded. */
  static Optional<GuardrailVerdict> instrument(GuardrailInput in, Draft d, Trail t) {
    MarketSnapshot.InstrumentSpec spec = in.instrument();
    String value =
        "ctVal "
            + show(spec.ctVal())
            + ", lotSz "
            + show(spec.lotSz())
            + ", minSz "
            + show(spec.minSz())
            + ", tickSz "
            + show(spec.tickSz())
            + ", maxMktSz "
            + show(spec.maxMktSz())
            + ", max leverage "
            + show(spec.maxLeverage());
    boolean complete =
        positive(spec.ctVal())
            && positive(spec.lotSz())
            && positive(spec.tickSz())
            && spec.minSz() != null
            && spec.minSz().signum() >= 0;
    if (!in.symbol().equals(spec.instId())) {
      return Optional.of(
          t.block(
              "instrument",
              spec.instId(),
              "the instrument rules are for "
                  + spec.instId()
                  + ", not "
                  + in.symbol()
                  + ": this is a bug in the caller; nothing is sent"));
    }
    if (!complete) {
      return Optional.of(
          t.block(
              "instrument",
              value,
              "the instrument rules for "
                  + in.symbol()
                  + " are incomplete ("
                  + value
                  + "): wait for the instrument catalog to load; nothing is sized without them"));
    }
    if (!positive(in.prices().reference()) || !positive(in.prices().current())) {
      return Optional.of(
          t.block(
              "instrument",
              "reference "
                  + show(in.prices().reference())
                  + ", current "
                  + show(in.prices().current()),
              "no valid price for " + in.symbol() + ": wait for the market feed and re-prompt"));
    }
    t.passed(
        "instrument",
        value,
        "1 contract = "
            + Amounts.plain(spec.ctVal())
            + " "
            + (spec.ctValCcy() == null ? "coin" : spec.ctValCcy()));
    return Optional.empty();
  }

  /** Finds the one open position on the symbol; two (long and short, or cross and isolated) are left to the operator. */
  static Optional<GuardrailVerdict> positions(GuardrailInput in, Draft d, Trail t) {
    List<AccountSnapshot.Position> open =
        in.account().positions().stream()
            .filter(
                p ->
                    in.symbol().equals(p.instId())
                        && p.contracts() != null
                        && p.contracts().signum() > 0)
            .toList();
    if (open.isEmpty()) {
      t.passed("position", "flat", "no open position on " + in.symbol());
      return Optional.empty();
    }
    String listed = open.stream().map(StateRules::describe).collect(Collectors.joining(", "));
    if (open.size() > 1) {
      return Optional.of(
          t.block(
              "position",
              listed,
              open.size()
                  + " positions are open on "
                  + in.symbol()
                  + " ("
                  + listed
                  + "): tai2 handles one position per symbol; close all but one on OKX"));
    }
    AccountSnapshot.Position p = open.getFirst();
    Optional<Boolean> isLong = sideOf(p.side()).or(() -> sideOf(p.posSide()));
    if (isLong.isEmpty()) {
      return Optional.of(
          t.block(
              "position",
              listed,
              "the position on "
                  + in.symbol()
                  + " has no long/short side (side '"
                  + p.side()
                  + "', posSide '"
                  + p.posSide()
                  + "'): refresh the account snapshot"));
    }
    d.position(new Draft.OpenPosition(p, isLong.get()));
    t.passed("position", listed, "open: " + listed);
    return Optional.empty();
  }

  /**
   * With alignment on, an open position allows only CLOSE. With it off, adding on the same side is allowed (the cap
   * counts the open position). A flip is never one order: a SELL while long is not a close.
   */
  static Optional<GuardrailVerdict> alignment(GuardrailInput in, Draft d, Trail t) {
    d.buy = in.decision() instanceof Decision.Buy;
    String action = d.buy ? "BUY" : "SELL";
    if (d.position().isEmpty()) {
      t.passed("alignment", action + " while flat", "no open position: a new entry");
      return Optional.empty();
    }
    Draft.OpenPosition open = d.position().get();
    String value = action + " while " + open.side();
    if (open.isLong() != d.buy) {
      return Optional.of(
          t.block(
              "alignment",
              value,
              "flip: a "
                  + action
                  + " while "
                  + open.side()
                  + " on "
                  + in.symbol()
                  + " would reverse it (or hedge it in long/short mode); tai2 never flips in one order: decide CLOSE first, then enter on a"
                  + " later decision"));
    }
    if (in.guardrails().requirePositionAlignment()) {
      return Optional.of(
          t.block(
              "alignment",
              value,
              "alignment: a "
                  + open.side()
                  + " "
                  + Amounts.contracts(open.contracts())
                  + " is already open on "
                  + in.symbol()
                  + " and require_position_alignment forbids adding to it; CLOSE it first or HOLD"));
    }
    t.passed(
        "alignment",
        value,
        "adding to the open "
            + open.side()
            + " (require_position_alignment is off): the cap counts the open position");
    return Optional.empty();
  }

  /** Adding in another margin mode would open a second position beside the first. */
  static Optional<GuardrailVerdict> marginMode(GuardrailInput in, Draft d, Trail t) {
    if (d.position().isEmpty()) {
      t.skipped("margin_mode", "no open position");
      return Optional.empty();
    }
    String held = d.position().get().position().mgnMode();
    String mode = in.execution().tradeMode();
    if (!mode.equalsIgnoreCase(String.valueOf(held))) {
      return Optional.of(
          t.block(
              "margin_mode",
              held + " vs " + mode,
              "the open "
                  + d.position().get().side()
                  + " on "
                  + in.symbol()
                  + " is "
                  + held
                  + " but the trade mode is "
                  + mode
                  + ": adding would open a second position; CLOSE first or set the trade mode to "
                  + held));
    }
    t.passed("margin_mode", mode, "the open position is " + mode + " like the trade mode");
    return Optional.empty();
  }

  static Optional<GuardrailVerdict> waitForTpSl(GuardrailInput in, Draft d, Trail t) {
    if (!in.guardrails().waitForTpSl()) {
      t.skipped("wait_for_tp_sl", "wait-for-TP/SL is off");
      return Optional.empty();
    }
    Optional<AccountSnapshot.Position> protectedPosition =
        d.position()
            .map(Draft.OpenPosition::position)
            .filter(p -> p.stopLoss() != null && p.takeProfit() != null);
    if (protectedPosition.isPresent()) {
      AccountSnapshot.Position p = protectedPosition.get();
      return Optional.of(
          t.block(
              "wait_for_tp_sl",
              "SL " + Amounts.plain(p.stopLoss()) + ", TP " + Amounts.plain(p.takeProfit()),
              "wait-for-TP/SL: the "
                  + d.position().get().side()
                  + " on "
                  + in.symbol()
                  + " has its stop-loss "
                  + Amounts.plain(p.stopLoss())
                  + " and take-profit "
                  + Amounts.plain(p.takeProfit())
                  + " set: no new entry until one of them closes it (CLOSE is still allowed)"));
    }
    t.passed(
        "wait_for_tp_sl",
        "",
        "no position on " + in.symbol() + " with both a stop-loss and a take-profit");
    return Optional.empty();
  }

  /** Counts from the last fill (docs/spec/README.md): HOLDs and blocked decisions do not restart it. It also holds back a CLOSE. */
  static Optional<GuardrailVerdict> cooldown(GuardrailInput in, Draft d, Trail t) {
    Duration minHold = in.guardrails().minHold();
    if (minHold.isZero() || minHold.isNegative()) {
      t.skipped("cooldown", "min hold / cooldown is 0: off");
      return Optional.empty();
    }
    Optional<Instant> lastFill = in.activity().lastFillAt();
    if (lastFill.isEmpty()) {
      t.passed("cooldown", "no fill", "no fill on " + in.symbol() + " yet");
      return Optional.empty();
    }
    Duration since = Duration.between(lastFill.get(), in.now());
    String value = since.toSeconds() + " s since the last fill";
    if (since.compareTo(minHold) < 0) {
      Instant next = lastFill.get().plus(minHold);
      String what =
          in.decision() instanceof Decision.Close
              ? "min hold: the position on "
                  + in.symbol()
                  + " was filled "
                  + since.toSeconds()
                  + " s ago (min hold "
                  + minHold.toSeconds()
                  + " s); its stop-loss protects it until a CLOSE is allowed at "
                  + next
              : "cooldown: the last fill on "
                  + in.symbol()
                  + " was "
                  + since.toSeconds()
                  + " s ago (min hold / cooldown "
                  + minHold.toSeconds()
                  + " s); the next order is allowed at "
                  + next;
      return Optional.of(t.block("cooldown", value, what));
    }
    t.passed("cooldown", value, "min hold / cooldown " + minHold.toSeconds() + " s has passed");
    return Optional.empty();
  }

  /** Entries only: a close never waits for a trade slot (it still counts as an accepted order). */
  static Optional<GuardrailVerdict> tradeRate(GuardrailInput in, Draft d, Trail t) {
    GuardrailSettings g = in.guardrails();
    int accepted = in.activity().acceptedOrdersInWindow();
    if (g.maxTradesPerHour() <= 0) {
      t.skipped("trade_rate", "max trades per window is 0: unlimited");
      return Optional.empty();
    }
    String value = accepted + " of " + g.maxTradesPerHour();
    if (accepted >= g.maxTradesPerHour()) {
      return Optional.of(
          t.block(
              "trade_rate",
              value,
              "trade limit: "
                  + accepted
                  + " orders accepted in the last "
                  + g.tradeWindow().toSeconds()
                  + " s (limit "
                  + g.maxTradesPerHour()
                  + "); wait for the window to roll or raise max_trades_per_hour"));
    }
    t.passed(
        "trade_rate",
        value,
        accepted
            + " orders accepted in the last "
            + g.tradeWindow().toSeconds()
            + " s (limit "
            + g.maxTradesPerHour()
            + ")");
    return Optional.empty();
  }

  private static Optional<Boolean> sideOf(String text) {
    String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    return s.equals("long")
        ? Optional.of(true)
        : s.equals("short") ? Optional.of(false) : Optional.empty();
  }

  private static String describe(AccountSnapshot.Position p) {
    return p.side() + " " + Amounts.contracts(p.contracts()) + " " + p.mgnMode();
  }

  static boolean positive(BigDecimal v) {
    return v != null && v.signum() > 0;
  }

  static String show(BigDecimal v) {
    return v == null ? "missing" : Amounts.plain(v);
  }
}
