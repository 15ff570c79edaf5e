package io.tai2.execution;

import io.tai2.config.PositionCap;
import io.tai2.market.AccountSnapshot;
import io.tai2.okx.PositionTier;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.Optional;

/**
 * The limits an entry's size must fit, each only ever making it smaller: available margin, the position cap (the one
 * formula of {@link PositionCap}, counting an open position on the same side), the margin the order needs with the
 * taker-fee reserve, OKX position tiers, the per-order market size, and lot rounding down to the minimum. Then the
 * leverage to set for what is left.
 */
final class SizeLimits {

  private static final BigDecimal STEP = new BigDecimal("0.01");
  private static final BigDecimal UNLIMITED = new BigDecimal("1e30");

  private SizeLimits() {}

  static Optional<GuardrailVerdict> availableMargin(GuardrailInput in, Draft d, Trail t) {
    BigDecimal avail = usableMargin(in);
    if (avail.signum() <= 0) {
      return Optional.of(
          t.block(
              "available_margin",
              Amounts.usdt(avail),
              "no available margin ("
                  + Amounts.usdt(avail)
                  + "): add USDT to the trading account or close a position"));
    }
    t.passed("available_margin", Amounts.usdt(avail), availableText(in));
    return Optional.empty();
  }

  /** "available margin 100 USDT", with what auto-seeding may add from the funding account when it may. */
  private static String availableText(GuardrailInput in) {
    BigDecimal seedable = seedable(in);
    return "available margin "
        + Amounts.usdt(in.account().availableMarginUsdt())
        + (seedable.signum() > 0
            ? " + up to "
                + Amounts.usdt(seedable)
                + " from the funding account (isolated auto-seed)"
            : "");
  }

  /** What an entry may use: the available margin, plus what auto-seeding may move in isolated margin. */
  private static BigDecimal usableMargin(GuardrailInput in) {
    return in.account().availableMarginUsdt().add(seedable(in));
  }

  private static BigDecimal seedable(GuardrailInput in) {
    return in.execution().tradeMode().equals("isolated")
        ? in.account().seedableUsdt()
        : BigDecimal.ZERO;
  }

  /** cap = min(equity × L × pct, available × L); an open position on the same side uses up the equity term first. */
  static Optional<GuardrailVerdict> positionCap(GuardrailInput in, Draft d, Trail t) {
    PositionCap cap =
        PositionCap.of(
            in.guardrails(),
            in.symbol(),
            in.account().equityUsdt(),
            usableMargin(in),
            in.instrument().maxLeverage(),
            d.sizingPrice,
            in.instrument().ctVal(),
            in.instrument().lotSz());
    BigDecimal held = d.position().map(p -> notional(in, d, p.contracts())).orElse(BigDecimal.ZERO);
    BigDecimal room = cap.equityTermUsdt().subtract(held).min(cap.marginTermUsdt());
    boolean symbolPct =
        in.guardrails().symbolPositionCaps().containsKey(in.symbol())
            && cap.positionPct().compareTo(in.guardrails().maxPositionPct()) < 0;
    String formula =
        "min(equity "
            + Amounts.usdt(cap.equityUsdt())
            + " × "
            + Amounts.leverage(cap.maxLeverage())
            + " × "
            + Amounts.pct(cap.positionPct())
            + (symbolPct ? " (" + in.symbol() + " cap)" : "")
            + " = "
            + Amounts.usdt(cap.equityTermUsdt())
            + ", "
            + availableText(in)
            + " × "
            + Amounts.leverage(cap.maxLeverage())
            + " = "
            + Amounts.usdt(cap.marginTermUsdt())
            + ")";
    String heldText =
        held.signum() > 0
            ? ", less the open " + d.position().get().side() + " " + Amounts.usdt(held)
            : "";
    String name =
        "the position cap " + Amounts.usdt(cap.capNotionalUsdt()) + " = " + formula + heldText;
    if (room.signum() <= 0) {
      return Optional.of(
          t.block(
              "position_cap",
              Amounts.usdt(held),
              "the open "
                  + d.position().map(Draft.OpenPosition::side).orElse("position")
                  + " on "
                  + in.symbol()
                  + " ("
                  + Amounts.usdt(held)
                  + ") already fills "
                  + name
                  + ": no room to add; HOLD or CLOSE"));
    }
    return clipTo("position_cap", in, d, t, room, name);
  }

