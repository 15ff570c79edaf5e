package io.tai2.market;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The market's facts for Prometheus: the account's equity ({@code tai2_account_equity_usd}) and how old each source of
 * each tracked symbol is ({@code tai2_feed_age_seconds{symbol,source}}). The age gauges follow the tracked symbols: a
 * symbol no longer tracked loses its gauges, so a changed pair list leaves no stale series behind.
 */
final class MarketMeters {

  /** The sources a symbol's snapshot reports freshness for; a fixed set, so the {@code source} tag stays bounded. */
  static final List<String> SOURCES =
      List.of(
          "ticker",
          "books",
          "trades",
          "candles",
          "funding",
          "open_interest",
          "mark_price",
          "long_short_ratio");

  private final MultiGauge feedAge;
  private final BiFunction<String, String, OptionalDouble> ageSeconds;

  /**
   * @param equityUsd the account's total equity (OKX {@code totalEq}), empty without keys or before the first read
   * @param ageSeconds (symbol, source) → age in seconds of that source's newest data, empty before any arrived
   */
  MarketMeters(
      MeterRegistry registry,
      Supplier<Optional<BigDecimal>> equityUsd,
      BiFunction<String, String, OptionalDouble> ageSeconds) {
    this.ageSeconds = ageSeconds;
    Gauge.builder(
            "tai2.account.equity",
            () -> equityUsd.get().map(BigDecimal::doubleValue).orElse(Double.NaN))
        .baseUnit("usd")
        .description(
            "Total account equity as OKX reports it (totalEq, USD); NaN without OKX keys or before the first read")
        .strongReference(true)
        .register(registry);
    feedAge =
        MultiGauge.builder("tai2.feed.age")
            .baseUnit("seconds")
            .description(
                "Age of the newest data of each market source per tracked symbol; NaN until the source first delivered")
            .register(registry);
  }

  /** The symbols tracked now: each gets one age gauge per source; gauges of symbols not in the list are removed. */
  void tracked(Collection<String> symbols) {
    List<MultiGauge.Row<?>> rows =
        symbols.stream()
            .flatMap(
                symbol ->
                    SOURCES.stream()
                        .map(
                            source ->
                                MultiGauge.Row.of(
                                    Tags.of("symbol", symbol, "source", source),
                                    () -> age(symbol, source))))
            .<MultiGauge.Row<?>>map(row -> row)
            .toList();
    feedAge.register(rows, true);
  }

  private Double age(String symbol, String source) {
    OptionalDouble age = ageSeconds.apply(symbol, source);
    return age.isPresent() ? age.getAsDouble() : Double.NaN;
  }
}
