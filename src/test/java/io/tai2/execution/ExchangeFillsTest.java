package io.tai2.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.okx.FillInfo;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Whether a fill OKX made on its own reduced a position: by its bill sub-type, else by what only a close does. */
class ExchangeFillsTest {

  static FillInfo fill(String subType, String side, String posSide, String tradeId, String pnl) {
    return new FillInfo(
        "BTC-USDT-SWAP",
        tradeId,
        "1",
        "",
        "2",
        subType,
        side,
        posSide,
        BigDecimal.TEN,
        BigDecimal.ONE,
        new BigDecimal("-0.01"),
        "USDT",
        new BigDecimal(pnl),
        "T",
        Instant.EPOCH);
  }

  @Test
  void givenABillSubType_whenRead_thenClosesLiquidationsAndDeleveragingReduceAndOpensDoNot() {
    assertThat(ExchangeFills.reduces(fill("5", "sell", "net", "7", "0")))
        .as("close long, even at no PnL")
        .isTrue();
    assertThat(ExchangeFills.reduces(fill("6", "buy", "net", "7", "0"))).as("close short").isTrue();
    assertThat(ExchangeFills.reduces(fill("104", "sell", "net", "-7", "-90")))
        .as("liquidation long")
        .isTrue();
    assertThat(ExchangeFills.reduces(fill("100", "sell", "net", "-7", "-9")))
        .as("partial liquidation")
        .isTrue();
    assertThat(ExchangeFills.reduces(fill("126", "buy", "net", "7", "3")))
        .as("auto-deleveraging close short")
        .isTrue();
    assertThat(ExchangeFills.reduces(fill("3", "buy", "net", "7", "0"))).as("open long").isFalse();
    assertThat(ExchangeFills.reduces(fill("4", "sell", "net", "7", "0")))
        .as("open short")
        .isFalse();
  }

  @Test
  void
      givenNoSubType_whenRead_thenThePositionSideDecidesInLongShortModeAndPnlOrALiquidationIdInNetMode() {
    assertThat(ExchangeFills.reduces(fill("", "sell", "long", "7", "0"))).isTrue();
    assertThat(ExchangeFills.reduces(fill("", "buy", "long", "7", "0"))).isFalse();
    assertThat(ExchangeFills.reduces(fill("", "buy", "short", "7", "0"))).isTrue();
    assertThat(ExchangeFills.reduces(fill("", "sell", "short", "7", "0"))).isFalse();
    assertThat(ExchangeFills.reduces(fill("", "sell", "net", "7", "-3.2")))
        .as("realised PnL: a close")
        .isTrue();
    assertThat(ExchangeFills.reduces(fill("", "sell", "net", "-7", "0")))
        .as("negative trade id: a liquidation")
        .isTrue();
    assertThat(ExchangeFills.reduces(fill("", "buy", "net", "7", "0")))
        .as("no PnL in net mode: an entry")
        .isFalse();
  }
}
