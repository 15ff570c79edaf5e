package io.tai2.execution;

import static io.tai2.execution.TradeFixtures.bd;
import static io.tai2.execution.TradeFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.config.PositionCap;
import io.tai2.market.AccountSnapshot;
import io.tai2.market.MarketSnapshot.InstrumentSpec;
import io.tai2.okx.PositionTier;
import io.tai2.reasoning.Decision;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 10,000 random decisions over random instruments, prices, accounts, positions and settings (fixed seed): nothing throws,
 * and every approved plan keeps the invariants that protect the money.
 */
class GuardrailsPropertyTest {

  private static final int RUNS = 10_000;

  private record Instrument(InstrumentSpec spec, BigDecimal basePrice) {}

  private static final List<Instrument> INSTRUMENTS =
      List.of(
          new Instrument(TradeFixtures.BTC, bd("60000")),
          new Instrument(TradeFixtures.ETH, bd("3000")),
          new Instrument(TradeFixtures.PEPE, bd("0.00001")),
          new Instrument(TradeFixtures.XRP, bd("0.5")),
          new Instrument(
              spec("SOL-USDT-SWAP", "1", "SOL", "0.01", "0.1", "0.1", "2000", "50"), bd("150")),
          new Instrument(
              spec("DOGE-USDT-SWAP", "1000", "DOGE", "0.00001", "0.01", "0.01", "20000", "75"),
              bd("0.2")));

  private final Random random = new Random(20261125L);

  @Test
  void
      givenRandomDecisions_whenEvaluated_thenNothingThrowsAndEveryApprovedPlanKeepsTheInvariants() {
    Map<String, Integer> outcomes = new HashMap<>();
    for (int run = 0; run < RUNS; run++) {
      TradeFixtures.Input in = randomInput();
      GuardrailInput input = in.build();
      GuardrailVerdict verdict = Guardrails.evaluate(input);
      String outcome =
          switch (verdict) {
            case GuardrailVerdict.Approved a -> a.plan().reduceOnly() ? "close" : "entry";
            case GuardrailVerdict.Blocked b -> "blocked:" + b.rule();
            case GuardrailVerdict.NothingToDo n -> "nothing";
          };
      outcomes.merge(outcome, 1, Integer::sum);
      assertThat(verdict.toJson()).as("run %d", run).startsWith("{\"verdict\":");
      if (verdict instanceof GuardrailVerdict.Approved a) {
        String context = "run " + run + ": " + verdict.toJson();
        if (a.plan().reduceOnly()) {
          checkClose(input, a.plan(), context);
        } else {
          checkEntry(input, a.plan(), context);
        }
      }
      if (input.decision() instanceof Decision.Hold) {
        assertThat(verdict).isNotInstanceOf(GuardrailVerdict.Approved.class);
      }
    }
    // the random space really reaches the interesting outcomes
    assertThat(outcomes.getOrDefault("entry", 0)).as("%s", outcomes).isGreaterThan(700);
    assertThat(outcomes.getOrDefault("close", 0)).as("%s", outcomes).isGreaterThan(300);
    assertThat(outcomes.keySet())
        .as("%s", outcomes)
        .contains(
            "nothing",
            "blocked:minimum_size",
            "blocked:alignment",
            "blocked:price_drift",
            "blocked:stop_loss_required",
            "blocked:cooldown",
            "blocked:trade_rate",
            "blocked:fee_aware_take_profit",
            "blocked:position_cap");
  }

