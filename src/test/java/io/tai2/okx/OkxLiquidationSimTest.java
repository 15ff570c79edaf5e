package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Liquidation (docs/spec/okx-openrouter-protocols.md §12.4): the worked BTC position is closed at its liqPx when the mark reaches it. */
class OkxLiquidationSimTest extends SimClientTest {

  static final String BTC = "BTC-USDT-SWAP";

  @Test
  void
      givenTheWorkedIsolatedLong_whenTheMarkFallsThroughItsLiquidationPrice_thenItIsLiquidatedAndPublished()
          throws Exception {
    BlockingQueue<OkxWsEvent> liquidations = new LinkedBlockingQueue<>();
    try (OkxWebSocketClient ws =
        new OkxWebSocketClient(sim.wsConfig(Optional.empty()), SimFixture.IN_SYNC)) {
      ws.subscribe(OkxWsArg.byType("liquidation-orders", "SWAP"), liquidations::add);
      sim.market.setPrice(BTC, new BigDecimal("59999.95")); // bid 59999.9, ask 60000.0
      trading.setLeverage(BTC, BigDecimal.TEN, "isolated");
      trading.placeOrder(
          new OrderRequest(
              BTC,
              "isolated",
              "buy",
              "market",
              BigDecimal.TEN,
              Optional.empty(),
              "liq1",
              false,
              Optional.empty(),
              Optional.of(new BigDecimal("50000"))));
      PositionInfo open = trading.positions(Optional.of(BTC)).getFirst();
      // Protocols §12.4 worked check: 10 contracts long at 60000, 10×, isolated → liqPx 54244.10.
      assertThat(open.liqPx().orElseThrow().setScale(2, RoundingMode.HALF_UP))
          .isEqualByComparingTo("54244.10");
      assertThat(liquidations.poll(5, TimeUnit.SECONDS)).isInstanceOf(OkxWsEvent.Subscribed.class);

      sim.market.setPrice(BTC, new BigDecimal("54300"));
      assertThat(trading.positions(Optional.of(BTC)).getFirst().pos()).isEqualByComparingTo("10");
      sim.market.setPrice(BTC, new BigDecimal("54100"));

      assertThat(trading.positions(Optional.of(BTC)).getFirst().pos()).isZero();
      assertThat(trading.pendingAlgos()).isEmpty();
      List<AccountBill> bills = trading.bills(Optional.of("5"), SimFixture.NOW.minusSeconds(60));
      assertThat(bills).singleElement().satisfies(b -> assertThat(b.subType()).isEqualTo("104"));
      assertThat(
              trading.fills(Optional.of(BTC), SimFixture.NOW.minusSeconds(60)).getFirst().tradeId())
          .startsWith("-");
      OkxWsEvent event = liquidations.poll(5, TimeUnit.SECONDS);
      assertThat(event)
          .isInstanceOfSatisfying(
              OkxWsEvent.LiquidationUpdate.class,
              l -> {
                assertThat(l.instId()).isEqualTo(BTC);
                assertThat(l.posSide()).isEqualTo("long");
                assertThat(l.side()).isEqualTo("sell");
                assertThat(l.sz()).isEqualByComparingTo("10");
                assertThat(l.bkPx()).isEqualByComparingTo("54244.1");
              });
    }
  }
}
