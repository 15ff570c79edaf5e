package io.tai2.execution;

import io.tai2.market.AccountSnapshot;
import io.tai2.reasoning.Decision;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;

/**
 * CLOSE (docs/spec/tai2-upstream.md §10.8 fixed): a reduce-only market order for the whole open position, opposite side, in the position's
 * own margin mode and posSide, without stop-loss or take-profit; sized from the position, never by the entry formula.
 */
final class CloseRule {

  private CloseRule() {}

  /** Ends the evaluation for a CLOSE: a reduce-only plan, nothing to do when flat, or a block (min hold, dust). */
  static Optional<GuardrailVerdict> close(GuardrailInput in, Draft d, Trail t) {
    if (!(in.decision() instanceof Decision.Close close)) {
      return Optional.empty();
    }
    if (d.position().isEmpty()) {
      return Optional.of(
          t.nothingToDo(
              "close", "flat", "CLOSE: no open position on " + in.symbol() + "; nothing to close"));
    }
    Optional<GuardrailVerdict> held = StateRules.cooldown(in, d, t);
    if (held.isPresent()) {
      return held;
    }
    Draft.OpenPosition open = d.position().get();
    AccountSnapshot.Position p = open.position();
    BigDecimal lot = in.instrument().lotSz();
    BigDecimal whole = floorToLot(open.contracts(), lot);
    BigDecimal contracts = whole;
    BigDecimal maxMkt = in.instrument().maxMktSz();
    if (maxMkt != null && maxMkt.signum() > 0 && contracts.compareTo(maxMkt) > 0) {
      contracts = floorToLot(maxMkt, lot);
      t.clipped(
          "close",
          Amounts.contracts(whole),
          Amounts.contracts(contracts),
          "the "
              + open.side()
              + " is "
              + Amounts.contracts(open.contracts())
              + " but one market order may carry at most "
              + Amounts.contracts(maxMkt)
              + " (maxMktSz): this closes part of it; decide CLOSE again for the remaining "
              + Amounts.contracts(open.contracts().subtract(contracts)));
    }
    if (contracts.signum() <= 0) {
      return Optional.of(
          t.block(
              "close",
              Amounts.contracts(open.contracts()),
              "the "
                  + open.side()
                  + " on "
                  + in.symbol()
                  + " is "
                  + Amounts.contracts(open.contracts())
                  + ", less than one lot ("
                  + Amounts.plain(lot)
                  + "): close it on OKX"));
    }
    String side = open.isLong() ? "sell" : "buy";
    String posSide =
        in.account().positionMode() == GuardrailInput.PositionMode.NET ? "net" : open.side();
    String mode =
        "cross".equalsIgnoreCase(p.mgnMode()) || "isolated".equalsIgnoreCase(p.mgnMode())
            ? p.mgnMode().toLowerCase(Locale.ROOT)
            : in.execution().tradeMode();
    // the leverage is not what closes a position; keep the position's own, so setting it changes
    // nothing
    BigDecimal leverage =
        p.leverage() != null && p.leverage().compareTo(BigDecimal.ONE) >= 0
            ? p.leverage()
            : BigDecimal.ONE;
    OrderPlan plan =
        new OrderPlan(
            in.decisionId(),
            in.symbol(),
            side,
            posSide,
            mode,
            "market",
            contracts,
            true,
            Optional.empty(),
            Optional.empty(),
            leverage,
            in.prices().reference(),
            in.prices().snapshotAt(),
            close.assessment().rationale());
    t.passed(
        "close",
        Amounts.contracts(contracts),
        "reduce-only "
            + side
            + " of "
            + Amounts.contracts(contracts)
            + " closes the "
            + open.side()
            + " ("
            + mode
            + ", posSide "
            + posSide
            + "); no stop-loss or take-profit on a close");
    return Optional.of(t.approved(plan));
  }

  static BigDecimal floorToLot(BigDecimal contracts, BigDecimal lot) {
    return contracts.divide(lot, 0, RoundingMode.FLOOR).multiply(lot);
  }
}