  private static void checkEntry(GuardrailInput in, OrderPlan plan, String context) {
    InstrumentSpec spec = in.instrument();
    BigDecimal contracts = plan.contracts();
    assertThat(contracts.remainder(spec.lotSz()).signum())
        .as("a whole number of lots; %s", context)
        .isZero();
    assertThat(contracts).as("at least minSz; %s", context).isGreaterThanOrEqualTo(spec.minSz());
    assertThat(contracts)
        .as("at least the CFG minimum; %s", context)
        .isGreaterThanOrEqualTo(in.execution().minContractsFor(in.symbol()));
    assertThat(contracts).as("at most maxMktSz; %s", context).isLessThanOrEqualTo(spec.maxMktSz());

    BigDecimal price = in.prices().reference().max(in.prices().current());
    BigDecimal notional = contracts.multiply(spec.ctVal()).multiply(price);
    PositionCap cap =
        PositionCap.of(
            in.guardrails(),
            in.symbol(),
            in.account().equityUsdt(),
            in.account().availableMarginUsdt(),
            spec.maxLeverage(),
            price,
            spec.ctVal(),
            spec.lotSz());
    Optional<AccountSnapshot.Position> held =
        in.account().positions().stream()
            .filter(p -> p.instId().equals(in.symbol()) && p.contracts().signum() > 0)
            .findFirst();
    BigDecimal heldNotional =
        held.map(p -> p.contracts().multiply(spec.ctVal()).multiply(price)).orElse(BigDecimal.ZERO);
    assertThat(notional)
        .as("within the cap's margin term; %s", context)
        .isLessThanOrEqualTo(cap.marginTermUsdt());
    assertThat(notional.add(heldNotional))
        .as("the position within the cap's equity term; %s", context)
        .isLessThanOrEqualTo(cap.equityTermUsdt());
    if (held.isEmpty()) {
      assertThat(notional)
          .as("within the cap; %s", context)
          .isLessThanOrEqualTo(cap.capNotionalUsdt());
      // the margin the order needs at the leverage set, with the taker-fee reserve, fits the
      // available margin
      BigDecimal fee = in.takerFeeRate().map(BigDecimal::abs).orElse(BigDecimal.ZERO);
      BigDecimal margin =
          notional.divide(plan.leverage(), 12, RoundingMode.UP).add(notional.multiply(fee));
      assertThat(margin)
          .as("margin needed; %s", context)
          .isLessThanOrEqualTo(in.account().availableMarginUsdt().add(bd("0.000001")));
    } else {
      assertThat(in.guardrails().requirePositionAlignment())
          .as("adding only with alignment off; %s", context)
          .isFalse();
      assertThat(held.get().side().equals("long"))
          .as("adding on the same side; %s", context)
          .isEqualTo(plan.side().equals("buy"));
    }

    BigDecimal maxLeverage = spec.maxLeverage().min(in.guardrails().maxLeverage());
    assertThat(plan.leverage())
        .as("leverage ≥ max(1, min); %s", context)
        .isGreaterThanOrEqualTo(in.guardrails().minLeverage().max(BigDecimal.ONE));
    assertThat(plan.leverage())
        .as("leverage ≤ min(max, instrument max); %s", context)
        .isLessThanOrEqualTo(maxLeverage);
    if (!in.tiers().isEmpty()) {
      BigDecimal tierMax =
          in.tiers().stream()
              .filter(t -> t.maxLever().compareTo(plan.leverage()) >= 0)
              .map(PositionTier::maxSz)
              .max(BigDecimal::compareTo)
              .orElseThrow();
      assertThat(
              contracts.add(held.map(AccountSnapshot.Position::contracts).orElse(BigDecimal.ZERO)))
          .as("within the tiers at the leverage set; %s", context)
          .isLessThanOrEqualTo(tierMax);
    }

    // what goes on the wire must be a plain number: 10 is never 1E+1
    assertThat(List.of(plan.contracts(), plan.leverage()))
        .as("no exponent; %s", context)
        .allSatisfy(v -> assertThat(v.toString()).doesNotContain("E"));
    plan.stopLoss()
        .ifPresent(
            v -> assertThat(v.toString()).as("no exponent; %s", context).doesNotContain("E"));
    plan.takeProfit()
        .ifPresent(
            v -> assertThat(v.toString()).as("no exponent; %s", context).doesNotContain("E"));

    boolean buy = plan.side().equals("buy");
    BigDecimal ref = plan.referencePrice();
    if (in.guardrails().requireProtection()) {
      assertThat(plan.stopLoss()).as("mandatory stop-loss; %s", context).isPresent();
    }
    plan.stopLoss()
        .ifPresent(
            sl -> {
              assertThat(buy ? sl.compareTo(ref) < 0 : sl.compareTo(ref) > 0)
                  .as("stop-loss side; %s", context)
                  .isTrue();
              assertThat(sl.remainder(spec.tickSz()).signum())
                  .as("stop-loss on the tick; %s", context)
                  .isZero();
              assertThat(sl.signum()).isPositive();
            });
    plan.takeProfit()
        .ifPresent(
            tp -> {
              assertThat(buy ? tp.compareTo(ref) > 0 : tp.compareTo(ref) < 0)
                  .as("take-profit side; %s", context)
                  .isTrue();
              assertThat(tp.remainder(spec.tickSz()).signum())
                  .as("take-profit on the tick; %s", context)
                  .isZero();
            });
    assertThat(in.riskLock().locked()).isFalse();
    assertThat(in.decision()).isInstanceOfAny(Decision.Buy.class, Decision.Sell.class);
    assertThat(plan.posSide())
        .isEqualTo(
            in.account().positionMode() == GuardrailInput.PositionMode.NET
                ? "net"
                : buy ? "long" : "short");
  }

