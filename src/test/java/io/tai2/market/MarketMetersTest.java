package io.tai2.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MarketMetersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicReference<Optional<BigDecimal>> equity =
      new AtomicReference<>(Optional.empty());
  private final MarketMeters meters =
      new MarketMeters(
          registry,
          equity::get,
          (symbol, source) ->
              source.equals("ticker")
                  ? OptionalDouble.of(symbol.startsWith("BTC") ? 0.25 : 1.5)
                  : OptionalDouble.empty());

  @Test
  void givenTrackedSymbols_whenScraped_thenEachSourceOfEachSymbolHasItsAgeAndUnseenSourcesAreNaN() {
    meters.tracked(List.of("BTC-USDT-SWAP", "ETH-USDT-SWAP"));

    assertThat(age("BTC-USDT-SWAP", "ticker")).isEqualTo(0.25);
    assertThat(age("ETH-USDT-SWAP", "ticker")).isEqualTo(1.5);
    assertThat(age("BTC-USDT-SWAP", "books")).isNaN();
    assertThat(registry.find("tai2.feed.age").gauges()).hasSize(2 * MarketMeters.SOURCES.size());
  }

  @Test
  void givenASymbolNoLongerTracked_whenTheListChanges_thenItsGaugesAreRemoved() {
    meters.tracked(List.of("BTC-USDT-SWAP", "ETH-USDT-SWAP"));

    meters.tracked(List.of("BTC-USDT-SWAP"));

    assertThat(registry.find("tai2.feed.age").tag("symbol", "ETH-USDT-SWAP").gauges()).isEmpty();
    assertThat(registry.find("tai2.feed.age").tag("symbol", "BTC-USDT-SWAP").gauges())
        .hasSize(MarketMeters.SOURCES.size());
    meters.tracked(List.of());
    assertThat(registry.find("tai2.feed.age").gauges()).isEmpty();
  }

  @Test
  void givenTheAccount_whenScraped_thenEquityIsItsTotalEquityOrNaNWithoutOne() {
    Gauge gauge = registry.get("tai2.account.equity").gauge();
    assertThat(gauge.value()).isNaN();

    equity.set(Optional.of(new BigDecimal("10012.5")));

    assertThat(gauge.value()).isEqualTo(10012.5);
  }

  private double age(String symbol, String source) {
    return registry.get("tai2.feed.age").tags("symbol", symbol, "source", source).gauge().value();
  }
}
