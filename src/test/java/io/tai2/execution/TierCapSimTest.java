package io.tai2.execution;

import static io.tai2.execution.TradeFixtures.bd;
import static io.tai2.execution.TradeFixtures.buy;
import static io.tai2.execution.TradeFixtures.input;
import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.market.AccountSnapshot;
import io.tai2.okx.Instrument;
import io.tai2.okx.PositionTier;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OKX's position tiers, read from the simulator (3,000 BTC contracts up to 100x, 6,000 up to 75x), cap an entry whose
 * budget is far larger; the capped order is one OKX accepts (the simulator refuses above the tier with 51004).
 */
class TierCapSimTest {

  final ExecutionSim sim = new ExecutionSim();

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void
      givenABudgetBeyondTheTiers_whenSizedWithTheExchangesTiers_thenTheOrderIsTheTierMaximumAndOkxFillsIt() {
    sim.api.exchange().setFunding(ExecutionSim.DEMO.apiKey(), new BigDecimal("3000000"));
    sim.api.exchange().transfer(ExecutionSim.DEMO.apiKey(), "USDT", "3000000", "6", "18");
    List<PositionTier> tiers = sim.connection.current().market().positionTiers("BTC-USDT", "cross");
    TradeFixtures.Input in = sized(tiers, List.of());

    GuardrailVerdict verdict = in.evaluate();

    assertThat(verdict).isInstanceOf(GuardrailVerdict.Approved.class);
    OrderPlan plan = ((GuardrailVerdict.Approved) verdict).plan();
    assertThat(plan.contracts())
        .as("tier 2 allows 6,000 contracts at 5x")
        .isEqualByComparingTo("6000");
    assertThat(verdict.checks())
        .filteredOn(c -> c.result() == RuleCheck.Result.CLIPPED)
        .last()
        .satisfies(c -> assertThat(c.rule()).isEqualTo("position_tier"));

    ExecutionResult result = sim.execute(plan);

    assertThat(result).as("%s", result.message()).isInstanceOf(ExecutionResult.Filled.class);
    assertThat(sim.position(ExecutionSim.BTC)).isEqualByComparingTo("6000");

    // the tier is full: adding is blocked before anything is sent
    AccountSnapshot.Position open =
        new AccountSnapshot.Position(
            ExecutionSim.BTC,
            "net",
            "long",
            "cross",
            bd("6000"),
            bd("60"),
            "BTC",
            bd("5400003"),
            bd("90000.1"),
            bd("90000.05"),
            BigDecimal.ZERO,
            bd("5"),
            null,
            null,
            plan.stopLoss().orElseThrow(),
            null);
    TradeFixtures.Input more = sized(tiers, List.of(open));
    more.settings.alignment = false;
    more.settings.minHold = Duration.ZERO;

    GuardrailVerdict again = more.evaluate();

    assertThat(again)
        .isInstanceOfSatisfying(
            GuardrailVerdict.Blocked.class,
            b -> {
              assertThat(b.rule()).isEqualTo("position_tier");
              assertThat(b.reason())
                  .isEqualTo(
                      "the open position on BTC-USDT-SWAP (6000 contracts) already fills OKX tier 2 (at most 6000 contracts at 5×): no room to add");
            });
  }

  /** A confident BUY of all equity on BTC at the simulator's price, with a 3M USDT account and no position cap. */
  private TradeFixtures.Input sized(
      List<PositionTier> tiers, List<AccountSnapshot.Position> positions) {
    Instrument btc = sim.instrument(ExecutionSim.BTC);
    TradeFixtures.Input in = input();
    in.instrument =
        TradeFixtures.spec(
            btc.instId(),
            btc.ctVal().toPlainString(),
            "BTC",
            btc.tickSz().toPlainString(),
            btc.lotSz().toPlainString(),
            btc.minSz().toPlainString(),
            btc.maxMktSz().toPlainString(),
            btc.maxLeverage().toPlainString());
    in.price("90000.05");
    in.equity = bd("3010000");
    in.available = bd("3010000");
    in.tiers = new ArrayList<>(tiers);
    in.positions = new ArrayList<>(positions);
    in.settings.maxPositionPct = BigDecimal.ONE;
    in.decision = buy("1", "1", null, "88000", "95000");
    return in;
  }
}
