package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Typed market data from the real client against the simulator. */
class OkxMarketDataSimTest {

  static SimFixture sim;
  static OkxMarketData market;

  @BeforeAll
  static void start() {
    sim = new SimFixture();
    market = new OkxMarketData(sim.client(Optional.empty(), true, SimFixture.IN_SYNC));
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void givenSwapInstruments_whenListed_thenRealContractRulesComeBack() {
    List<Instrument> swaps = market.instruments("SWAP");

    assertThat(swaps)
        .extracting(Instrument::instId)
        .contains("BTC-USDT-SWAP", "ETH-USDT-SWAP", "SOL-USDT-SWAP", "XRP-USDT-SWAP");
    Instrument btc =
        swaps.stream().filter(i -> i.instId().equals("BTC-USDT-SWAP")).findFirst().orElseThrow();
    assertThat(btc.ctVal()).isEqualByComparingTo("0.01");
    assertThat(btc.contractSize()).isEqualByComparingTo("0.01");
    assertThat(btc.tickSz()).isEqualByComparingTo("0.1");
    assertThat(btc.lotSz()).isEqualByComparingTo("0.1");
    assertThat(btc.minSz()).isEqualByComparingTo("0.1");
    assertThat(btc.maxMktSz()).isEqualByComparingTo("12000");
    assertThat(btc.maxLeverage()).isEqualByComparingTo("100");
    assertThat(btc.settleCcy()).isEqualTo("USDT");
    assertThat(market.instruments("SPOT")).isEmpty();
  }

  @Test
  void givenATicker_whenRead_thenBidIsBelowAskByOneTickAndLastIsTheSimulatorsPrice() {
    Ticker t = market.ticker("ETH-USDT-SWAP");

    assertThat(t.instId()).isEqualTo("ETH-USDT-SWAP");
    assertThat(t.last()).isEqualByComparingTo(sim.market.last("ETH-USDT-SWAP"));
    assertThat(t.askPx().subtract(t.bidPx())).isEqualByComparingTo("0.01");
    assertThat(t.bidPx()).isLessThanOrEqualTo(t.last());
    assertThat(t.high24h()).isGreaterThanOrEqualTo(t.low24h());
    assertThat(t.ts())
        .as("stamped with the simulator's time, as OKX stamps data when it is generated")
        .isEqualTo(SimFixture.NOW);
  }

  @Test
  void givenABook_whenReadTo20Levels_thenAsksAscendAndBidsDescendByTicks() {
    OrderBook book = market.books("BTC-USDT-SWAP", 20);

    assertThat(book.asks()).hasSize(20);
    assertThat(book.bids()).hasSize(20);
    assertThat(book.asks().get(1).price().subtract(book.asks().get(0).price()))
        .isEqualByComparingTo("0.1");
    assertThat(book.bids().get(0).price().subtract(book.bids().get(1).price()))
        .isEqualByComparingTo("0.1");
    assertThat(book.asks().get(0).price()).isGreaterThan(book.bids().get(0).price());
  }

  @Test
  void givenCandles_whenRead_thenNewestFirstWithOnlyTheFormingBarUnconfirmed() {
    List<Candle> candles = market.candles("BTC-USDT-SWAP", "1m", 5);

    assertThat(candles).hasSize(5);
    assertThat(candles.getFirst().confirmed()).isFalse();
    assertThat(candles.subList(1, 5)).allMatch(Candle::confirmed);
    for (int i = 1; i < candles.size(); i++) {
      assertThat(Duration.between(candles.get(i).ts(), candles.get(i - 1).ts()))
          .isEqualTo(Duration.ofMinutes(1));
    }
    assertThat(candles.getFirst().close()).isEqualByComparingTo(sim.market.last("BTC-USDT-SWAP"));
    assertThat(candles)
        .allMatch(
            c ->
                c.high().compareTo(c.low()) >= 0
                    && c.volCcy().compareTo(c.vol().multiply(new BigDecimal("0.01"))) == 0);
  }

  @Test
  void givenFourHourBars_whenRead_thenMinuteBarsAreAggregatedOnUtcBoundaries() {
    List<Candle> bars = market.candles("BTC-USDT-SWAP", "4H", 3);

    assertThat(bars).hasSize(3);
    assertThat(bars).allMatch(c -> c.ts().toEpochMilli() % (4 * 3_600_000L) == 0);
    assertThat(Duration.between(bars.get(1).ts(), bars.get(0).ts())).isEqualTo(Duration.ofHours(4));
  }

  @Test
  void givenUnknownInstrumentOrBadBar_whenRead_thenOkxErrorsComeBack() {
    assertThatThrownBy(() -> market.ticker("NOPE-USDT-SWAP"))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.code()).isEqualTo("51001"));
    assertThatThrownBy(() -> market.candles("BTC-USDT-SWAP", "1h", 5))
        .isInstanceOfSatisfying(
            OkxApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo("51000");
              assertThat(e.getMessage()).contains("Parameter bar error");
            });
  }

  @Test
  void givenFundingOpenInterestAndMark_whenRead_thenTheyAreConsistentWithThePath() {
    FundingRate funding = market.fundingRate("BTC-USDT-SWAP");
    assertThat(funding.fundingRate()).isEqualByComparingTo("0.0001");
    assertThat(Duration.between(funding.fundingTime(), funding.nextFundingTime()))
        .isEqualTo(Duration.ofHours(8));
    assertThat(funding.fundingTime()).isAfter(SimFixture.NOW);
    assertThat(funding.fundingTime().toEpochMilli() % (8 * 3_600_000L)).isZero();

    OpenInterest oi = market.openInterest("ETH-USDT-SWAP");
    assertThat(oi.oi()).isPositive();
    assertThat(oi.oiCcy()).isEqualByComparingTo(oi.oi().multiply(new BigDecimal("0.1")));

    assertThat(market.markPrice("BTC-USDT-SWAP"))
        .isEqualByComparingTo(sim.market.last("BTC-USDT-SWAP"));
  }

  @Test
  void givenTiersTradesAndRatio_whenRead_thenShapesAndOrderAreOkxs() {
    List<PositionTier> tiers = market.positionTiers("BTC-USDT", "cross");
    assertThat(tiers).extracting(PositionTier::tier).containsExactly(1, 2);
    assertThat(tiers.getFirst().maxLever()).isEqualByComparingTo("100");
    assertThat(tiers.get(1).maxLever()).isEqualByComparingTo("75");

    List<PublicTrade> trades = market.trades("BTC-USDT-SWAP", 20);
    assertThat(trades).hasSize(20);
    assertThat(trades.getFirst().ts()).isAfter(trades.get(1).ts());
    assertThat(trades).allMatch(t -> t.side().equals("buy") || t.side().equals("sell"));

    List<LongShortRatio> ratios = market.longShortRatio("BTC", "5m");
    assertThat(ratios)
        .isNotEmpty()
        .allMatch(r -> r.ratio().signum() > 0 && r.ts().toEpochMilli() % 300_000L == 0);
  }
}
