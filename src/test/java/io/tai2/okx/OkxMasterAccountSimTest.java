package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tai2.okx.OkxMasterAccount.Direction;
import io.tai2.okx.OkxMasterAccount.MasterSide;
import io.tai2.okx.OkxMasterAccount.Transfer;
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
 * The master-key client over HTTP against the simulator (docs/OKX-SUB-ACCOUNTS.md): the sub-account list and both
 * balances with the master key, transfers that move both sides by exactly the amount, the transfer's state by client id,
 * and OKX's refusals for a sub-account key (59604) and an unknown sub-account (59510).
 */
class OkxMasterAccountSimTest {

  static final SimAccount SUB =
      SimAccount.sub(
          "sub-key", "sub-secret", "sub-pass", true, SimFixture.DEMO.apiKey(), "tai2sub1");
  static final SimAccount OTHER_SUB =
      SimAccount.sub(
          "sub2-key", "sub2-secret", "sub2-pass", true, SimFixture.DEMO.apiKey(), "tai2sub2");
  final SimMarket market = SimMarket.randomWalk(SimFixture.IN_SYNC, 7, 3_000, 1_440);
  final SimRestApi api =
      new SimRestApi(
          SimFixture.IN_SYNC,
          market,
          Map.of(
              SimFixture.DEMO.apiKey(),
              SimFixture.DEMO,
              SUB.apiKey(),
              SUB,
              OTHER_SUB.apiKey(),
              OTHER_SUB),
          new BigDecimal("1000"));
  final SimServer server = new SimServer(api, market, 0);
  final OkxMasterAccount master = client(SimFixture.KEYS.orElseThrow());
  final OkxMasterAccount subKeyAsMaster = client(new OkxKeys("sub-key", "sub-secret", "sub-pass"));

  @AfterEach
  void stop() {
    master.close();
    subKeyAsMaster.close();
    server.close();
  }

  OkxMasterAccount client(OkxKeys keys) {
    return new OkxMasterAccount(
        new OkxClientConfig(
            URI.create("http://127.0.0.1:" + server.port()),
            Optional.of(keys),
            true,
            Duration.ofSeconds(5)),
        SimFixture.IN_SYNC);
  }

  BigDecimal subTrading() {
    return master.subAccountTradingUsdt("tai2sub1").orElseThrow().availBal();
  }

  BigDecimal masterTrading() {
    return master.tradingUsdt().orElseThrow().availBal();
  }

  @Test
  void
      givenTheMasterKey_whenTheSubAccountIsListed_thenItsUidIsTheUidItsOwnKeyReportsAndTheMasterUidIsItsMainUid() {
    AccountConfig subConfig =
        new OkxTrading(
                new OkxRestClient(
                    new OkxClientConfig(
                        URI.create("http://127.0.0.1:" + server.port()),
                        Optional.of(new OkxKeys("sub-key", "sub-secret", "sub-pass")),
                        true,
                        Duration.ofSeconds(5)),
                    HttpClient.newHttpClient(),
                    SimFixture.IN_SYNC))
            .accountConfig();

    OkxMasterAccount.SubAccount listed = master.subAccount("tai2sub1").orElseThrow();

    assertThat(listed.name()).isEqualTo("tai2sub1");
    assertThat(listed.uid()).isEqualTo(subConfig.uid());
    assertThat(listed.type()).isEqualTo("1");
    assertThat(master.accountConfig().uid()).isEqualTo(subConfig.mainUid());
    assertThat(master.subAccount("tai2sub9")).as("no sub-account of that name").isEmpty();
  }

  @Test
  void givenBalances_whenMasterMovesMoneyToTheSubAndBack_thenBothSidesMoveByExactlyTheAmount() {
    api.exchange().setFunding(SimFixture.DEMO.apiKey(), new BigDecimal("500"));
    assertThat(master.fundingUsdt()).isEqualByComparingTo("500");
    assertThat(subTrading()).isEqualByComparingTo("1000");

    String transId =
        master.transfer(
            new Transfer(
                Direction.MASTER_TO_SUB,
                "tai2sub1",
                new BigDecimal("123.45"),
                MasterSide.FUNDING,
                "c1"));

    assertThat(transId).isNotBlank();
    assertThat(master.fundingUsdt()).isEqualByComparingTo("376.55");
    assertThat(subTrading()).isEqualByComparingTo("1123.45");
    assertThat(master.subAccountTradingUsdt("tai2sub2").orElseThrow().availBal())
        .as("the other sub-account is untouched")
        .isEqualByComparingTo("1000");

    master.transfer(
        new Transfer(
            Direction.SUB_TO_MASTER,
            "tai2sub1",
            new BigDecimal("23.45"),
            MasterSide.TRADING,
            "c2"));

    assertThat(subTrading()).isEqualByComparingTo("1100");
    assertThat(masterTrading()).isEqualByComparingTo("1023.45");
    assertThat(master.fundingUsdt()).isEqualByComparingTo("376.55");
    assertThat(master.transferState("c1"))
        .hasValueSatisfying(
            s -> {
              assertThat(s.state()).isEqualTo("success");
              assertThat(s.transId()).isEqualTo(transId);
              assertThat(s.amount()).isEqualByComparingTo("123.45");
            });
    assertThat(master.transferState("never-sent")).isEmpty();
  }

  @Test
  void givenMoreThanAvailable_whenTransferred_thenOkxRefusesWith58116AndNothingMoves() {
    assertThatThrownBy(
            () ->
                master.transfer(
                    new Transfer(
                        Direction.SUB_TO_MASTER,
                        "tai2sub1",
                        new BigDecimal("1000.01"),
                        MasterSide.FUNDING,
                        "c3")))
        .isInstanceOfSatisfying(
            OkxApiException.class,
            e -> {
              assertThat(e.effectiveCode()).isEqualTo("58116");
              assertThat(e.okxMessage()).isEqualTo("Transfer amount exceeds the available balance");
            });
    assertThat(subTrading()).isEqualByComparingTo("1000");
  }

  @Test
  void givenASubAccountKey_whenUsedAsTheMaster_thenOkxAnswers59604_andAnUnknownSubAccountIs59510() {
    assertThatThrownBy(() -> subKeyAsMaster.subAccount("tai2sub1"))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.effectiveCode()).isEqualTo("59604"));
    assertThatThrownBy(() -> subKeyAsMaster.subAccountTradingUsdt("tai2sub1"))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.effectiveCode()).isEqualTo("59604"));
    assertThatThrownBy(() -> master.subAccountFundingUsdt("tai2sub9"))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.effectiveCode()).isEqualTo("59510"));
    assertThatThrownBy(
            () ->
                subKeyAsMaster.transfer(
                    new Transfer(
                        Direction.MASTER_TO_SUB,
                        "tai2sub1",
                        BigDecimal.ONE,
                        MasterSide.FUNDING,
                        "c4")))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.effectiveCode()).isEqualTo("58128"));
  }

  @Test
  void
      givenTheSimulatorRefusingSubAcctOnTradingEndpoints_whenTheMasterReadsItsSubAccounts_thenThoseDocumentedReadsStillWork() {
    api.subAcctPolicy(SimRestApi.SubAcctPolicy.REJECT);

    assertThat(master.subAccount("tai2sub1")).isPresent();
    assertThat(subTrading()).isEqualByComparingTo("1000");
  }
}