  /**
   * The order's initial margin at the leverage that will be set, plus OKX's taker-fee reserve, must fit in the available
   * margin (else OKX rejects with 51008). When adding to a position whose leverage is above the usable max, lowering it
   * takes extra margin from the open position first.
   */
  static Optional<GuardrailVerdict> marginNeeded(GuardrailInput in, Draft d, Trail t) {
    BigDecimal avail = usableMargin(in);
    BigDecimal fee = fee(in);
    BigDecimal extra = BigDecimal.ZERO;
    Optional<BigDecimal> heldLeverage = heldLeverage(d);
    if (heldLeverage.isPresent() && heldLeverage.get().compareTo(d.maxLeverage) > 0) {
      BigDecimal held = notional(in, d, d.position().get().contracts());
      extra =
          held.divide(d.maxLeverage, MathContext.DECIMAL64)
              .subtract(held.divide(heldLeverage.get(), MathContext.DECIMAL64));
    }
    d.marginForOrder = avail.subtract(extra);
    if (d.marginForOrder.signum() <= 0) {
      return Optional.of(
          t.block(
              "margin_needed",
              Amounts.usdt(avail),
              "lowering the open position's leverage "
                  + Amounts.leverage(heldLeverage.orElseThrow())
                  + " to the max "
                  + Amounts.leverage(d.maxLeverage)
                  + " takes "
                  + Amounts.usdt(extra)
                  + " of margin, more than the available "
                  + Amounts.usdt(avail)
                  + ": add margin or raise max leverage"));
    }
    // notional ≤ margin ÷ (1/L + fee): at leverage L the order needs notional/L plus notional ×
    // fee; rounded so it errs small
    BigDecimal perNotional =
        BigDecimal.ONE.divide(d.maxLeverage, new MathContext(34, RoundingMode.UP)).add(fee);
    BigDecimal max = d.marginForOrder.divide(perNotional, new MathContext(34, RoundingMode.DOWN));
    String name =
        "the available margin "
            + Amounts.usdt(d.marginForOrder)
            + " at up to "
            + Amounts.leverage(d.maxLeverage)
            + " with the taker-fee reserve ("
            + Amounts.pct(fee)
            + ")"
            + (extra.signum() > 0
                ? ", after " + Amounts.usdt(extra) + " for the open position's leverage"
                : "");
    return clipTo("margin_needed", in, d, t, max, name);
  }

  /** The largest position OKX allows at the leverage to set is the biggest maxSz among tiers whose maxLever allows it. */
  static Optional<GuardrailVerdict> positionTiers(GuardrailInput in, Draft d, Trail t) {
    if (in.tiers().isEmpty()) {
      t.skipped(
          "position_tier",
          "no position tiers loaded for " + in.symbol() + " (OKX still enforces them: 51004)");
      return Optional.empty();
    }
    BigDecimal leverage = leverageFor(in, d, notional(in, d, d.contracts));
    Optional<PositionTier> widest =
        in.tiers().stream()
            .filter(tier -> tier.maxLever() != null && tier.maxLever().compareTo(leverage) >= 0)
            .max(Comparator.comparing(SizeLimits::tierMaxSize));
    if (widest.isEmpty()) {
      return Optional.of(
          t.block(
              "position_tier",
              Amounts.leverage(leverage),
              "no OKX position tier of "
                  + in.symbol()
                  + " allows "
                  + Amounts.leverage(leverage)
                  + ": lower max leverage (or min leverage) in CFG"));
    }
    BigDecimal maxSz = tierMaxSize(widest.get());
    if (maxSz.compareTo(unlimited()) == 0) {
      t.passed(
          "position_tier",
          Amounts.leverage(leverage),
          "tier "
              + widest.get().tier()
              + " allows "
              + Amounts.leverage(leverage)
              + " without a size limit");
      return Optional.empty();
    }
    BigDecimal held = d.position().map(Draft.OpenPosition::contracts).orElse(BigDecimal.ZERO);
    BigDecimal room = maxSz.subtract(held);
    String tier =
        "OKX tier "
            + widest.get().tier()
            + " (at most "
            + Amounts.contracts(maxSz)
            + " at "
            + Amounts.leverage(leverage)
            + ")";
    if (room.signum() <= 0) {
      return Optional.of(
          t.block(
              "position_tier",
              Amounts.contracts(held),
              "the open position on "
                  + in.symbol()
                  + " ("
                  + Amounts.contracts(held)
                  + ") already fills "
                  + tier
                  + ": no room to add"));
    }
    return clipContracts(
        "position_tier",
        d,
        t,
        room,
        tier + (held.signum() > 0 ? ", less the open " + Amounts.contracts(held) : ""));
  }

  /** OKX refuses a market order above maxMktSz (51202). */
  static Optional<GuardrailVerdict> maxOrderSize(GuardrailInput in, Draft d, Trail t) {
    BigDecimal maxMkt = in.instrument().maxMktSz();
    if (maxMkt == null || maxMkt.signum() <= 0) {
      t.skipped("max_order_size", "no maxMktSz for " + in.symbol());
      return Optional.empty();
    }
    return clipContracts(
        "max_order_size",
        d,
        t,
        maxMkt,
        "the per-order limit maxMktSz " + Amounts.contracts(maxMkt));
  }

