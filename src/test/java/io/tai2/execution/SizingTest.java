package io.tai2.execution;

import static io.tai2.execution.TradeFixtures.ETH;
import static io.tai2.execution.TradeFixtures.PEPE;
import static io.tai2.execution.TradeFixtures.XRP;
import static io.tai2.execution.TradeFixtures.bd;
import static io.tai2.execution.TradeFixtures.btcLong;
import static io.tai2.execution.TradeFixtures.buy;
import static io.tai2.execution.TradeFixtures.input;
import static io.tai2.execution.TradeFixtures.sell;
import static io.tai2.execution.TradeFixtures.spec;
import static io.tai2.execution.TradeFixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.execution.RuleCheck.Result;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SizingTest {

  @ParameterizedTest(name = "confidence {0}, gate {1}, leverage {2}–{3} → target {4}")
  @CsvSource({
    // docs/spec/tai2-upstream.md §6.4 / §9 test 53: f = (0.75 − 0.5) / (1 − 0.5) = 0.5 → 1 + 4 ×
    // 0.5 = 3
    "0.75, 0.5, 1, 5, 3",
    // §9 test 54: at or below the gate f = 0 → min leverage
    "0.25, 0.5, 1, 5, 1",
    "0.5,  0.5, 1, 5, 1",
    // §9 test 55: c = 1 → max
    "1,    0.5, 1, 2, 2",
    // no gate: f = c → 1 + 4 × 0.9 = 4.6
    "0.9,  0,   1, 5, 4.6",
    // gate 1: only full confidence earns the range
    "0.99, 1,   1, 5, 1",
    "1,    1,   1, 5, 5",
    // f = (0.8 − 0.6) / 0.4 = 0.5 → 2 + 8 × 0.5 = 6
    "0.8,  0.6, 2, 10, 6",
    // an invalid gate counts as 0.5
    "0.75, NaN, 1, 5, 3"
  })
  void givenConfidenceAndGate_whenTheTargetLeverageIsWorkedOut_thenItFollowsUpstreamFormula(
      String confidence, double gate, String min, String max, String expected) {
    assertThat(Sizing.targetLeverage(bd(confidence), gate, bd(min), bd(max)))
        .isEqualByComparingTo(expected);
  }

  /** One sizing example: the setup on top of {@link TradeFixtures.Input}'s defaults and the hand-computed result. */
  record Case(
      String name,
      Consumer<TradeFixtures.Input> setup,
      String contracts,
      String leverage,
      String bindingRule /* last CLIPPED rule, null = none */) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> sizes() {
    return Stream.of(
        // T = 3; 10,000 × 10 % × 3 = 3,000 USDT ÷ (60,000 × 0.01 = 600) = 5 contracts; leverage
        // max(3, 3,000 ÷ 9,998.5) = 3
        new Case("BTC ctVal 0.01: 3,000 USDT is 5 contracts", in -> {}, "5", "3", null),
        // T = 5; 2,000 × 5 % × 5 = 500 USDT ÷ (3,000 × 0.1 = 300) = 1.666… → lot 0.01 → 1.66;
        // leverage 5
        new Case(
            "ETH ctVal 0.1: 500 USDT is 1.66 contracts after lot rounding",
            in -> {
              in.instrument = ETH;
              in.price("3000");
              in.equity = bd("2000");
              in.available = bd("2000");
              in.decision = buy("1", "0.05", null, "2900", "3200");
            },
            "1.66",
            "5",
            null),
        // T = 1 (at the gate); 1,000 × 10 % × 1 = 100 USDT ÷ (0.00001 × 1,000 = 0.01) = 10,000
        // contracts → maxMktSz 5,000.
        // (Upstream sent 100 ÷ 0.00001 = 10,000,000 "contracts", i.e. 10 billion coins, 1,000× the
        // intent.)
        new Case(
            "PEPE ctVal 1000 at 0.00001: 10,000 contracts clipped to maxMktSz 5,000",
            in -> {
              in.instrument = PEPE;
              in.price("0.00001");
              in.equity = bd("1000");
              in.available = bd("1000");
              in.decision = buy("0.5", "0.1", null, "0.0000095", "0.000011");
            },
            "5000",
            "1",
            "max_order_size"),
        // the same with room: 10,000 contracts = 100 USDT notional
        new Case(
            "PEPE ctVal 1000 within maxMktSz",
            in -> {
              in.instrument =
                  spec("PEPE-USDT-SWAP", "1000", "PEPE", "0.00000001", "1", "1", "1000000", "50");
              in.price("0.00001");
              in.equity = bd("1000");
              in.available = bd("1000");
              in.decision = buy("0.5", "0.1", null, "0.0000095", "0.000011");
            },
            "10000",
            "1",
            null),
        // T = 3; 1,000 × 2 % × 3 = 60 USDT ÷ (0.5 × 100 = 50) = 1.2 → lot 1 → 1 contract
        new Case(
            "ctVal 100 coin: 60 USDT rounds down to 1 contract",
            in -> {
              in.instrument = XRP;
              in.price("0.5");
              in.equity = bd("1000");
              in.available = bd("1000");
              in.decision = buy("0.75", "0.02", null, "0.49", "0.55");
            },
            "1",
            "3",
            null),
        // T = 5; 10,000 × 20 % × 5 = 10,000 USDT = 16.67 contracts; cap = min(10,000 × 5 × 2 % =
        // 1,000, 10,000 × 5) = 1,000
        // → 1.666… → 1.66 contracts (996 USDT)
        new Case(
            "global position cap 2 %: 1,000 USDT leaves 1.66 contracts",
            in -> {
              in.settings.maxPositionPct = bd("0.02");
              in.decision = buy("1", "0.2", null, "59000", "62000");
            },
            "1.66",
            "5",
            "position_cap"),
        // symbol cap 1 % < global 20 %: cap = 10,000 × 5 × 1 % = 500 → 0.833… → 0.83
        new Case(
            "per-symbol cap 1 % beats the global 20 %",
            in -> {
              in.settings.symbolCaps.put("BTC-USDT-SWAP", bd("0.01"));
              in.decision = buy("1", "0.2", null, "59000", "62000");
            },
            "0.83",
            "5",
            "position_cap"),
        // docs/spec/tai2-upstream.md §9 test 45: symbol cap 10 % on equity 1,000 at 2× = 200 USDT
        // at price 100 (ctVal 1) → 2.0
        new Case(
            "upstream: symbol cap 10 % on equity 1,000 at 2× → 2 contracts",
            in -> {
              in.instrument =
                  spec("SOL-USDT-SWAP", "1", "SOL", "0.01", "0.1", "0.1", "100000", "50");
              in.price("100");
              in.equity = bd("1000");
              in.available = bd("1000");
              in.settings.maxLeverage = bd("2");
              in.settings.symbolCaps.put("SOL-USDT-SWAP", bd("0.1"));
              in.decision = buy("1", "1", null, "95", "110");
            },
            "2",
            "2",
            "position_cap"),
        // docs/spec/tai2-upstream.md §9 test 41 NOT kept: equity 100, margin 500, 4×, 5 %: the
        // binding formula is min(100 × 4 × 5 % = 20,
        // 500 × 4 = 2,000) = 20 USDT → 1 contract at 20 (upstream's max() gave 100 → 5)
        new Case(
            "cap is min(equity term, margin term): equity 100, margin 500, 4×, 5 % → 20 USDT",
            in -> {
              in.instrument =
                  spec("SOL-USDT-SWAP", "1", "SOL", "0.01", "0.1", "0.1", "100000", "50");
              in.price("20");
              in.equity = bd("100");
              in.available = bd("500");
              in.settings.maxLeverage = bd("4");
              in.settings.maxPositionPct = bd("0.05");
              in.decision = buy("1", "1", null, "19", "22");
            },
            "1",
            "4",
            "position_cap"),
        // T = 5; budget 10,000 USDT; cap = min(10,000, 200 × 5 = 1,000) = 1,000 → 1.666…; margin
        // with fees:
        // 200 ÷ (1/5 + 0.0005) = 997.506… → 1.6625… → 1.66 (996 USDT); leverage max(5, 996 ÷ (200 −
        // 0.498) = 4.99…) = 5
        new Case(
            "available margin 200 USDT binds, taker-fee reserve included",
            in -> {
              in.available = bd("200");
              in.decision = buy("1", "0.2", null, "59000", "62000");
            },
            "1.66",
            "5",
            "margin_needed"),
        // §10 item 7: T = 1; 10,000 × 50 % × 1 = 5,000 USDT → 8.333… → 8.33 (4,998 USDT); margin
        // 2,000:
        // leverage = 4,998 ÷ (2,000 − 2.499) = 2.5021… → 2.51 (ceil(notional ÷ equity) = 1 would
        // need 4,998 USDT margin)
        new Case(
            "leverage follows the margin needed, not notional ÷ equity",
            in -> {
              in.available = bd("2000");
              in.settings.maxPositionPct = bd("0.5");
              in.decision = buy("0.5", "0.5", null, "59000", "62000");
            },
            "8.33",
            "2.51",
            null),
        // T = 5; 10,000 × 10 % × 5 = 5,000 → 8.333…; at 5× only tiers 1 (≤ 2) and 2 (≤ 4) allow it
        // → 4 contracts
        new Case(
            "position tiers: at 5× at most 4 contracts",
            in -> {
              in.tiers =
                  List.of(tier(1, "0", "2", "10"), tier(2, "2", "4", "5"), tier(3, "4", "10", "3"));
              in.decision = buy("1", "0.1", null, "59000", "62000");
            },
            "4",
            "5",
            "position_tier"),
        // the model's position_size is an upper bound: budget 5 contracts, hint 1.234 → 1.23 after
        // the lot
        new Case(
            "position_size hint below the budget wins",
            in -> in.decision = buy("0.75", "0.1", "1.234", "59000", "62000"),
            "1.23",
            "3",
            "size_hint"),
        // a hint above the budget changes nothing: 5 contracts
        new Case(
            "position_size hint above the budget is ignored",
            in -> in.decision = buy("0.75", "0.1", "50", "59000", "62000"),
            "5",
            "3",
            null),
        // only a hint: budget at the cap pct: 10,000 × 20 % × 3 = 6,000 → 10 contracts; hint 2 → 2
        new Case(
            "position_size alone, sized against the cap pct",
            in -> in.decision = buy("0.75", null, "2", "59000", "62000"),
            "2",
            "3",
            "size_hint"),
        // docs/spec/tai2-upstream.md §9 test 53 with the fix: E 1,000, P 70, L 1–5, c 0.75 → T 3 →
        // 3,000 ÷ 70 = 42.857 (ctVal 1, lot 0.001)
        new Case(
            "docs/spec/tai2-upstream.md §6.4: confident, no hint → E × T ÷ P = 3000 / 70",
            in -> upstream(in, "0.75", null, "70", "5"),
            "42.857",
            "3",
            null),
        // … and the hint 0.1 is now honoured (upstream ignored it and sent 42.857)
        new Case(
            "docs/spec/tai2-upstream.md §6.4: confident, hint 0.1 → 0.1",
            in -> upstream(in, "0.75", "0.1", "70", "5"),
            "0.1",
            "3",
            "size_hint"),
        // §9 test 54: c 0.25 below the gate → T 1, 1,000 ÷ 70 = 14.28 > hint → 0.1
        new Case(
            "docs/spec/tai2-upstream.md §6.4: below the gate, hint 0.1 → 0.1",
            in -> upstream(in, "0.25", "0.1", "70", "5"),
            "0.1",
            "1",
            "size_hint"),
        // §9 test 55: h 50, E 1,000, P 50, L 1–2, c 1 → 2,000 ÷ 50 = 40
        new Case(
            "docs/spec/tai2-upstream.md §6.4: an excessive hint 50 is scaled down to 40",
            in -> upstream(in, "1", "50", "50", "2"),
            "40",
            "2",
            null),
        // SELL sizes the same way: T 3, 3,000 USDT = 5 contracts
        new Case(
            "SELL: 5 contracts",
            in -> in.decision = sell("0.75", "0.1", null, "61000", "58000"),
            "5",
            "3",
            null),
        // exact lot multiple survives: ETH T 3, 3,000 × 10 % × 3 = 900 ÷ 300 = 3
        new Case(
            "ETH exact lot multiple",
            in -> {
              in.instrument = ETH;
              in.price("3000");
              in.equity = bd("3000");
              in.available = bd("3000");
              in.decision = buy("0.75", "0.1", null, "2900", "3200");
            },
            "3",
            "3",
            null),
        // adding (alignment off) to a long of 2 (1,200 USDT): cap room 10,000 − 1,200 = 8,800 →
        // 14.666… → 14.66;
        // leverage max(5, the open position's 3) = 5
        new Case(
            "adding to a long: the cap counts the open position",
            in -> {
              in.settings.alignment = false;
              in.positions.add(btcLong("2"));
              in.available = bd("8000");
              in.decision = buy("1", "0.2", null, "59000", "62000");
            },
            "14.66",
            "5",
            "position_cap"));
  }

  private static void upstream(
      TradeFixtures.Input in, String confidence, String hint, String price, String maxLeverage) {
    in.instrument = spec("SOL-USDT-SWAP", "1", "SOL", "0.01", "0.001", "0.001", "100000", "50");
    in.price(price);
    in.equity = bd("1000");
    in.available = bd("1000");
    in.takerFee = null;
    in.settings.maxPositionPct = BigDecimal.ONE;
    in.settings.maxLeverage = bd(maxLeverage);
    BigDecimal p = bd(price);
    in.decision =
        buy(
            confidence,
            "1",
            hint,
            p.multiply(bd("0.9")).toPlainString(),
            p.multiply(bd("1.2")).toPlainString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sizes")
  void givenAnEntry_whenSized_thenContractsAndLeverageAreTheHandComputedOnes(Case c) {
    TradeFixtures.Input in = input();
    c.setup().accept(in);

    GuardrailVerdict verdict = in.evaluate();

    assertThat(verdict).isInstanceOf(GuardrailVerdict.Approved.class);
    OrderPlan plan = ((GuardrailVerdict.Approved) verdict).plan();
    assertThat(plan.contracts()).isEqualByComparingTo(c.contracts());
    assertThat(plan.leverage()).isEqualByComparingTo(c.leverage());
    var clips =
        verdict.checks().stream()
            .filter(k -> k.result() == Result.CLIPPED)
            .map(RuleCheck::rule)
            .toList();
    if (c.bindingRule() == null) {
      assertThat(clips).as("no limit clipped the size").isEmpty();
    } else {
      assertThat(clips)
          .as("the last limit that clipped the size")
          .last()
          .isEqualTo(c.bindingRule());
    }
  }

  static Stream<Arguments> tooSmall() {
    return Stream.of(
        // T 1: 100 × 5 % × 1 = 5 USDT ÷ 600 = 0.00833 contracts → 0 lots of 0.01; minimum 0.01 (6
        // USDT)
        Arguments.of(
            "BTC below minSz",
            (Consumer<TradeFixtures.Input>)
                in -> {
                  in.equity = bd("100");
                  in.available = bd("100");
                  in.decision = buy("0.5", "0.05", null, "59000", "62000");
                },
            "leaves 0.00833333 contracts (4.99 USDT at 60000 × ctVal 0.01), 0 contracts in lots of 0.01; the minimum is 0.01 contracts (6 USDT, the instrument minimum)"),
        // the CFG minimum for BTC is 10 contracts; the budget gives 5
        Arguments.of(
            "BTC below the CFG minimum",
            (Consumer<TradeFixtures.Input>) in -> in.minContracts.put("BTC-USDT-SWAP", bd("10")),
            "the minimum is 10 contracts (6,000 USDT, set in CFG for BTC-USDT-SWAP)"),
        // cap 10,000 × 5 × 0.01 % = 5 USDT → 0.00833 contracts
        Arguments.of(
            "cap too small for one lot",
            (Consumer<TradeFixtures.Input>)
                in -> {
                  in.settings.maxPositionPct = bd("0.0001");
                  in.decision = buy("1", "0.2", null, "59000", "62000");
                },
            "the position cap 5 USDT = min(equity 10,000 USDT × 5× × 0.01% = 5 USDT"),
        // XRP: 1,000 × 1 % × 1 = 10 USDT ÷ 50 = 0.2 → 0 lots
        Arguments.of(
            "ctVal 100 coin below one contract",
            (Consumer<TradeFixtures.Input>)
                in -> {
                  in.instrument = XRP;
                  in.price("0.5");
                  in.equity = bd("1000");
                  in.available = bd("1000");
                  in.decision = buy("0.5", "0.01", null, "0.49", "0.55");
                },
            "leaves 0.2 contracts (10 USDT at 0.5 × ctVal 100)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tooSmall")
  void givenASizeBelowTheMinimum_whenSized_thenBlockedWithTheNumbers(
      String name, Consumer<TradeFixtures.Input> setup, String expected) {
    TradeFixtures.Input in = input();
    setup.accept(in);

    GuardrailVerdict verdict = in.evaluate();

    assertThat(verdict)
        .isInstanceOfSatisfying(
            GuardrailVerdict.Blocked.class,
            b -> {
              assertThat(b.rule()).isEqualTo("minimum_size");
              assertThat(b.reason())
                  .contains(expected)
                  .endsWith("raise equity_pct or the cap, add margin, or HOLD");
            });
  }

  static Stream<Arguments> blocks() {
    return Stream.of(
        Arguments.of(
            "no size stated",
            (Consumer<TradeFixtures.Input>)
                in -> in.decision = buy("0.75", null, null, "59000", "62000"),
            "size_budget",
            "gives neither equity_pct nor position_size"),
        Arguments.of(
            "equity 0",
            (Consumer<TradeFixtures.Input>) in -> in.equity = BigDecimal.ZERO,
            "equity",
            "equity is 0 USDT"),
        Arguments.of(
            "no available margin",
            (Consumer<TradeFixtures.Input>) in -> in.available = BigDecimal.ZERO,
            "available_margin",
            "no available margin (0 USDT)"),
        Arguments.of(
            "min leverage above the instrument max",
            (Consumer<TradeFixtures.Input>)
                in -> {
                  in.instrument =
                      spec("BTC-USDT-SWAP", "0.01", "BTC", "0.1", "0.01", "0.01", "10000", "3");
                  in.settings.minLeverage = bd("4");
                },
            "leverage_target",
            "above the usable max 3× (max 5× (instrument max 3×))"),
        Arguments.of(
            "no tier allows the leverage",
            (Consumer<TradeFixtures.Input>)
                in -> {
                  in.tiers = List.of(tier(1, "0", "10", "3"));
                  in.decision = buy("1", "0.1", null, "59000", "62000");
                },
            "position_tier",
            "no OKX position tier of BTC-USDT-SWAP allows 5×"),
        Arguments.of(
            "an open long already fills the cap",
            (Consumer<TradeFixtures.Input>)
                in -> {
                  in.settings.alignment = false;
                  in.positions.add(btcLong("20"));
                },
            "position_cap",
            "the open long on BTC-USDT-SWAP (12,000 USDT) already fills the position cap 10,000 USDT"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blocks")
  void givenAnImpossibleSize_whenSized_thenBlockedByTheNamedRule(
      String name, Consumer<TradeFixtures.Input> setup, String rule, String reason) {
    TradeFixtures.Input in = input();
    setup.accept(in);

    assertThat(in.evaluate())
        .isInstanceOfSatisfying(
            GuardrailVerdict.Blocked.class,
            b -> {
              assertThat(b.rule()).isEqualTo(rule);
              assertThat(b.reason()).contains(reason);
            });
  }

  @Test
  void givenAGuardrailMaxAboveTheInstrumentMax_whenSized_thenTheInstrumentMaxIsTheRange() {
    TradeFixtures.Input in = input();
    in.instrument = spec("BTC-USDT-SWAP", "0.01", "BTC", "0.1", "0.01", "0.01", "10000", "3");
    in.settings.maxLeverage = bd("10");
    in.decision = buy("1", "0.1", null, "59000", "62000");

    // L = min(10, 3) = 3 → T = 3 at c 1; 10,000 × 10 % × 3 = 3,000 → 5 contracts
    GuardrailVerdict verdict = in.evaluate();

    assertThat(verdict)
        .isInstanceOfSatisfying(
            GuardrailVerdict.Approved.class,
            a -> {
              assertThat(a.plan().leverage()).isEqualByComparingTo("3");
              assertThat(a.plan().contracts()).isEqualByComparingTo("5");
            });
    assertThat(verdict.checks())
        .filteredOn(k -> k.rule().equals("leverage_target"))
        .singleElement()
        .satisfies(k -> assertThat(k.result()).isEqualTo(Result.ADJUSTED));
  }

  @Test
  void givenTheCurrentPriceAboveTheReference_whenSized_thenTheHigherPriceSizesFewerContracts() {
    TradeFixtures.Input in = input();
    in.current = bd("60250");

    // 3,000 USDT ÷ (60,250 × 0.01 = 602.5) = 4.979… → 4.97 (at 60,000 it would be 5)
    GuardrailVerdict verdict = in.evaluate();

    assertThat(verdict)
        .isInstanceOfSatisfying(
            GuardrailVerdict.Approved.class,
            a -> assertThat(a.plan().contracts()).isEqualByComparingTo("4.97"));
  }
}
