package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Net and long/short position mode (docs/spec/okx-openrouter-protocols.md §12.4): posSide rules, two independent sides, closing never flips. */
class OkxPositionModeSimTest extends SimClientTest {

  static final String LTC = "LTC-USDT-SWAP";

  @BeforeEach
  void price() {
    sim.market.setPrice(LTC, new BigDecimal("85.005")); // bid 85.00, ask 85.01
  }

  OrderRequest market(String side, String sz, String clOrdId, String posSide) {
    return new OrderRequest(
            LTC,
            "cross",
            side,
            "market",
            new BigDecimal(sz),
            Optional.empty(),
            clOrdId,
            false,
            Optional.empty(),
            Optional.empty())
        .withPosSide(posSide);
  }

  Map<String, BigDecimal> sides() {
    return trading.positions(Optional.empty()).stream()
        .collect(Collectors.toMap(PositionInfo::posSide, PositionInfo::pos));
  }

  @Test
  void givenNetMode_whenAnOrderNamesASide_thenItIsRefusedWithThePosSideError() {
    assertThatThrownBy(() -> trading.placeOrder(market("buy", "1", "net1", "long")))
        .isInstanceOfSatisfying(
            OkxApiException.class,
            e -> {
              assertThat(e.effectiveCode()).isEqualTo("51000");
              assertThat(e.getMessage()).contains("posSide");
            });
  }

  @Test
  void givenLongShortMode_whenBothSidesTrade_thenTheyAreIndependentAndClosingNeverFlips() {
    trading.setPositionMode("long_short_mode");
    assertThat(trading.accountConfig().posMode()).isEqualTo("long_short_mode");
    assertThatThrownBy(() -> trading.placeOrder(market("buy", "1", "ls0", "net")))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.effectiveCode()).isEqualTo("51000"));

    trading.placeOrder(market("buy", "5", "ls1", "long"));
    trading.placeOrder(market("sell", "3", "ls2", "short"));
    assertThat(sides())
        .containsOnly(
            Map.entry("long", new BigDecimal("5")), Map.entry("short", new BigDecimal("3")));

    trading.placeOrder(market("sell", "2", "ls3", "long"));
    trading.placeOrder(
        market(
            "sell", "10", "ls4",
            "long")); // closes the remaining 3, never opens a short from the long side
    assertThat(trading.positions(Optional.of(LTC)))
        .filteredOn(p -> p.posSide().equals("long"))
        .singleElement()
        .satisfies(p -> assertThat(p.pos()).isZero());
    assertThat(sides()).containsOnly(Map.entry("short", new BigDecimal("3")));

    assertThatThrownBy(() -> trading.setPositionMode("net_mode"))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.effectiveCode()).isEqualTo("59000"));
    trading.closePosition(LTC, "cross", "short", "lsClose1");
    assertThat(sides()).isEmpty();
    trading.setPositionMode("net_mode");
  }

  @Test
  void givenLongShortMode_whenAStopOnTheLongSideFires_thenOnlyTheLongCloses() {
    trading.setPositionMode("long_short_mode");
    trading.placeOrder(
        new OrderRequest(
                LTC,
                "cross",
                "buy",
                "market",
                new BigDecimal("4"),
                Optional.empty(),
                "lsSl1",
                false,
                Optional.empty(),
                Optional.of(new BigDecimal("80")))
            .withPosSide("long"));
    trading.placeOrder(market("sell", "2", "lsSl2", "short"));

    sim.market.setPrice(LTC, new BigDecimal("79.5"));

    assertThat(sides()).containsOnly(Map.entry("short", new BigDecimal("2")));
    assertThat(trading.algoHistory("effective"))
        .singleElement()
        .satisfies(a -> assertThat(a.side()).isEqualTo("sell"));
    List<FillInfo> fills = trading.fills(Optional.of(LTC), SimFixture.NOW.minusSeconds(60));
    assertThat(fills).hasSize(3);
  }
}
