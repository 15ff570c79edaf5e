package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The real REST client against the in-process simulator, with real signatures on loopback. */
class OkxRestClientSimTest {

  static SimFixture sim;

  @BeforeAll
  static void startSimulator() {
    sim = new SimFixture();
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  static OkxRestClient client(Optional<OkxKeys> keys, boolean demo, Clock clock) {
    return sim.client(keys, demo, clock);
  }

  static final Optional<OkxKeys> KEYS = SimFixture.KEYS;
  static final Clock IN_SYNC = SimFixture.IN_SYNC;
  static final Instant NOW = SimFixture.NOW;

  @Test
  void givenNoKeys_whenServerTimeIsAsked_thenItIsTheSimulatorClock() {
    assertThat(client(Optional.empty(), true, IN_SYNC).serverTime()).isEqualTo(NOW);
  }

  @Test
  void givenDemoKeys_whenBalanceIsRead_thenTheSignedRequestIsAcceptedAndTheBalanceComesBack() {
    JsonNode data =
        client(KEYS, true, IN_SYNC).getPrivate("/api/v5/account/balance", Map.of("ccy", "USDT"));

    JsonNode usdt = data.get(0).get("details").get(0);
    assertThat(usdt.get("ccy").asString()).isEqualTo("USDT");
    assertThat(new BigDecimal(usdt.get("cashBal").asString())).isEqualByComparingTo("10000");
  }

  @Test
  void givenWrongSecret_whenBalanceIsRead_then50113WithAnOperatorHint() {
    OkxRestClient wrong =
        client(Optional.of(new OkxKeys("demo-key", "not-the-secret", "demo-pass")), true, IN_SYNC);

    assertThatThrownBy(() -> wrong.getPrivate("/api/v5/account/balance", Map.of()))
        .isInstanceOfSatisfying(
            OkxApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo("50113");
              assertThat(e.httpStatus()).isEqualTo(401);
              assertThat(e.error()).contains(OkxError.INVALID_SIGN);
              assertThat(e.getMessage())
                  .contains("Invalid Sign", "OKX_SECRET_KEY")
                  .doesNotContain("not-the-secret");
            });
  }

  @Test
  void
      givenLocalClockTwoMinutesBehind_whenBalanceIsRead_then50102IsRecoveredByResyncingWithServerTime() {
    OkxRestClient lagging = client(KEYS, true, Clock.offset(IN_SYNC, Duration.ofSeconds(-120)));

    JsonNode data = lagging.getPrivate("/api/v5/account/balance", Map.of());

    assertThat(data.get(0).get("details").get(0).get("ccy").asString()).isEqualTo("USDT");
    assertThat(lagging.clockOffset()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void givenDemoKeyWithoutTheDemoHeader_whenCalled_then50101NamesTheEnvironmentSetting() {
    OkxRestClient liveFlag = client(KEYS, false, IN_SYNC);

    assertThatThrownBy(() -> liveFlag.getPrivate("/api/v5/account/balance", Map.of()))
        .isInstanceOfSatisfying(
            OkxApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo("50101");
              assertThat(e.getMessage()).contains("OKX_API_FLAG");
            });
  }

  @Test
  void givenNoKeys_whenAPrivateEndpointIsCalled_thenTheOperatorIsToldWhichVariablesToSet() {
    assertThatThrownBy(
            () ->
                client(Optional.empty(), true, IN_SYNC)
                    .getPrivate("/api/v5/account/balance", Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("OKX_API_KEY, OKX_SECRET_KEY and OKX_PASSPHRASE");
  }

  @Test
  void givenParameters_whenTheQueryIsBuilt_thenOrderIsKeptEmptiesAreSkippedAndValuesEncoded() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("instType", "SWAP");
    params.put("after", "");
    params.put("instId", "BTC-USDT-SWAP");
    params.put("note", "a b&c");

    assertThat(OkxRestClient.query(params))
        .isEqualTo("?instType=SWAP&instId=BTC-USDT-SWAP&note=a+b%26c");
    assertThat(OkxRestClient.query(Map.of())).isEmpty();
  }
}
