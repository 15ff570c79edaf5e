package io.tai2.reasoning;

import static io.tai2.reasoning.PromptFixtures.NOW;
import static io.tai2.reasoning.PromptFixtures.btc;
import static io.tai2.reasoning.PromptFixtures.d;
import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.config.GuardrailSettings;
import io.tai2.history.RiskLock;
import io.tai2.market.MarketSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunChecksTest {

  @Test
  void givenFreshDataNoLockAndNoHoldRule_whenChecked_thenNothingBlocks() {
    assertThat(RunChecks.of(PromptFixtures.inputs())).isEmpty();
  }

  @Test
  void givenATickerOlderThanTheMaxAge_whenChecked_thenItIsStale_evenThoughTheSnapshotIsNew() {
    MarketSnapshot fresh = btc(d("60000"));
    MarketSnapshot.Ticker t = fresh.ticker();
    MarketSnapshot old =
        withTicker(
            fresh,
            new MarketSnapshot.Ticker(
                t.last(),
                t.bid(),
                t.ask(),
                t.open24h(),
                t.high24h(),
                t.low24h(),
                t.vol24hContracts(),
                t.vol24hCoin(),
                NOW.minusSeconds(901)));

    List<RunChecks.Blocker> blockers = RunChecks.of(PromptFixtures.inputs(old, List.of()));

    assertThat(blockers)
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.kind()).isEqualTo(ReasoningException.Kind.STALE_SNAPSHOT);
              assertThat(b.kind().status()).isEqualTo(503);
              assertThat(b.message()).contains("901 s old (limit 900 s)");
            });
  }

  @Test
  void givenTheDailyLossLock_whenChecked_thenItIsA423WithTheReason() {
    PromptInputs in = PromptFixtures.inputs();
    RiskLock lock =
        new RiskLock(
            "daily_loss",
            true,
            Optional.of(d("10000")),
            Optional.of(NOW),
            Optional.of(Instant.parse("2026-11-25T09:00:00Z")),
            Optional.of("3.10% drop vs 3.00% limit"),
            NOW);
    PromptInputs locked =
        new PromptInputs(
            in.symbol(),
            in.timeframe(),
            in.now(),
            in.market(),
            in.candles(),
            in.account(),
            in.guardrails(),
            in.execution(),
            in.feedback(),
            List.of(lock),
            in.prompt(),
            in.model(),
            in.responseSchema());

    assertThat(RunChecks.of(locked))
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.kind().status()).isEqualTo(423);
              assertThat(b.message()).contains("daily-loss lock").contains("3.10% drop");
            });
  }

  @Test
  void givenWaitForTpSlAndAProtectedPosition_whenChecked_thenItIsA409HoldRule() {
    PromptInputs in = PromptFixtures.inputs();
    GuardrailSettings g = in.guardrails();
    GuardrailSettings waiting =
        g.toBuilder().snapshotMaxAge(Duration.ofSeconds(900)).waitForTpSl(true).build();
    PromptInputs held =
        new PromptInputs(
            in.symbol(),
            in.timeframe(),
            in.now(),
            in.market(),
            in.candles(),
            in.account(),
            waiting,
            in.execution(),
            in.feedback(),
            in.riskLocks(),
            in.prompt(),
            in.model(),
            in.responseSchema());

    assertThat(RunChecks.of(held))
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.kind().status()).isEqualTo(409);
              assertThat(b.message()).contains("wait-for-TP/SL");
            });
  }

  private static MarketSnapshot withTicker(MarketSnapshot m, MarketSnapshot.Ticker t) {
    return new MarketSnapshot(
        m.symbol(),
        m.generatedAt(),
        m.instrument(),
        t,
        m.orderBook(),
        m.funding(),
        m.openInterest(),
        m.markPrice(),
        m.liquidations(),
        m.longShortRatio(),
        m.indicators(),
        m.customMetrics(),
        m.strategySignal(),
        m.riskMetrics(),
        m.freshness(),
        m.stale());
  }
}