  /** Rounds down to the lot; below the instrument's minSz or the CFG minimum for the symbol is a block with the numbers. */
  static Optional<GuardrailVerdict> lotAndMinimum(GuardrailInput in, Draft d, Trail t) {
    BigDecimal lot = in.instrument().lotSz();
    BigDecimal raw = d.contracts;
    BigDecimal rounded = CloseRule.floorToLot(raw, lot);
    BigDecimal instrumentMin = in.instrument().minSz();
    BigDecimal configuredMin = in.execution().minContractsFor(in.symbol());
    BigDecimal min = instrumentMin.max(configuredMin == null ? BigDecimal.ZERO : configuredMin);
    String minText =
        Amounts.contracts(min)
            + " ("
            + Amounts.usdt(notional(in, d, min))
            + ", "
            + (configuredMin != null && configuredMin.compareTo(instrumentMin) > 0
                ? "set in CFG for " + in.symbol()
                : "the instrument minimum")
            + ")";
    if (rounded.signum() <= 0 || rounded.compareTo(min) < 0) {
      return Optional.of(
          t.block(
              "minimum_size",
              Amounts.contracts(raw.setScale(8, RoundingMode.DOWN)),
              d.limitedBy
                  + " leaves "
                  + Amounts.contracts(raw.setScale(8, RoundingMode.DOWN))
                  + " ("
                  + Amounts.usdt(notional(in, d, raw))
                  + " at "
                  + Amounts.plain(d.sizingPrice)
                  + " × ctVal "
                  + Amounts.plain(in.instrument().ctVal())
                  + "), "
                  + Amounts.contracts(rounded)
                  + " in lots of "
                  + Amounts.plain(lot)
                  + "; the minimum is "
                  + minText
                  + ": raise equity_pct or the cap, add margin, or HOLD"));
    }
    if (rounded.compareTo(raw) < 0) {
      t.adjusted(
          "lot_size",
          Amounts.contracts(raw.setScale(8, RoundingMode.DOWN)),
          Amounts.contracts(rounded),
          "rounded down to the lot " + Amounts.plain(lot) + "; at least " + minText);
    } else {
      t.passed(
          "lot_size",
          Amounts.contracts(rounded),
          "a whole number of lots " + Amounts.plain(lot) + "; at least " + minText);
    }
    d.contracts = rounded;
    return Optional.empty();
  }

  /** The leverage to set: see {@link #leverageFor}. */
  static Optional<GuardrailVerdict> leverage(GuardrailInput in, Draft d, Trail t) {
    BigDecimal notional = notional(in, d, d.contracts);
    d.leverage = leverageFor(in, d, notional);
    BigDecimal margin = notional.divide(d.leverage, 2, RoundingMode.UP);
    t.passed(
        "leverage",
        Amounts.leverage(d.leverage),
        "set "
            + Amounts.leverage(d.leverage)
            + " = max(target "
            + Amounts.leverage(d.targetLeverage)
            + ", notional "
            + Amounts.usdt(notional)
            + " ÷ (margin "
            + Amounts.usdt(d.marginForOrder)
            + " − fee reserve)"
            + heldLeverage(d).map(l -> ", the open position's " + Amounts.leverage(l)).orElse("")
            + ") within ["
            + Amounts.leverage(floor(d))
            + ", "
            + Amounts.leverage(d.maxLeverage)
            + "]: initial margin ≈ "
            + Amounts.usdt(margin));
    return Optional.empty();
  }

