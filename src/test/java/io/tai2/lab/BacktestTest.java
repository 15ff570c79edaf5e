package io.tai2.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.FieldError;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.InvalidFieldsException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The backtest engine on hand-made ETH bars (OKX's rules: 1 contract = 0.1 ETH, tick 0.01, lot 0.1): a fake long
 * decided at 07:05 sees the close 3000, is sized by the real guardrails (5 % of 10,000 USDT at 1× = 1.6 contracts), fills
 * at the open of the next minute, and leaves by its take-profit, its stop, a CLOSE or the end of the data.
 */
class BacktestTest {

  private static final Instant T0 = Instant.parse("2026-01-01T07:00:00Z");
  private static final GuardrailSettings GUARDRAILS =
      GuardrailSettings.defaults(Duration.ofSeconds(60));

  /** Bars from {@link #T0}, one minute apart: {open, high, low, close}. */
  private static SymbolHistory eth(List<double[]> bars, Map<Instant, String> funding) {
    SymbolHistory.Bars rows = new SymbolHistory.Bars(bars.size());
    for (int i = 0; i < bars.size(); i++) {
      double[] b = bars.get(i);
      rows.add(T0.plus(Duration.ofMinutes(i)).toEpochMilli(), b[0], b[1], b[2], b[3], 10);
    }
    BacktestInstruments.Rules rules = BacktestInstruments.of("ETH-USDT-SWAP", 1000);
    TreeMap<Long, BigDecimal> rates = new TreeMap<>();
    funding.forEach((at, rate) -> rates.put(at.toEpochMilli(), new BigDecimal(rate)));
    return rows.of("ETH-USDT-SWAP", rules.spec(), rules.contractSize(), rates, rules.source());
  }

  private static List<double[]> flat(int minutes, double price) {
    List<double[]> bars = new ArrayList<>();
    for (int i = 0; i < minutes; i++) {
      bars.add(new double[] {price, price, price, price});
    }
    return bars;
  }

  private static BacktestReport run(
      SymbolHistory h, String decider, Optional<String> settings, boolean funding) {
    BacktestRequest r =
        new BacktestRequest(
                List.of(h.symbol()),
                Optional.empty(),
                Optional.empty(),
                "5m",
                decider,
                Optional.empty(),
                new BigDecimal("1.0"),
                new BigDecimal("2.0"),
                new BigDecimal("0.05"),
                new BigDecimal("10000"),
                new BigDecimal("0.0005"),
                BigDecimal.ZERO,
                funding,
                settings,
                Optional.empty())
            .checked();
    BacktestSettings s = BacktestSettings.apply(settings, GUARDRAILS, ExecutionSettings.defaults());
    return new Backtest(
            r,
            List.of(h),
            Deciders.of(r, Optional.empty()),
            s.guardrails(),
            s.execution(),
            "4H",
            List.of("15m", "1H", "4H", "1D"))
        .run(BacktestProgress.NONE);
  }

  private static void assertEquityIsInitialPlusPnl(BacktestReport report) {
    BigDecimal sum =
        report.trades().stream()
            .map(BacktestReport.TradeRow::pnl)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(report.metrics().finalEquity())
        .isEqualByComparingTo(new BigDecimal("10000").add(sum).setScale(4, RoundingMode.HALF_EVEN));
  }

  @Test
  void
      givenARisingBarThatReachesTheTarget_whenAFakeLongRuns_thenItFillsAtTheNextOpenAndTakesProfitAtTheLevel() {
    List<double[]> bars =
        flat(6, 3000); // 07:00–07:05; the decision at 07:05 fills at the 07:05 open
    bars.add(new double[] {3000, 3070, 3000, 3065}); // 07:06 rises through the take-profit 3060
    bars.addAll(flat(2, 3065));

    BacktestReport report = run(eth(bars, Map.of()), "fake:long", Optional.empty(), false);

    assertThat(report.trades()).hasSize(1);
    BacktestReport.TradeRow t = report.trades().getFirst();
    assertThat(t.side()).isEqualTo("long");
    assertThat(t.contracts()).isEqualByComparingTo("1.6");
    assertThat(t.entryTime()).isEqualTo(Instant.parse("2026-01-01T07:05:00Z"));
    assertThat(t.entryPrice()).isEqualByComparingTo("3000");
    assertThat(t.stopLoss()).contains(new BigDecimal("2970.00"));
    assertThat(t.exitReason()).isEqualTo("take");
    assertThat(t.exitPrice()).isEqualByComparingTo("3060");
    assertThat(t.fees()).isEqualByComparingTo("0.4848"); // 0.16 ETH × (3000 + 3060) × 0.0005
    assertThat(t.pnl()).isEqualByComparingTo("9.1152"); // 0.16 × 60 − 0.4848
    assertEquityIsInitialPlusPnl(report);
    assertThat(report.decisions().getFirst().time())
        .isEqualTo(Instant.parse("2026-01-01T07:05:00Z"));
    assertThat(report.decisions().getFirst().verdict()).isEqualTo("approved");
  }

  @Test
  void givenAFallingBarThroughTheStop_whenAFakeLongRuns_thenTheStopFillsAtItsLevel() {
    List<double[]> bars = flat(6, 3000);
    bars.add(
        new double[] {
          3000, 3010, 2900, 2950
        }); // falling: open → high → low: the stop 2970 on the way down
    bars.addAll(flat(2, 2950));

    BacktestReport.TradeRow t =
        run(eth(bars, Map.of()), "fake:long", Optional.empty(), false).trades().getFirst();

    assertThat(t.exitReason()).isEqualTo("stop");
    assertThat(t.exitPrice()).isEqualByComparingTo("2970");
  }

  @Test
  void givenAGapBelowTheStop_whenTheNextBarOpens_thenTheStopFillsAtTheOpen() {
    List<double[]> bars = flat(6, 3000);
    bars.add(new double[] {2900, 2910, 2890, 2905});
    BacktestReport.TradeRow t =
        run(eth(bars, Map.of()), "fake:long", Optional.empty(), false).trades().getFirst();

    assertThat(t.exitReason()).isEqualTo("stop");
    assertThat(t.exitPrice()).isEqualByComparingTo("2900");
  }

  @Test
  void
      givenTheDataEndsWithThePositionOpen_whenTheRunFinishes_thenItClosesAtTheLastCloseWithTheFee() {
    List<double[]> bars = flat(6, 3000);
    bars.addAll(flat(3, 3010));

    BacktestReport report = run(eth(bars, Map.of()), "fake:long", Optional.empty(), false);

    BacktestReport.TradeRow t = report.trades().getFirst();
    assertThat(t.exitReason()).isEqualTo("end");
    assertThat(t.exitPrice()).isEqualByComparingTo("3010");
    assertThat(t.fees()).isEqualByComparingTo("0.4808"); // 0.16 × (3000 + 3010) × 0.0005
    assertEquityIsInitialPlusPnl(report);
  }

  @Test
  void givenAFundingTimeWhileLong_whenFundingIsHistorical_thenTheLongPaysTheRateOnItsNotional() {
    List<double[]> bars = flat(63, 3000); // 07:00–08:02, funding at 08:00
    BacktestReport report =
        run(
            eth(bars, Map.of(Instant.parse("2026-01-01T08:00:00Z"), "0.0001")),
            "fake:long",
            Optional.empty(),
            true);

    BacktestReport.TradeRow t = report.trades().getFirst();
    assertThat(t.funding()).isEqualByComparingTo("-0.048"); // −0.16 ETH × 3000 × 0.0001
    assertThat(report.metrics().fundingPaid()).isEqualByComparingTo("0.048");
    assertEquityIsInitialPlusPnl(report);
  }

  @Test
  void
      givenHolesAtADecisionTimeAndAtAFundingTime_whenReplayed_thenTheFirstMinuteAfterEachStandsIn() {
    SymbolHistory full =
        eth(flat(70, 3000), Map.of(Instant.parse("2026-01-01T08:00:00Z"), "0.0001")); // 07:00–08:09
    int[] kept =
        IntStream.range(0, 70).filter(i -> i != 4 && i != 60).toArray(); // no 07:04, no 08:00
    SymbolHistory holed =
        new SymbolHistory(
            full.symbol(),
            full.instrument(),
            full.contractSize(),
            Arrays.stream(kept).mapToLong(i -> full.ts()[i]).toArray(),
            pick(full.open(), kept),
            pick(full.high(), kept),
            pick(full.low(), kept),
            pick(full.close(), kept),
            pick(full.volume(), kept),
            full.funding(),
            full.instrumentSource());

    BacktestReport report = run(holed, "fake:long", Optional.empty(), true);

    assertThat(report.decisions().getFirst().time())
        .as("no minute closed at 07:05: the 07:05 bar's close decides")
        .isEqualTo(Instant.parse("2026-01-01T07:06:00Z"));
    BacktestReport.TradeRow t = report.trades().getFirst();
    assertThat(t.entryTime()).isEqualTo(Instant.parse("2026-01-01T07:06:00Z"));
    assertThat(t.funding())
        .as("08:00 is missing: funding settles at the next open")
        .isEqualByComparingTo("-0.048");
  }

  private static double[] pick(double[] values, int[] kept) {
    return Arrays.stream(kept).mapToDouble(i -> values[i]).toArray();
  }

  @Test
  void givenTheDailyLossLimitIsReached_whenTheLockEngages_thenNoLaterEntryIsApproved() {
    List<double[]> bars = flat(6, 3000);
    bars.add(
        new double[] {
          3000, 3000, 2990, 2990
        }); // −10 × 0.16 = −1.6 USDT plus fees: beyond 0.01 % of 10,000
    bars.add(new double[] {2990, 2990, 2960, 2965}); // the stop 2970 closes it
    bars.addAll(flat(6, 2965)); // to 07:13: the decision at 07:10 would enter again

    BacktestReport report =
        run(
            eth(bars, Map.of()),
            "fake:long",
            Optional.of("{\"guardrails\":{\"daily_loss_limit_pct\":0.0001}}"),
            false);

    assertThat(report.metrics().riskLockedAt()).isPresent();
    assertThat(report.trades()).hasSize(1);
    BacktestReport.DecisionRow later =
        report.decisions().stream()
            .filter(d -> d.time().equals(Instant.parse("2026-01-01T07:10:00Z")))
            .findFirst()
            .orElseThrow();
    assertThat(later.verdict()).isEqualTo("blocked");
    assertThat(later.rule()).contains("risk_lock");
  }

  @Test
  void givenTheSameInput_whenRunTwice_thenTheDecisionsAndTradesAreTheSame() {
    List<double[]> bars = new ArrayList<>();
    double p = 3000;
    for (int i = 0; i < 600; i++) {
      double next = p * (1 + 0.004 * Math.sin(i / 7.0));
      bars.add(new double[] {p, Math.max(p, next) + 1, Math.min(p, next) - 1, next});
      p = next;
    }
    BacktestReport a = run(eth(bars, Map.of()), "fake:alternate", Optional.empty(), false);
    BacktestReport b = run(eth(bars, Map.of()), "fake:alternate", Optional.empty(), false);

    assertThat(a.trades()).isNotEmpty().isEqualTo(b.trades());
    assertThat(a.decisions()).isEqualTo(b.decisions());
    assertThat(a.trades()).extracting(BacktestReport.TradeRow::side).contains("long", "short");
    assertEquityIsInitialPlusPnl(a);
  }

  @Test
  void givenBadRequestFields_whenChecked_thenEachIsNamed() {
    BacktestRequest bad =
        new BacktestRequest(
            List.of("btc"),
            Optional.empty(),
            Optional.empty(),
            "7m",
            "fake:long",
            Optional.empty(),
            new BigDecimal("-1"),
            new BigDecimal("2"),
            new BigDecimal("2"),
            new BigDecimal("10000"),
            new BigDecimal("0.0005"),
            BigDecimal.ZERO,
            false,
            Optional.empty(),
            Optional.empty());

    assertThatThrownBy(bad::checked)
        .isInstanceOfSatisfying(
            InvalidFieldsException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::path)
                    .containsExactlyInAnyOrder("symbols", "every", "stop_pct", "equity_pct"));
    assertThatThrownBy(
            () ->
                BacktestSettings.apply(
                    Optional.of("{\"okx\":{},\"guardrails\":{\"max_leverage\":0}}"),
                    GUARDRAILS,
                    ExecutionSettings.defaults()))
        .isInstanceOfSatisfying(
            InvalidFieldsException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::path)
                    .contains("settings.okx", "guardrails.max_leverage"));
  }
}
