package io.tai2.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** CVD, order-flow imbalance, the heuristic signal and risk metrics (docs/spec/tai2-upstream.md §4.7), worked by hand. */
class OrderFlowMetricsTest {

  @Test
  void givenTakerTrades_whenAdded_thenTheTotalRunsSinceStartAndTheWindowKeepsTheLastN() {
    Cvd cvd = new Cvd(3);
    cvd.add(true, 5);
    cvd.add(false, 2);
    cvd.add(true, 1);
    cvd.add(false, 4); // the first buy of 5 leaves the window

    assertThat(cvd.total()).isEqualTo(0.0);
    assertThat(cvd.windowDelta()).isEqualTo(-5.0);
    assertThat(cvd.trades()).isEqualTo(4);
  }

  @Test
  void givenABook_whenImbalanceIsComputed_thenOnlyTheTopLevelsCount() {
    double[][] bids = {{100.0, 3}, {99.9, 2}, {99.8, 50}};
    double[][] asks = {{100.1, 1}, {100.2, 1}, {100.3, 50}};

    OrderFlow flow = OrderFlow.of(bids, asks, 2);

    assertThat(flow.net()).isEqualTo(3.0);
    assertThat(flow.ratio()).isEqualTo(2.5);
    assertThat(flow.weighted()).isCloseTo(100.0 * 3 + 99.9 * 2 - 100.1 - 100.2, within(1e-9));
    assertThat(OrderFlow.of(bids, new double[0][], 20).ratio()).isNaN();
  }

  @Test
  void givenOversoldRsiAndBullishFlow_whenScored_thenBuyWithTheUpstreamConfidence() {
    // RSI 25: +1.2; MACD > 0: +0.6; K > D + 5: +0.4; OFI > 0: +0.3; CVD > 0: +0.2 → 2.7
    StrategySignal signal = StrategySignal.of(25, 0.01, 60, 40, 10, 5, 1.07);

    assertThat(signal.action()).isEqualTo("BUY");
    assertThat(signal.score()).isEqualTo(2.7);
    assertThat(signal.confidence()).isEqualTo(1.0);
    assertThat(signal.reason())
        .isEqualTo("RSI oversold (25.0) & MACD positive & StochRSI bullish cross");
    assertThat(signal.lastPrice()).isEqualTo(1.07);
  }

  @Test
  void givenWeakOrMissingInputs_whenScored_thenHoldWithLowConfidence() {
    StrategySignal weak =
        StrategySignal.of(50, -0.01, 50, 50, 3, 0, 1.0); // −0.6 + 0.3 = −0.3 → SELL
    StrategySignal flat = StrategySignal.of(50, 0, 50, 50, 0, 0, 1.0);
    StrategySignal undefined =
        StrategySignal.of(
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1.0);

    assertThat(weak.action()).isEqualTo("SELL");
    assertThat(weak.confidence()).isEqualTo(0.35);
    assertThat(flat.action()).isEqualTo("HOLD");
    assertThat(flat.confidence()).isEqualTo(0.2);
    assertThat(flat.reason()).isEqualTo("Awaiting clear signal");
    assertThat(undefined.action()).isEqualTo("HOLD");
  }

  @Test
  void givenAnAtr_whenRiskIsDerived_thenTheStopIsOneAndAHalfAtrs() {
    RiskMetrics risk = RiskMetrics.of(0.002, 1.0);

    assertThat(risk.atrPct()).isCloseTo(0.2, within(1e-12));
    assertThat(risk.suggestedStop()).isCloseTo(0.003, within(1e-12));
    assertThat(risk.suggestedStopPct()).isCloseTo(0.3, within(1e-12));
  }
}
