package io.tai2.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.history.DecisionRecord;
import io.tai2.history.DecisionRepository;
import io.tai2.history.EquityRepository;
import io.tai2.history.EquitySample;
import io.tai2.history.ExecutedTrade;
import io.tai2.history.TradeRepository;
import io.tai2.market.AccountSnapshot;
import io.tai2.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The summary at 00:00 UTC is about the day that just ended, from the recorded fills, decisions and equity samples. */
class DailySummaryTest {

  static final Instant MIDNIGHT = Instant.parse("2026-12-07T00:00:00Z");
  static final Instant DAY = MIDNIGHT.minus(Duration.ofDays(1));

  final TestDatabase db = TestDatabase.h2();
  final TradeRepository trades = new TradeRepository(db.jdbc());
  final DecisionRepository decisions = new DecisionRepository(db.jdbc());
  final EquityRepository equity = new EquityRepository(db.jdbc());

  @Test
  void givenTheDaysFillsDecisionsAndEquity_whenMidnightComes_thenTheSummaryAddsUpThatDayOnly() {
    trade(DAY.plus(Duration.ofHours(3)), "12.5", "-0.40");
    trade(DAY.plus(Duration.ofHours(20)), "-2.25", "-0.35");
    trade(DAY.minus(Duration.ofMinutes(1)), "100", "-1"); // the day before
    trade(MIDNIGHT, "50", "-1"); // the new day
    decision(DAY.plus(Duration.ofHours(1)), "0.0123");
    decision(DAY.plus(Duration.ofHours(2)), "0.0100");
    decision(MIDNIGHT.plusSeconds(1), "5");
    equity.insert(
        new EquitySample(
            DAY.minusSeconds(30),
            Optional.empty(),
            Optional.empty(),
            Optional.of(new BigDecimal("10000"))));
    AccountSnapshot account =
        new AccountSnapshot(
            MIDNIGHT,
            new BigDecimal("10009.5"),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            new AccountSnapshot.Fees(24, BigDecimal.ZERO, 0, DAY),
            Map.of());

    Notification n =
        new DailySummary(
                trades,
                decisions,
                equity,
                () -> Optional.of(account),
                new TradingNotifications(() -> "LIVE"))
            .of(MIDNIGHT);

    assertThat(n.kind()).isEqualTo(NotificationKind.DAILY_SUMMARY);
    assertThat(n.text())
        .isEqualTo(
            "tai2 [LIVE] Daily summary for 2026-12-06 (UTC): equity 10009.50 USDT (+9.50 over the day); realised PnL"
                + " +10.25 USDT, fees 0.75 USDT, 2 fill(s); LLM cost 0.0223 USD; 0 open position(s).");
    assertThat(n.fields())
        .containsEntry("day", "2026-12-06")
        .containsEntry("realised_pnl", "10.25")
        .containsEntry("fills", "2")
        .containsEntry("llm_cost_usd", "0.0223")
        .containsEntry("equity_change", "9.50");
    assertThat(n.at()).isEqualTo(MIDNIGHT);
  }

  @Test
  void givenNoAccountAndAQuietDay_whenMidnightComes_thenTheSummarySaysSoWithoutInventingFigures() {
    Notification n =
        new DailySummary(
                trades, decisions, equity, Optional::empty, new TradingNotifications(() -> "DEMO"))
            .of(MIDNIGHT);

    assertThat(n.text())
        .isEqualTo(
            "tai2 [DEMO] Daily summary for 2026-12-06 (UTC): equity unknown (no account read); realised PnL 0.00 USDT, fees 0.00 USDT,"
                + " 0 fill(s); LLM cost 0 USD.");
  }

  void trade(Instant at, String pnl, String fee) {
    trades.insert(
        new ExecutedTrade(
            UUID.randomUUID(),
            at,
            "BTC-USDT-SWAP",
            "BTC-USDT-SWAP",
            "sell",
            BigDecimal.ONE,
            new BigDecimal("90000"),
            new BigDecimal("0.01"),
            Optional.empty(),
            Optional.empty(),
            Optional.of(new BigDecimal(pnl)),
            Optional.of(new BigDecimal(fee))));
  }

  void decision(Instant at, String cost) {
    decisions.insert(
        new DecisionRecord(
            UUID.randomUUID(),
            at,
            "BTC-USDT-SWAP",
            Optional.of("1H"),
            Optional.of("m"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            "ACCEPTED",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(new BigDecimal(cost)),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
  }
}