  /**
   * Isolated auto-seed (docs/spec/tai2-upstream.md §6.6, for OKX's model): when the entry's initial margin and fee reserve (plus what a
   * leverage change takes from the open position) exceed the trading account's available USDT, the plan moves the gap
   * from the funding account first, with a buffer of max(1 USDT, 5 % of the margin), never more than the seedable amount
   * the earlier rules sized against. Nothing moves in cross margin or when the available margin suffices.
   */
  static Optional<GuardrailVerdict> isolatedSeed(GuardrailInput in, Draft d, Trail t) {
    GuardrailInput.Account a = in.account();
    if (seedable(in).signum() <= 0) {
      t.skipped(
          "isolated_seed",
          "isolated-margin auto-seed "
              + (in.execution().tradeMode().equals("isolated")
                  ? "is off or the funding account is empty"
                  : "applies to isolated margin only"));
      return Optional.empty();
    }
    BigDecimal notional = notional(in, d, d.contracts);
    BigDecimal margin = notional.divide(d.leverage, MathContext.DECIMAL64);
    BigDecimal leverageChange = usableMargin(in).subtract(d.marginForOrder);
    BigDecimal needed = margin.add(notional.multiply(fee(in))).add(leverageChange);
    BigDecimal gap = needed.subtract(a.availableMarginUsdt());
    if (gap.signum() <= 0) {
      t.passed(
          "isolated_seed",
          Amounts.usdt(BigDecimal.ZERO),
          "no transfer: the order needs "
              + Amounts.usdt(needed)
              + ", "
              + Amounts.usdt(a.availableMarginUsdt())
              + " is available");
      return Optional.empty();
    }
    BigDecimal buffer = margin.multiply(new BigDecimal("0.05")).max(BigDecimal.ONE);
    d.seedUsdt =
        gap.add(buffer)
            .min(a.seedableUsdt())
            .setScale(2, RoundingMode.UP)
            .min(a.seedableUsdt().setScale(2, RoundingMode.DOWN));
    t.adjusted(
        "isolated_seed",
        Amounts.usdt(BigDecimal.ZERO),
        Amounts.usdt(d.seedUsdt),
        "moves "
            + Amounts.usdt(d.seedUsdt)
            + " from the funding account before the order: it needs "
            + Amounts.usdt(needed)
            + " (margin at "
            + Amounts.leverage(d.leverage)
            + " and the fee reserve), "
            + Amounts.usdt(a.availableMarginUsdt())
            + " is available; at most "
            + Amounts.usdt(a.seedableUsdt())
            + " may move");
    return Optional.empty();
  }

  /**
   * The leverage that relates to the margin actually needed (docs/spec/tai2-upstream.md §10 item 7): at least the target leverage T (so the
   * margin committed is at most equity × equity_pct), at least what makes the order fit the available margin with the
   * fee reserve, and, when adding, at least the open position's leverage (lowering it would take margin from it); rounded
   * up to 0.01 and kept within [max(1, min leverage), L_max]. Smaller orders never need a higher leverage.
   */
  static BigDecimal leverageFor(GuardrailInput in, Draft d, BigDecimal notional) {
    BigDecimal free = d.marginForOrder.subtract(notional.multiply(fee(in)));
    BigDecimal needed =
        free.signum() > 0 ? notional.divide(free, MathContext.DECIMAL64) : d.maxLeverage;
    BigDecimal lever = d.targetLeverage.max(needed);
    Optional<BigDecimal> held = heldLeverage(d);
    if (held.isPresent()) {
      lever = lever.max(held.get().min(d.maxLeverage));
    }
    lever = lever.divide(STEP, 0, RoundingMode.CEILING).multiply(STEP);
    return Amounts.normal(lever.max(floor(d)).min(d.maxLeverage));
  }

  private static BigDecimal floor(Draft d) {
    return d.minLeverage.max(BigDecimal.ONE);
  }

  private static Optional<BigDecimal> heldLeverage(Draft d) {
    return d.position()
        .map(Draft.OpenPosition::position)
        .map(AccountSnapshot.Position::leverage)
        .filter(l -> l.signum() > 0);
  }

  static BigDecimal fee(GuardrailInput in) {
    return in.takerFeeRate().map(BigDecimal::abs).orElse(BigDecimal.ZERO);
  }

  /** contracts × ctVal × the sizing price, in USDT. */
  static BigDecimal notional(GuardrailInput in, Draft d, BigDecimal contracts) {
    return contracts.multiply(in.instrument().ctVal()).multiply(d.sizingPrice);
  }

  private static Optional<GuardrailVerdict> clipTo(
      String rule, GuardrailInput in, Draft d, Trail t, BigDecimal maxUsdt, String name) {
    BigDecimal maxContracts =
        maxUsdt.divide(
            d.sizingPrice.multiply(in.instrument().ctVal()), Sizing.SCALE, RoundingMode.DOWN);
    return clipContracts(rule, d, t, maxContracts, name);
  }

  private static Optional<GuardrailVerdict> clipContracts(
      String rule, Draft d, Trail t, BigDecimal max, String name) {
    BigDecimal before = d.contracts;
    if (before.compareTo(max) > 0) {
      d.contracts = max;
      d.limitedBy = name;
      t.clipped(
          rule,
          Amounts.contracts(before.setScale(8, RoundingMode.DOWN)),
          Amounts.contracts(max.setScale(8, RoundingMode.DOWN)),
          "clipped to " + name);
    } else {
      t.passed(rule, Amounts.contracts(before.setScale(8, RoundingMode.DOWN)), "within " + name);
    }
    return Optional.empty();
  }

  private static BigDecimal tierMaxSize(PositionTier tier) {
    return tier.maxSz() == null || tier.maxSz().signum() <= 0 ? unlimited() : tier.maxSz();
  }

  /** A tier without maxSz: no size limit. */
  private static BigDecimal unlimited() {
    return UNLIMITED;
  }
}
