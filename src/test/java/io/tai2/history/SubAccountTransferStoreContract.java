package io.tai2.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Master ⇄ sub-account transfers on the real SQL of each database: one row per client id, settled in place. */
abstract class SubAccountTransferStoreContract {

  static final Instant T0 = Instant.parse("2026-11-20T12:00:00.123Z");

  SubAccountTransferRepository transfers;

  abstract DataSource dataSource();

  @BeforeEach
  void clean() {
    JdbcClient jdbc = JdbcClient.create(dataSource());
    jdbc.sql("DELETE FROM subaccount_transfers").update();
    transfers = new SubAccountTransferRepository(jdbc);
  }

  @Test
  void givenATransferIntent_whenTheSameClientIdIsRecordedAgain_thenItIsRefusedAndTheFirstIsKept() {
    SubAccountTransfer first =
        SubAccountTransfer.intent(
            "t1",
            T0,
            "admin",
            "DEMO",
            "tai2sub1",
            "MASTER_TO_SUB",
            "FUNDING",
            new BigDecimal("25.5"));

    assertThat(transfers.insertIntent(first)).isTrue();
    assertThat(
            transfers.insertIntent(
                SubAccountTransfer.intent(
                    "t1",
                    T0.plusSeconds(1),
                    "other",
                    "DEMO",
                    "tai2sub2",
                    "SUB_TO_MASTER",
                    "TRADING",
                    new BigDecimal("99"))))
        .isFalse();

    assertThat(transfers.find("t1")).contains(first);
  }

  @Test
  void
      givenATransfer_whenSettled_thenItsStateTransferIdOrRefusalAndTimeAreKeptAndTheNewestComeFirst() {
    transfers.insertIntent(
        SubAccountTransfer.intent(
            "t1",
            T0,
            "admin",
            "DEMO",
            "tai2sub1",
            "MASTER_TO_SUB",
            "FUNDING",
            new BigDecimal("10")));
    transfers.insertIntent(
        SubAccountTransfer.intent(
            "t2",
            T0.plusSeconds(60),
            "admin",
            "LIVE",
            "tai2sub1",
            "SUB_TO_MASTER",
            "TRADING",
            new BigDecimal("0.00000001")));

    transfers.settle(
        "t1", "DONE", Optional.of("754147"), Optional.empty(), Optional.empty(), T0.plusSeconds(1));
    transfers.settle(
        "t2",
        "REFUSED",
        Optional.empty(),
        Optional.of("58116"),
        Optional.of("Transfer amount exceeds the available balance"),
        T0.plusSeconds(61));

    assertThat(transfers.recent(10))
        .extracting(SubAccountTransfer::clientId)
        .containsExactly("t2", "t1");
    SubAccountTransfer done = transfers.find("t1").orElseThrow();
    assertThat(done.state()).isEqualTo("DONE");
    assertThat(done.transId()).contains("754147");
    assertThat(done.settledAt()).contains(T0.plusSeconds(1));
    SubAccountTransfer refused = transfers.find("t2").orElseThrow();
    assertThat(refused.amount()).isEqualByComparingTo("0.00000001");
    assertThat(refused.okxCode()).contains("58116");
    assertThat(refused.okxMessage()).contains("Transfer amount exceeds the available balance");
    assertThat(refused.transId()).isEmpty();
    assertThat(refused.environment()).isEqualTo("LIVE");
  }
}