  private static void checkClose(GuardrailInput in, OrderPlan plan, String context) {
    assertThat(in.decision()).as(context).isInstanceOf(Decision.Close.class);
    AccountSnapshot.Position held =
        in.account().positions().stream()
            .filter(p -> p.instId().equals(in.symbol()) && p.contracts().signum() > 0)
            .findFirst()
            .orElseThrow();
    assertThat(plan.contracts())
        .as("a close never exceeds the position; %s", context)
        .isLessThanOrEqualTo(held.contracts());
    assertThat(plan.contracts().remainder(in.instrument().lotSz()).signum())
        .as("whole lots; %s", context)
        .isZero();
    assertThat(plan.side())
        .as("opposite side; %s", context)
        .isEqualTo(held.side().equals("long") ? "sell" : "buy");
    assertThat(plan.stopLoss()).isEmpty();
    assertThat(plan.takeProfit()).isEmpty();
    assertThat(plan.leverage()).isGreaterThanOrEqualTo(BigDecimal.ONE);
    assertThat(plan.contracts().toString()).as("no exponent; %s", context).doesNotContain("E");
  }

  private TradeFixtures.Input randomInput() {
    TradeFixtures.Input in = TradeFixtures.input();
    Instrument instrument = pick(INSTRUMENTS);
    InstrumentSpec base = instrument.spec();
    in.instrument =
        new InstrumentSpec(
            base.instId(),
            base.ctVal(),
            base.ctValCcy(),
            base.tickSz(),
            base.lotSz(),
            base.minSz(),
            pick(
                List.of(
                    base.maxMktSz(),
                    base.maxMktSz().multiply(bd("100")),
                    base.minSz().multiply(bd("3")))),
            pick(List.of(bd("3"), bd("20"), bd("50"), bd("100"))));
    BigDecimal tick = base.tickSz();
    in.reference =
        atLeastOneTick(
            ProtectionMath.quantise(instrument.basePrice().multiply(factor(0.5, 2)), tick, false),
            tick);
    in.current =
        random.nextInt(4) == 0
            ? in.reference
            : atLeastOneTick(
                ProtectionMath.quantise(
                    in.reference.multiply(BigDecimal.valueOf(1 + random.nextGaussian() * 0.004)),
                    tick,
                    false),
                tick);
    in.atr = random.nextBoolean() ? in.reference.multiply(bd("0.003")) : null;
    in.equity = logUniform(10, 1_000_000);
    in.available =
        random.nextInt(10) == 0
            ? BigDecimal.ZERO
            : in.equity.multiply(factor(0.01, 1.2)).setScale(4, RoundingMode.DOWN);
    in.mode =
        random.nextBoolean()
            ? GuardrailInput.PositionMode.NET
            : GuardrailInput.PositionMode.LONG_SHORT;
    in.tradeMode = random.nextBoolean() ? "cross" : "isolated";
    in.live = random.nextBoolean();
    in.snapshotAt =
        TradeFixtures.NOW.minusSeconds(random.nextInt(20) == 0 ? 1000 : random.nextInt(120));
    in.locked = random.nextInt(40) == 0;
    in.lastFill =
        random.nextInt(4) == 0 ? TradeFixtures.NOW.minusSeconds(random.nextInt(2000)) : null;
    in.accepted = random.nextInt(4) == 0 ? random.nextInt(4) : 0;
    in.takerFee = pick(Arrays.asList(null, bd("-0.0005"), bd("-0.0002"), bd("0.0001")));
    if (random.nextInt(5) == 0) {
      in.minContracts.put(
          base.instId(), base.lotSz().multiply(BigDecimal.valueOf(random.nextInt(50))));
    }
    randomSettings(in.settings, base.instId());
    in.tiers = random.nextInt(3) == 0 ? tiers(in.instrument) : new ArrayList<>();
    in.positions = randomPositions(base, in.instrument.lotSz());
    in.decision = randomDecision(in.reference);
    return in;
  }

