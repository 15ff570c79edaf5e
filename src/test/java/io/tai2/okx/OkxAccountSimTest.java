package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Account configuration, fees, close-position, isolated margin and funding transfers against the simulator. */
class OkxAccountSimTest extends SimClientTest {

  static final String BTC = "BTC-USDT-SWAP";

  @BeforeEach
  void start() {
    sim.market.setPrice(BTC, new BigDecimal("59999.95"));
  }

  void openIsolatedLong() {
    trading.setLeverage(BTC, BigDecimal.TEN, "isolated");
    trading.placeOrder(
        new OrderRequest(
            BTC,
            "isolated",
            "buy",
            "market",
            BigDecimal.TEN,
            Optional.empty(),
            "iso1",
            false,
            Optional.empty(),
            Optional.empty()));
  }

  @Test
  void givenAMainAccountKey_whenConfigAndFeesAreRead_thenFuturesNetModeAndRegularFees() {
    AccountConfig config = trading.accountConfig();
    assertThat(config.acctLv()).isEqualTo("2");
    assertThat(config.posMode()).isEqualTo("net_mode");
    assertThat(config.isSubAccount()).isFalse();
    assertThat(config.canTrade()).isTrue();

    TradeFee fee = trading.tradeFee();
    assertThat(fee.taker()).isEqualByComparingTo("-0.0005");
    assertThat(fee.maker()).isEqualByComparingTo("-0.0002");
  }

  @Test
  void givenAnOpenPosition_whenClosedWithClosePosition_thenItIsFlatAndTheFillIsFoundByClOrdId() {
    openIsolatedLong();

    trading.closePosition(BTC, "isolated", "close7");

    assertThat(trading.positions(Optional.empty())).isEmpty();
    assertThat(trading.order(BTC, "close7"))
        .hasValueSatisfying(
            o -> {
              assertThat(o.side()).isEqualTo("sell");
              assertThat(o.sz()).isEqualByComparingTo("10");
              assertThat(o.avgPx())
                  .hasValueSatisfying(px -> assertThat(px).isEqualByComparingTo("59999.9"));
            });
    assertThatThrownBy(() -> trading.closePosition(BTC, "isolated", "close8"))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.code()).isEqualTo("51023"));
  }

  @Test
  void givenAnIsolatedPosition_whenMarginIsAddedAndReduced_thenRealLeverageAndLimitsFollow() {
    openIsolatedLong();

    BigDecimal afterAdd = trading.adjustMargin(BTC, "add", new BigDecimal("600"));
    assertThat(afterAdd).isEqualByComparingTo("5"); // 6000 notional / 1200 margin
    assertThat(trading.positions(Optional.of(BTC)).getFirst().margin())
        .hasValueSatisfying(m -> assertThat(m).isEqualByComparingTo("1200"));

    assertThatThrownBy(() -> trading.adjustMargin(BTC, "reduce", new BigDecimal("1170")))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.code()).isEqualTo("59301"));
    assertThatThrownBy(() -> trading.adjustMargin("ETH-USDT-SWAP", "add", BigDecimal.ONE))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.code()).isEqualTo("59300"));
    assertThatThrownBy(() -> trading.adjustMargin(BTC, "add", new BigDecimal("100000")))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.code()).isEqualTo("59303"));
  }

  @Test
  void givenFundingBalance_whenTransferredToTrading_thenBothAccountsMove() {
    sim.api.exchange().setFunding(SimFixture.DEMO.apiKey(), new BigDecimal("250"));
    assertThat(funding.available("USDT")).isEqualByComparingTo("250");

    String transId =
        funding.transfer(
            "USDT", new BigDecimal("100"), OkxFunding.FUNDING, OkxFunding.TRADING, "seed1");

    assertThat(transId).isNotBlank();
    assertThat(funding.available("USDT")).isEqualByComparingTo("150");
    assertThat(trading.balance().currency("USDT").orElseThrow().cashBal())
        .isEqualByComparingTo("10100");
    assertThatThrownBy(
            () ->
                funding.transfer(
                    "USDT", new BigDecimal("151"), OkxFunding.FUNDING, OkxFunding.TRADING, "seed2"))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.code()).isEqualTo("58116"));
  }
}
