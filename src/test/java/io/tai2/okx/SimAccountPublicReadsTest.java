package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Leverage info, currencies, transfer state and the all-instrument public reads of the simulator, over HTTP. */
class SimAccountPublicReadsTest extends SimClientTest {

  static final String BTC = "BTC-USDT-SWAP";
  static final int SWAPS = 6;
  SignedSimCalls okx;

  @BeforeEach
  void client() {
    okx = new SignedSimCalls(sim);
  }

  @Test
  void givenLeverageSetToFive_whenLeverageInfoIsAsked_thenItReportsFiveAndTheDefaultForAnother() {
    trading.setLeverage(BTC, new BigDecimal("5"), "cross");

    JsonNode rows =
        okx.get("/api/v5/account/leverage-info?instId=" + BTC + ",ETH-USDT-SWAP&mgnMode=cross")
            .data();

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).path("lever").asString()).isEqualTo("5");
    assertThat(rows.get(0).path("posSide").asString()).isEqualTo("net");
    assertThat(rows.get(1).path("lever").asString()).isEqualTo("10");
  }

  @Test
  void givenNoMarginModeOrAnUnknownInstrument_whenLeverageInfoIsAsked_then50014Or51001() {
    assertThat(okx.get("/api/v5/account/leverage-info?instId=" + BTC).code()).isEqualTo("50014");
    assertThat(okx.get("/api/v5/account/leverage-info?instId=NOPE-USDT-SWAP&mgnMode=cross").code())
        .isEqualTo("51001");
  }

  @Test
  void givenATransfer_whenItsStateIsAsked_thenItIsASuccessWithTheSameAmount() {
    sim.api.exchange().setFunding(SimFixture.DEMO.apiKey(), new BigDecimal("100"));
    JsonNode transfer =
        okx.post(
                "/api/v5/asset/transfer",
                "{\"ccy\":\"USDT\",\"amt\":\"25\",\"from\":\"6\",\"to\":\"18\",\"clientId\":\"t1\"}")
            .first();

    JsonNode byId =
        okx.get("/api/v5/asset/transfer-state?transId=" + transfer.path("transId").asString())
            .first();
    JsonNode byClient = okx.get("/api/v5/asset/transfer-state?clientId=t1").first();

    assertThat(byId.path("state").asString()).isEqualTo("success");
    assertThat(byId.path("amt").asString()).isEqualTo("25");
    assertThat(byId.path("type").asString()).isEqualTo("0");
    assertThat(byClient.path("transId").asString()).isEqualTo(transfer.path("transId").asString());
    assertThat(okx.get("/api/v5/asset/transfer-state").code()).isEqualTo("50014");
  }

  @Test
  void givenTheSimulator_whenCurrenciesAreAsked_thenUsdtIsListedWithItsChain() {
    JsonNode rows = okx.get("/api/v5/asset/currencies").data();

    assertThat(rows)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.path("ccy").asString()).isEqualTo("USDT");
              assertThat(c.path("chain").asString()).isEqualTo("USDT-ERC20");
              assertThat(c.path("canWd").isBoolean()).isTrue();
            });
    assertThat(okx.get("/api/v5/asset/currencies?ccy=BTC").data()).isEmpty();
  }

  @Test
  void givenSwapInstType_whenTickersAreAsked_thenEverySwapHasATickerMatchingTheSingleOne() {
    JsonNode all = okx.publicGet("/api/v5/market/tickers?instType=SWAP").data();
    JsonNode one = okx.publicGet("/api/v5/market/ticker?instId=" + BTC).first();

    assertThat(all).hasSize(SWAPS);
    JsonNode btc =
        all.valueStream()
            .filter(t -> t.path("instId").asString().equals(BTC))
            .findFirst()
            .orElseThrow();
    assertThat(btc.path("last").asString()).isEqualTo(one.path("last").asString());
    assertThat(okx.publicGet("/api/v5/market/tickers?instType=SPOT").data()).isEmpty();
    assertThat(okx.publicGet("/api/v5/market/tickers").code()).isEqualTo("50014");
  }

  @Test
  void givenInstIdAny_whenFundingRatesAreAsked_thenEverySwapIsListed() {
    JsonNode rows = okx.publicGet("/api/v5/public/funding-rate?instId=ANY").data();

    assertThat(rows).hasSize(SWAPS);
    assertThat(rows.valueStream().map(r -> r.path("instId").asString()))
        .contains(BTC, "ETH-USDT-SWAP");
  }

  @Test
  void givenNoInstId_whenMarkPricesAreAsked_thenEverySwapIsListedAndAnInstIdStillNarrowsToOne() {
    assertThat(okx.publicGet("/api/v5/public/mark-price?instType=SWAP").data()).hasSize(SWAPS);
    assertThat(okx.publicGet("/api/v5/public/mark-price?instType=SWAP&instId=" + BTC).data())
        .hasSize(1);
  }

  @Test
  void givenBooksFull_whenAskedForTenLevels_thenTenAsksComeAndAnOversizedRequestIs51000() {
    JsonNode book = okx.publicGet("/api/v5/market/books-full?instId=" + BTC + "&sz=10").first();

    assertThat(book.path("asks")).hasSize(10);
    assertThat(okx.publicGet("/api/v5/market/books-full?instId=" + BTC + "&sz=5001").code())
        .isEqualTo("51000");
  }

  @Test
  void givenTheSimulator_whenSystemStatusIsAsked_thenThereIsNoMaintenance() {
    SignedSimCalls.Reply reply = okx.publicGet("/api/v5/system/status");

    assertThat(reply.code()).isEqualTo("0");
    assertThat(reply.data()).isEmpty();
  }
}
