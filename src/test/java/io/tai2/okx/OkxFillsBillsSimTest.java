package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Fills and bills (docs/spec/okx-openrouter-protocols.md §4.7, §5.6) against the simulator: what the fee window and PnL history are built from. */
class OkxFillsBillsSimTest extends SimClientTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final Instant LONG_AGO = SimFixture.NOW.minusSeconds(3_600);

  OrderDetails market(String side, String sz, String clOrdId) {
    trading.placeOrder(
        new OrderRequest(
            BTC,
            "cross",
            side,
            "market",
            new BigDecimal(sz),
            Optional.empty(),
            clOrdId,
            false,
            Optional.empty(),
            Optional.empty()));
    return trading.order(BTC, clOrdId).orElseThrow();
  }

  @Test
  void givenAnOpenAndAPartialClose_whenFillsAreRead_thenEachFillCarriesItsOrderFeeAndRealisedPnl() {
    sim.market.setPrice(BTC, new BigDecimal("60000.0"));
    OrderDetails open = market("buy", "10", "fillOpen1");
    sim.market.setPrice(BTC, new BigDecimal("61000.0"));
    OrderDetails close = market("sell", "4", "fillClose1");

    List<FillInfo> fills = trading.fills(Optional.of(BTC), LONG_AGO);

    assertThat(fills).extracting(FillInfo::clOrdId).containsExactly("fillClose1", "fillOpen1");
    FillInfo closing = fills.getFirst();
    assertThat(closing.fee()).isEqualByComparingTo(close.fee());
    assertThat(closing.fillSz()).isEqualByComparingTo("4");
    assertThat(closing.execType()).isEqualTo("T");
    // 4 contracts × 0.01 BTC × (61000.0 − 60000.1): bought at the ask, sold at the bid.
    assertThat(closing.fillPnl()).isEqualByComparingTo("39.996");
    assertThat(fills.getLast().fee()).isEqualByComparingTo(open.fee()).isNegative();
    assertThat(fills.getLast().fillPnl()).isZero();
  }

  @Test
  void givenTradesAndATransfer_whenBillsAreRead_thenTheyExplainEveryBalanceChange() {
    sim.api.exchange().setFunding(SimFixture.DEMO.apiKey(), new BigDecimal("50"));
    funding.transfer(
        "USDT", new BigDecimal("50"), OkxFunding.FUNDING, OkxFunding.TRADING, "billSeed1");
    sim.market.setPrice(BTC, new BigDecimal("60000.0"));
    market("buy", "2", "billOpen1");
    market("sell", "2", "billClose1");

    List<AccountBill> bills = trading.bills(Optional.empty(), LONG_AGO);

    assertThat(bills).extracting(AccountBill::type).containsExactly("2", "2", "1");
    assertThat(bills).extracting(AccountBill::subType).containsExactly("5", "3", "11");
    BigDecimal changes =
        bills.stream().map(AccountBill::balChg).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal cash = trading.balance().currency("USDT").orElseThrow().cashBal();
    assertThat(cash.subtract(new BigDecimal("10000"))).isEqualByComparingTo(changes);
    assertThat(bills.getFirst().bal()).isEqualByComparingTo(cash);
    assertThat(trading.bills(Optional.of("1"), LONG_AGO)).hasSize(1);
  }

  @Test
  void givenMoreThanOnePageOfFills_whenRead_thenTheClientFollowsThePages() {
    for (int i = 0; i < 105; i++) {
      trading.placeOrder(
          new OrderRequest(
              "DOGE-USDT-SWAP",
              "cross",
              i % 2 == 0 ? "buy" : "sell",
              "market",
              BigDecimal.ONE,
              Optional.empty(),
              "page" + i,
              false,
              Optional.empty(),
              Optional.empty()));
    }

    List<FillInfo> fills = trading.fills(Optional.empty(), LONG_AGO);

    assertThat(fills).hasSize(105);
    assertThat(fills.getFirst().clOrdId()).isEqualTo("page104");
    assertThat(fills.getLast().clOrdId()).isEqualTo("page0");
    assertThat(fills.stream().map(FillInfo::billId).distinct()).hasSize(105);
  }
}