  private void randomSettings(TradeFixtures.Settings s, String symbol) {
    s.minLeverage = pick(List.of(BigDecimal.ZERO, bd("0.5"), BigDecimal.ONE, bd("2"), bd("4")));
    s.maxLeverage =
        pick(List.of(BigDecimal.ONE, bd("2"), bd("5"), bd("10"), bd("25")))
            .max(s.minLeverage); // min > max is refused by GuardrailSettings
    s.gate = pick(List.of(0.0, 0.5, 0.7, 1.0, random.nextDouble()));
    s.maxPositionPct =
        pick(List.of(bd("0.001"), bd("0.01"), bd("0.05"), bd("0.2"), bd("0.5"), BigDecimal.ONE));
    if (random.nextInt(4) == 0) {
      s.symbolCaps.put(
          symbol,
          pick(List.of(bd("0.005"), bd("0.05"), bd("0.3")))
              .min(s.maxPositionPct)); // a symbol cap above the global one is refused by
      // GuardrailSettings
    }
    s.alignment = random.nextBoolean();
    s.waitForTpSl = random.nextBoolean();
    s.requireProtection = random.nextInt(5) != 0;
    s.maxDriftBps = pick(List.of(0, 20, 50, 200));
    s.maxDriftAtr = pick(List.of(BigDecimal.ZERO, bd("1.5")));
    s.feeAware = random.nextBoolean();
    s.minHold = Duration.ofSeconds(pick(List.of(0, 180, 900)));
    s.maxTradesPerHour = random.nextInt(4);
  }

  private List<PositionTier> tiers(InstrumentSpec spec) {
    BigDecimal unit = spec.minSz().multiply(BigDecimal.valueOf(1 + random.nextInt(5000)));
    BigDecimal max = spec.maxLeverage();
    return List.of(
        new PositionTier(1, BigDecimal.ZERO, unit, null, null, max),
        new PositionTier(
            2,
            unit,
            unit.multiply(bd("2")),
            null,
            null,
            max.divide(bd("2"), 2, RoundingMode.DOWN).max(BigDecimal.ONE)),
        new PositionTier(
            3,
            unit.multiply(bd("2")),
            unit.multiply(bd("4")),
            null,
            null,
            max.divide(bd("4"), 2, RoundingMode.DOWN).max(BigDecimal.ONE)));
  }

