package io.tai2.lab;

import io.tai2.config.FieldError;
import io.tai2.config.InvalidFieldsException;
import io.tai2.okx.OkxBarSize;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What to backtest: the symbols (their candles come from the candle store or from files), the period, how often to
 * decide and who decides, the sizing of the deterministic deciders, the account and the fill costs, and the settings
 * the guardrails apply.
 *
 * @param every the decision cadence as an OKX bar name ({@code 5m}, {@code 1H} …); decisions are taken at the closes of
 *     those bars
 * @param decider {@code fake:long}, {@code fake:short}, {@code fake:alternate}, {@code heuristic}, {@code cache} or
 *     {@code llm[:MODEL]}
 * @param stopPct the fake deciders' stop distance in percent of the decision price (1.0 = 1 %)
 * @param takePct the fake deciders' take-profit distance in percent
 * @param equityPct the share of equity the fake and heuristic deciders commit as margin (0.05 = 5 %)
 * @param takerFee the fee rate on both legs (0.0005 = 0.05 %)
 * @param slippageBps how far a market fill moves against the order, in basis points
 * @param fundingHistory charge funding at the historical rates ({@code --funding history}) or not ({@code off})
 * @param settings a partial settings document like the body of {@code PUT /api/settings}, applied over the saved (or
 *     default) settings
 * @param maxCost the LLM spend this run may reach; needed when the estimate is over the daily budget
 * @param timeframe the analysis timeframe the prompts and the heuristic read (an OKX bar name the market engine computes)
 */
public record BacktestRequest(
    List<String> symbols,
    Optional<Instant> from,
    Optional<Instant> to,
    String every,
    String decider,
    Optional<UUID> promptVersion,
    BigDecimal stopPct,
    BigDecimal takePct,
    BigDecimal equityPct,
    BigDecimal equity,
    BigDecimal takerFee,
    BigDecimal slippageBps,
    boolean fundingHistory,
    Optional<String> settings,
    Optional<BigDecimal> maxCost,
    String timeframe) {

  public static final String DEFAULT_TIMEFRAME = "4H";
  public static final BigDecimal DEFAULT_STOP_PCT = new BigDecimal("1.0");
  public static final BigDecimal DEFAULT_TAKE_PCT = new BigDecimal("2.0");
  public static final BigDecimal DEFAULT_EQUITY_PCT = new BigDecimal("0.05");
  public static final BigDecimal DEFAULT_EQUITY = new BigDecimal("10000");
  public static final BigDecimal DEFAULT_TAKER_FEE = new BigDecimal("0.0005");

  public BacktestRequest {
    symbols = List.copyOf(symbols);
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(every, "every");
    Objects.requireNonNull(decider, "decider");
    Objects.requireNonNull(promptVersion, "promptVersion");
    Objects.requireNonNull(stopPct, "stopPct");
    Objects.requireNonNull(takePct, "takePct");
    Objects.requireNonNull(equityPct, "equityPct");
    Objects.requireNonNull(equity, "equity");
    Objects.requireNonNull(takerFee, "takerFee");
    Objects.requireNonNull(slippageBps, "slippageBps");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(maxCost, "maxCost");
    Objects.requireNonNull(timeframe, "timeframe");
  }

  /** A request on the default analysis timeframe ({@value #DEFAULT_TIMEFRAME}). */
  public BacktestRequest(
      List<String> symbols,
      Optional<Instant> from,
      Optional<Instant> to,
      String every,
      String decider,
      Optional<UUID> promptVersion,
      BigDecimal stopPct,
      BigDecimal takePct,
      BigDecimal equityPct,
      BigDecimal equity,
      BigDecimal takerFee,
      BigDecimal slippageBps,
      boolean fundingHistory,
      Optional<String> settings,
      Optional<BigDecimal> maxCost) {
    this(
        symbols,
        from,
        to,
        every,
        decider,
        promptVersion,
        stopPct,
        takePct,
        equityPct,
        equity,
        takerFee,
        slippageBps,
        fundingHistory,
        settings,
        maxCost,
        DEFAULT_TIMEFRAME);
  }

  /** A request with the CLI's defaults for everything but the symbols, the cadence and the decider. */
  public static BacktestRequest of(List<String> symbols, String every, String decider) {
    return new BacktestRequest(
        symbols,
        Optional.empty(),
        Optional.empty(),
        every,
        decider,
        Optional.empty(),
        DEFAULT_STOP_PCT,
        DEFAULT_TAKE_PCT,
        DEFAULT_EQUITY_PCT,
        DEFAULT_EQUITY,
        DEFAULT_TAKER_FEE,
        BigDecimal.ZERO,
        false,
        Optional.empty(),
        Optional.empty());
  }

  /**
   * Checks every field and names each one that is wrong (snake_case, as in the API; the CLI shows them as options).
   *
   * @throws InvalidFieldsException listing every bad field
   */
  public BacktestRequest checked() {
    List<FieldError> errors = new ArrayList<>();
    if (symbols.isEmpty()) {
      errors.add(new FieldError("symbols", "name at least one symbol, e.g. BTC-USDT-SWAP"));
    }
    symbols.stream()
        .filter(s -> !s.matches("[A-Z0-9]+(-[A-Z0-9]+)+"))
        .forEach(
            s ->
                errors.add(
                    new FieldError(
                        "symbols", s + " is not an OKX instrument id such as BTC-USDT-SWAP")));
    if (OkxBarSize.of(every).isEmpty() || OkxBarSize.of(every).get().millis() == 0) {
      errors.add(
          new FieldError(
              "every",
              every + " is not a cadence: use an OKX bar size such as 5m, 15m, 1H, 4H or 1D"));
    }
    if (OkxBarSize.of(timeframe).isEmpty() || OkxBarSize.of(timeframe).get().millis() == 0) {
      errors.add(
          new FieldError(
              "timeframe",
              timeframe
                  + " is not an analysis timeframe: use an OKX bar size such as 15m, 1H, 4H or 1D"));
    }
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      errors.add(new FieldError("from", from.get() + " is not before to " + to.get()));
    }
    range(errors, "stop_pct", stopPct, "0", "100", false);
    range(errors, "take_pct", takePct, "0", "1000", false);
    range(errors, "equity_pct", equityPct, "0", "1", false);
    range(errors, "equity", equity, "0", "1000000000", false);
    range(errors, "taker_fee", takerFee, "0", "0.01", true);
    range(errors, "slippage_bps", slippageBps, "0", "1000", true);
    maxCost.ifPresent(c -> range(errors, "max_cost", c, "0", "100000", true));
    if (!errors.isEmpty()) {
      throw new InvalidFieldsException(errors);
    }
    return this;
  }

  private static void range(
      List<FieldError> errors,
      String field,
      BigDecimal v,
      String low,
      String high,
      boolean lowIncluded) {
    BigDecimal lo = new BigDecimal(low);
    BigDecimal hi = new BigDecimal(high);
    boolean above = lowIncluded ? v.compareTo(lo) >= 0 : v.compareTo(lo) > 0;
    if (!above || v.compareTo(hi) > 0) {
      errors.add(
          new FieldError(
              field,
              v.toPlainString()
                  + " is outside "
                  + (lowIncluded ? "[" : "(")
                  + low
                  + ", "
                  + high
                  + "]"));
    }
  }

  /** The cadence as an OKX bar size; decisions are taken when its bars close. */
  public OkxBarSize cadence() {
    return OkxBarSize.of(every)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "--every "
                        + every
                        + " is not an OKX bar size; use one of "
                        + OkxBarSize.names()));
  }
}
