package io.tai2.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The simulator's TP/SL and liquidation follow the shared fill model: a level met while the price steps along a bar's
 * path fills at the level, a level passed by a jump (a bar's open, a pinned price) fills at the new price on the tick
 * against the order, and a liquidation price met before a stop beyond it liquidates the position.
 */
class SimTriggersTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
  static final String BTC = "BTC-USDT-SWAP";
  static final String KEY = "trig-key";

  SimMarket market;
  SimExchange exchange;

  /** Bar 0 holds still at 60000 (where the position opens); the given bars follow, one a minute. */
  void replay(String... ohlc) {
    List<CandleFile.Row> rows = new ArrayList<>();
    rows.add(row(0, "60000", "60010", "59990", "60000"));
    for (int i = 0; i < ohlc.length; i++) {
      String[] v = ohlc[i].split(" ");
      rows.add(row((i + 1) * 60_000L, v[0], v[1], v[2], v[3]));
    }
    market = SimMarket.randomWalk(CLOCK, 1, 10, 0).withCandles(BTC, rows);
    exchange = new SimExchange(CLOCK, market);
    exchange.openAccount(KEY, new BigDecimal("10000"));
  }

  String open(String side, String tdMode, String sl, String tp) {
    SimExchange.Placement placed =
        exchange.place(
            KEY,
            new SimExchange.OrderRequest(
                BTC,
                tdMode,
                "net",
                side,
                "market",
                "10",
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.ofNullable(tp).map(BigDecimal::new),
                Optional.ofNullable(sl).map(BigDecimal::new),
                Optional.empty()));
    assertThat(placed).isInstanceOf(SimExchange.Accepted.class);
    return exchange.pendingAlgos(KEY).getFirst().algoId();
  }

  /** Steps until the bar after bar 0 has walked {@code points} points of its path (1 = its open). */
  void walk(int points) {
    for (int i = 0; i < points; i++) {
      market.step();
    }
  }

  /** The price the position was closed at (the last trade or liquidation bill). */
  BigDecimal exitPx() {
    return exchange.bills(KEY).getFirst().px();
  }

  BigDecimal position() {
    return exchange.positions(KEY, Optional.of(BTC)).getFirst().pos();
  }

  @Test
  void givenALongWithAStop_whenTheBarStepsThroughIt_thenItIsStoppedAtTheStopNotAtTheLow() {
    replay("59950 60050 59000 59200"); // falling: open, high, low 59000, close
    String algo = open("buy", "cross", "59500", "61000");

    walk(2);
    assertThat(position()).isEqualByComparingTo("10");
    walk(1);

    assertThat(position()).isZero();
    assertThat(exchange.triggeredLeg(KEY, algo)).contains("sl");
    assertThat(exitPx()).isEqualByComparingTo("59500");
  }

  @Test
  void givenALongWithBothLevels_whenARisingBarReachesBoth_thenItVisitsTheLowFirstAndIsStopped() {
    replay("60000 61100 59400 60500");
    String algo = open("buy", "cross", "59500", "61000");

    walk(4);

    assertThat(exchange.triggeredLeg(KEY, algo)).contains("sl");
    assertThat(exitPx()).isEqualByComparingTo("59500");
  }

  @Test
  void
      givenALongWithBothLevels_whenAFallingBarReachesBoth_thenItVisitsTheHighFirstAndTakesProfit() {
    replay("60000 61100 59400 59600");
    String algo = open("buy", "cross", "59500", "61000");

    walk(4);

    assertThat(exchange.triggeredLeg(KEY, algo)).contains("tp");
    assertThat(exitPx()).isEqualByComparingTo("61000");
  }

  @Test
  void givenALongWithAStop_whenTheNextBarOpensBelowIt_thenItIsStoppedAtTheOpen() {
    replay("59000 59100 58900 59050");
    String algo = open("buy", "cross", "59500", null);

    walk(1);

    assertThat(exchange.triggeredLeg(KEY, algo)).contains("sl");
    assertThat(exitPx()).isEqualByComparingTo("59000");
  }

  @Test
  void
      givenAShortWithAStop_whenThePriceIsPinnedPastItOnATick_thenTheBuyFillsThereAndBetweenTicksOneTickUp() {
    replay("60000 60010 59990 60000");
    open("sell", "cross", "60500", null);
    market.setPrice(BTC, new BigDecimal("60600"));
    assertThat(exitPx()).isEqualByComparingTo("60600");

    replay("60000 60010 59990 60000");
    open("sell", "cross", "60500", null);
    market.setPrice(BTC, new BigDecimal("60600.05"));
    assertThat(exitPx()).isEqualByComparingTo("60600.1");
  }

  @Test
  void
      givenAnIsolatedLongWithItsStopBeyondTheLiquidationPrice_whenTheBarFallsThroughBoth_thenItIsLiquidated() {
    replay("59900 59950 49000 49500");
    exchange.setLeverage(KEY, BTC, "isolated", "10");
    String algo =
        open("buy", "isolated", "50000", null); // liqPx ≈ 54244: the stop is never reached

    walk(3);

    assertThat(position()).isZero();
    assertThat(exchange.triggeredLeg(KEY, algo)).isEmpty();
    assertThat(exchange.finishedAlgos(KEY))
        .singleElement()
        .satisfies(a -> assertThat(a.state()).isEqualTo("canceled"));
    SimExchange.Bill liquidation = exchange.bills(KEY).getFirst();
    assertThat(liquidation.type()).isEqualTo("5");
    assertThat(liquidation.px().doubleValue()).isBetween(54200.0, 54300.0);
  }

  private static CandleFile.Row row(long ts, String o, String h, String l, String c) {
    return new CandleFile.Row(
        Instant.ofEpochMilli(ts),
        new BigDecimal(o),
        new BigDecimal(h),
        new BigDecimal(l),
        new BigDecimal(c),
        BigDecimal.TEN);
  }
}
