package io.tai2.execution;

import io.tai2.config.GuardrailSettings;
import io.tai2.reasoning.Decision;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * How big an entry wants to be, before the limits: the confidence-scaled target leverage (docs/spec/tai2-upstream.md §6.4) and the budget.
 *
 * <p>The formula (docs/spec/tai2-upstream.md §6.4 fixed per §10 item 7, so the model's size is honoured):
 *
 * <pre>
 *   f      = 0 at or below the confidence gate g, else (c − g) ÷ (1 − g)          (g ≥ 1: f = 1 only at c = 1)
 *   T      = L_min + (L_max − L_min) × f        L_max = min(guardrail max leverage, instrument max leverage)
 *   budget = equity × equity_pct × T            (USDT notional; equity_pct is the share of equity committed as margin)
 *   size   = min(budget ÷ (price × ctVal), position_size)     in contracts; position_size only ever lowers it
 * </pre>
 *
 * equity_pct is measured like max_position_pct, so an equity_pct within the cap at full confidence is exactly within the
 * cap formula (equity × L_max × pct). Without equity_pct, a position_size hint is sized against the cap's pct; with
 * neither, there is no size to honour and the entry is blocked. Upstream's tested values: h 0.1, E 1000, P 70, L 1–5,
 * c 0.75, g 0.5 → T = 3 (budget 3000 at equity_pct 1), but the hint 0.1 now wins; c 0.25 → 0.1; h 50, E 1000, P 50,
 * L 1–2, c 1 → 40.
 */
final class Sizing {

  static final int SCALE = 18;

  private Sizing() {}

  /** The share of the leverage range the confidence earns, 0..1 (docs/spec/tai2-upstream.md §6.4; an invalid gate is taken as 0.5). */
  static BigDecimal confidenceFactor(BigDecimal confidence, double gate) {
    double g = Double.isNaN(gate) ? 0.5 : Math.max(0, Math.min(1, gate));
    BigDecimal c = confidence.max(BigDecimal.ZERO).min(BigDecimal.ONE);
    BigDecimal gd = BigDecimal.valueOf(g);
    if (gd.compareTo(BigDecimal.ONE) >= 0) {
      return c.compareTo(BigDecimal.ONE) >= 0 ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    if (c.compareTo(gd) <= 0 && gd.signum() > 0) {
      return BigDecimal.ZERO;
    }
    return c.subtract(gd).divide(BigDecimal.ONE.subtract(gd), MathContext.DECIMAL64);
  }

  /** T = L_min + (L_max − L_min) × f. */
  static BigDecimal targetLeverage(
      BigDecimal confidence, double gate, BigDecimal minLeverage, BigDecimal maxLeverage) {
    BigDecimal f = confidenceFactor(confidence, gate);
    return Amounts.normal(
        minLeverage
            .add(maxLeverage.subtract(minLeverage).multiply(f))
            .setScale(8, RoundingMode.DOWN));
  }

  /** Settles L_min, L_max and the target leverage; min above max is a settings error the operator must fix. */
  static Optional<GuardrailVerdict> leverageTarget(GuardrailInput in, Draft d, Trail t) {
    GuardrailSettings g = in.guardrails();
    BigDecimal min = g.minLeverage().max(BigDecimal.ZERO);
    BigDecimal instrumentMax = in.instrument().maxLeverage();
    boolean instrumentLower =
        instrumentMax != null
            && instrumentMax.signum() > 0
            && instrumentMax.compareTo(g.maxLeverage()) < 0;
    BigDecimal max = instrumentLower ? instrumentMax : g.maxLeverage();
    String bounds =
        "max "
            + Amounts.leverage(g.maxLeverage())
            + (instrumentLower ? " (instrument max " + Amounts.leverage(instrumentMax) + ")" : "");
    if (max.compareTo(BigDecimal.ONE) < 0) {
      return Optional.of(
          t.block(
              "leverage_target",
              Amounts.leverage(max),
              "the max leverage "
                  + Amounts.leverage(max)
                  + " is below 1×: set max leverage to at least 1 in CFG"));
    }
    if (min.compareTo(max) > 0) {
      return Optional.of(
          t.block(
              "leverage_target",
              "min " + Amounts.leverage(min) + ", " + bounds,
              "the min leverage "
                  + Amounts.leverage(min)
                  + " is above the usable max "
                  + Amounts.leverage(max)
                  + " ("
                  + bounds
                  + "): fix the leverage settings in CFG"));
    }
    BigDecimal c = in.decision().confidence();
    double gate = g.minLeverageConfidenceGate();
    d.minLeverage = min;
    d.maxLeverage = max;
    d.targetLeverage = targetLeverage(c, gate, min, max);
    String before = "confidence " + Amounts.plain(c) + ", gate " + gate;
    String detail =
        "target leverage = "
            + Amounts.plain(min)
            + " + ("
            + Amounts.plain(max)
            + " − "
            + Amounts.plain(min)
            + ") × "
            + Amounts.plain(confidenceFactor(c, gate).setScale(4, RoundingMode.DOWN))
            + " = "
            + Amounts.leverage(d.targetLeverage)
            + (c.compareTo(BigDecimal.valueOf(gate)) <= 0
                ? " (at or below the confidence gate: min leverage)"
                : "")
            + "; "
            + bounds;
    if (instrumentLower) {
      t.adjusted("leverage_target", before, Amounts.leverage(d.targetLeverage), detail);
    } else {
      t.passed("leverage_target", Amounts.leverage(d.targetLeverage), before + "; " + detail);
    }
    return Optional.empty();
  }

  /** The budget in contracts from equity_pct × equity × T, then the position_size hint as an upper bound. */
  static Optional<GuardrailVerdict> budget(GuardrailInput in, Draft d, Trail t) {
    BigDecimal equity = in.account().equityUsdt();
    if (equity.signum() <= 0) {
      return Optional.of(
          t.block(
              "equity",
              Amounts.usdt(equity),
              "equity is "
                  + Amounts.usdt(equity)
                  + ": nothing to size from; refresh the account snapshot"));
    }
    Optional<BigDecimal> equityPct = hint(in.decision(), true);
    Optional<BigDecimal> sizeHint = hint(in.decision(), false);
    String action = d.buy ? "BUY" : "SELL";
    if (equityPct.isEmpty() && sizeHint.isEmpty()) {
      return Optional.of(
          t.block(
              "size_budget",
              "none",
              "the "
                  + action
                  + " gives neither equity_pct nor position_size:"
                  + " the model stated no size; re-prompt"));
    }
    BigDecimal pct = equityPct.orElse(in.guardrails().positionPctFor(in.symbol()));
    String pctSource = equityPct.isPresent() ? "equity_pct " : "position cap pct (no equity_pct) ";
    BigDecimal ctVal = in.instrument().ctVal();
    d.sizingPrice = in.prices().reference().max(in.prices().current());
    BigDecimal usdt = equity.multiply(pct).multiply(d.targetLeverage);
    BigDecimal perContract = d.sizingPrice.multiply(ctVal);
    d.contracts = usdt.divide(perContract, SCALE, RoundingMode.DOWN);
    d.limitedBy =
        "the budget "
            + Amounts.usdt(usdt)
            + " ("
            + pctSource
            + Amounts.pct(pct)
            + " × equity "
            + Amounts.usdt(equity)
            + " × "
            + Amounts.leverage(d.targetLeverage)
            + ")";
    t.passed(
        "size_budget",
        Amounts.contracts(d.contracts.setScale(8, RoundingMode.DOWN)),
        pctSource
            + Amounts.pct(pct)
            + " × equity "
            + Amounts.usdt(equity)
            + " × target "
            + Amounts.leverage(d.targetLeverage)
            + " = "
            + Amounts.usdt(usdt)
            + " ÷ (price "
            + Amounts.plain(d.sizingPrice)
            + " × ctVal "
            + Amounts.plain(ctVal)
            + " = "
            + Amounts.usdt(perContract)
            + " per contract)");
    if (sizeHint.isPresent()) {
      BigDecimal h = sizeHint.get();
      if (h.compareTo(d.contracts) < 0) {
        t.clipped(
            "size_hint",
            Amounts.contracts(d.contracts.setScale(8, RoundingMode.DOWN)),
            Amounts.contracts(h),
            "the model's position_size "
                + Amounts.contracts(h)
                + " is smaller than the budget: it is honoured as the upper bound");
        d.contracts = h;
        d.limitedBy = "the model's position_size " + Amounts.contracts(h);
      } else {
        t.passed(
            "size_hint", Amounts.contracts(h), "the model's position_size is not below the budget");
      }
    }
    return Optional.empty();
  }

  /** equity_pct (or position_size) when the model gave a positive one; 0 means "none", as upstream read it. */
  private static Optional<BigDecimal> hint(Decision decision, boolean equityPct) {
    Optional<BigDecimal> value =
        switch (decision) {
          case Decision.Buy b -> equityPct ? b.equityPct() : b.positionSize();
          case Decision.Sell s -> equityPct ? s.equityPct() : s.positionSize();
          default -> Optional.empty();
        };
    return value.filter(v -> v.signum() > 0);
  }
}
