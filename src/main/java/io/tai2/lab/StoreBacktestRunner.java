package io.tai2.lab;

import io.tai2.config.ExecutionSettings;
import io.tai2.config.GuardrailSettings;
import io.tai2.history.CandleRepository;
import io.tai2.market.MarketSettings;
import io.tai2.okx.OkxBarSize;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The service's backtests ({@code POST /api/backtests}): candles and funding from the candle store, the saved guardrail
 * and execution settings under the request's partial document, the LLM deciders wired to the service's client, prompt
 * versions and reply cache. Warms the indicators up on {@value #WARM_UP_CANDLES} candles of the request's analysis
 * timeframe before {@code from}, as live warms up on start.
 */
final class StoreBacktestRunner implements BacktestRunner {

  static final int WARM_UP_CANDLES = 200;

  private final CandleRepository candles;
  private final Supplier<GuardrailSettings> guardrails;
  private final Supplier<ExecutionSettings> execution;
  private final Supplier<Optional<LlmDeciders.Wiring>> llm;

  StoreBacktestRunner(
      CandleRepository candles,
      Supplier<GuardrailSettings> guardrails,
      Supplier<ExecutionSettings> execution,
      Supplier<Optional<LlmDeciders.Wiring>> llm) {
    this.candles = candles;
    this.guardrails = guardrails;
    this.execution = execution;
    this.llm = llm;
  }

  @Override
  public BacktestReport run(BacktestRequest request, BacktestProgress progress) {
    request.checked();
    Deciders.requireKnown(request.decider());
    BacktestSettings settings =
        BacktestSettings.apply(request.settings(), guardrails.get(), execution.get());
    Duration warmUp =
        Duration.ofMillis(OkxBarSize.of(request.timeframe()).orElseThrow().millis())
            .multipliedBy(WARM_UP_CANDLES);
    List<SymbolHistory> histories = new ArrayList<>();
    for (String symbol : request.symbols()) {
      Instant from =
          request
              .from()
              .or(() -> candles.oldest(symbol))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "the candle store has no bars of "
                              + symbol
                              + "; fetch them first: tai2 history fetch --symbols "
                              + symbol
                              + " --from … --to …"));
      Instant to =
          request
              .to()
              .or(() -> candles.newest(symbol).map(t -> t.plus(Duration.ofMinutes(1))))
              .orElse(from);
      SymbolHistory h = BacktestFiles.store(candles, symbol, from.minus(warmUp), to);
      if (request.fundingHistory() && h.funding().isEmpty()) {
        throw new IllegalArgumentException(
            "funding history: no funding rates of "
                + symbol
                + " are stored; run tai2 history fetch, or set funding off");
      }
      histories.add(h);
    }
    Optional<LlmDeciders.Wiring> wiring = llm.get();
    Decider decider =
        Deciders.of(
            request,
            wiring.map(
                w -> LlmDeciders.factory(request, w, Backtest.decisionTimes(request, histories))));
    return new Backtest(
            request,
            histories,
            decider,
            settings.guardrails(),
            settings.execution(),
            request.timeframe(),
            MarketSettings.defaults().timeframes())
        .run(progress);
  }
}