  private List<AccountSnapshot.Position> randomPositions(InstrumentSpec spec, BigDecimal lot) {
    List<AccountSnapshot.Position> out = new ArrayList<>();
    int kind = random.nextInt(10);
    if (kind >= 6) {
      out.add(randomPosition(spec.instId(), lot));
    }
    if (kind == 9) {
      out.add(randomPosition(spec.instId(), lot));
    }
    if (kind == 5) {
      out.add(randomPosition("OTHER-USDT-SWAP", lot));
    }
    return out;
  }

  private AccountSnapshot.Position randomPosition(String instId, BigDecimal lot) {
    boolean isLong = random.nextBoolean();
    // mostly whole lots, sometimes dust below one lot
    BigDecimal contracts =
        random.nextInt(20) == 0
            ? lot.divide(bd("2"))
            : lot.multiply(BigDecimal.valueOf(1 + random.nextInt(20_000)));
    return new AccountSnapshot.Position(
        instId,
        random.nextBoolean() ? "net" : isLong ? "long" : "short",
        isLong ? "long" : "short",
        random.nextInt(4) == 0 ? "isolated" : "cross",
        contracts,
        null,
        null,
        null,
        null,
        null,
        null,
        random.nextInt(5) == 0 ? null : pick(List.of(BigDecimal.ONE, bd("3"), bd("10"), bd("50"))),
        null,
        null,
        random.nextBoolean() ? bd("1") : null,
        random.nextBoolean() ? bd("1") : null);
  }

  private Decision randomDecision(BigDecimal ref) {
    int action = random.nextInt(10);
    if (action == 0) {
      return TradeFixtures.hold();
    }
    if (action <= 2) {
      return TradeFixtures.close();
    }
    boolean buy = action % 2 == 0;
    String confidence = BigDecimal.valueOf(random.nextInt(101), 2).toPlainString();
    String equityPct =
        random.nextInt(5) == 0 ? null : BigDecimal.valueOf(random.nextInt(1001), 3).toPlainString();
    String size = random.nextInt(3) == 0 ? logUniform(0.0001, 1_000_000).toPlainString() : null;
    // distances as fractions of the price: mostly the right side, sometimes the wrong one,
    // sometimes tiny
    BigDecimal slDistance =
        BigDecimal.valueOf(
            random.nextInt(10) == 0 ? -random.nextDouble() * 0.02 : random.nextDouble() * 0.1);
    int tpKind = random.nextInt(10);
    BigDecimal tpDistance =
        BigDecimal.valueOf(
            tpKind == 0
                ? -random.nextDouble() * 0.02
                : tpKind == 1 ? random.nextDouble() * 0.002 : random.nextDouble() * 0.2);
    BigDecimal sl =
        ref.multiply(buy ? BigDecimal.ONE.subtract(slDistance) : BigDecimal.ONE.add(slDistance));
    BigDecimal tp =
        ref.multiply(buy ? BigDecimal.ONE.add(tpDistance) : BigDecimal.ONE.subtract(tpDistance));
    String slText = random.nextInt(6) == 0 ? null : sl.toPlainString();
    String tpText =
        random.nextInt(4) == 0
                || (slText != null && (buy ? sl.compareTo(tp) >= 0 : sl.compareTo(tp) <= 0))
            ? null
            : tp.toPlainString();
    return buy
        ? TradeFixtures.buy(confidence, equityPct, size, slText, tpText)
        : TradeFixtures.sell(confidence, equityPct, size, slText, tpText);
  }

  private BigDecimal factor(double low, double high) {
    return BigDecimal.valueOf(low + random.nextDouble() * (high - low));
  }

  private BigDecimal logUniform(double low, double high) {
    double v = Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
    return BigDecimal.valueOf(v).setScale(6, RoundingMode.DOWN).max(bd("0.000001"));
  }

  private static BigDecimal atLeastOneTick(BigDecimal price, BigDecimal tick) {
    return price.max(tick);
  }

  private <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }
}
