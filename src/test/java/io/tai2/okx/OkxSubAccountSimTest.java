package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tai2.sim.SimAccount;
import io.tai2.sim.SimMarket;
import io.tai2.sim.SimRestApi;
import io.tai2.sim.SimServer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sub-accounts (docs/spec/okx-openrouter-protocols.md §6.3, §12.5): their own keys, balances and positions; master ⇄ sub transfers with the key-type
 * rules; the undocumented {@code subAcct} field either ignored or refused.
 */
class OkxSubAccountSimTest {

  static final SimAccount SUB =
      SimAccount.sub(
          "sub-key", "sub-secret", "sub-pass", true, SimFixture.DEMO.apiKey(), "tai2sub1");
  final SimMarket market = SimMarket.randomWalk(SimFixture.IN_SYNC, 7, 3_000, 1_440);
  final SimRestApi api =
      new SimRestApi(
          SimFixture.IN_SYNC,
          market,
          Map.of(SimFixture.DEMO.apiKey(), SimFixture.DEMO, SUB.apiKey(), SUB),
          new BigDecimal("1000"));
  final SimServer server = new SimServer(api, market, 0);
  final OkxRestClient master = client(SimFixture.KEYS.orElseThrow());
  final OkxRestClient sub = client(new OkxKeys("sub-key", "sub-secret", "sub-pass"));

  @AfterEach
  void stop() {
    server.close();
  }

  OkxRestClient client(OkxKeys keys) {
    return new OkxRestClient(
        new OkxClientConfig(
            URI.create("http://127.0.0.1:" + server.port()),
            Optional.of(keys),
            true,
            Duration.ofSeconds(5)),
        HttpClient.newHttpClient(),
        SimFixture.IN_SYNC);
  }

  static BigDecimal cash(OkxRestClient client) {
    return new OkxTrading(client).balance().currency("USDT").orElseThrow().cashBal();
  }

  @Test
  void givenASubAccountKey_whenItTrades_thenItIsItsOwnUserWithItsOwnPositions() {
    assertThat(new OkxTrading(sub).accountConfig().isSubAccount()).isTrue();
    assertThat(new OkxTrading(master).accountConfig().isSubAccount()).isFalse();

    new OkxTrading(sub)
        .placeOrder(
            new OrderRequest(
                "SOL-USDT-SWAP",
                "cross",
                "buy",
                "market",
                BigDecimal.ONE,
                Optional.empty(),
                "subBuy1",
                false,
                Optional.empty(),
                Optional.empty()));

    assertThat(new OkxTrading(sub).positions(Optional.empty())).hasSize(1);
    assertThat(new OkxTrading(master).positions(Optional.empty())).isEmpty();
    assertThat(new OkxTrading(master).order("SOL-USDT-SWAP", "subBuy1")).isEmpty();
  }

  @Test
  void givenMasterAndSubKeys_whenTransferring_thenOnlyTheAllowedKeyTypesMoveMoney() {
    master.post(
        "/api/v5/asset/transfer",
        Map.of(
            "ccy",
            "USDT",
            "amt",
            "100",
            "from",
            "18",
            "to",
            "18",
            "type",
            "1",
            "subAcct",
            "tai2sub1"));
    assertThat(cash(master)).isEqualByComparingTo("900");
    assertThat(cash(sub)).isEqualByComparingTo("1100");

    sub.post(
        "/api/v5/asset/transfer",
        Map.of("ccy", "USDT", "amt", "40", "from", "18", "to", "18", "type", "3"));
    assertThat(cash(master)).isEqualByComparingTo("940");

    assertThatThrownBy(
            () ->
                sub.post(
                    "/api/v5/asset/transfer",
                    Map.of(
                        "ccy",
                        "USDT",
                        "amt",
                        "1",
                        "from",
                        "18",
                        "to",
                        "18",
                        "type",
                        "1",
                        "subAcct",
                        "tai2sub1")))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.effectiveCode()).isEqualTo("58128"));
    assertThatThrownBy(
            () ->
                master.post(
                    "/api/v5/asset/transfer",
                    Map.of("ccy", "USDT", "amt", "1", "from", "18", "to", "18", "type", "3")))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.effectiveCode()).isEqualTo("58127"));
  }

  @Test
  void
      givenTheUndocumentedSubAcctField_whenTheSimulatorRefusesIt_thenTradingCallsFailWith51000AndOtherwiseItIsIgnored() {
    Map<String, String> routed = Map.of("instType", "SWAP", "subAcct", "tai2sub1");
    assertThat(master.getPrivate("/api/v5/account/positions", routed).isArray()).isTrue();

    api.subAcctPolicy(SimRestApi.SubAcctPolicy.REJECT);

    assertThatThrownBy(() -> master.getPrivate("/api/v5/account/positions", routed))
        .isInstanceOfSatisfying(
            OkxApiException.class,
            e -> {
              assertThat(e.effectiveCode()).isEqualTo("51000");
              assertThat(e.getMessage()).contains("subAcct");
            });
  }
}
