package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tai2.sim.SimFaults;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The client under injected faults: what is retried, what is never resent, and how an unknown outcome is resolved. */
class OkxFaultsSimTest extends SimClientTest {

  static final String BTC = "BTC-USDT-SWAP";

  static OrderRequest buy(String clOrdId) {
    return new OrderRequest(
        BTC,
        "cross",
        "buy",
        "market",
        BigDecimal.ONE,
        Optional.empty(),
        clOrdId,
        false,
        Optional.empty(),
        Optional.empty());
  }

  @Test
  void
      givenTheOrderIsAcceptedButTheAnswerIsLost_whenPlaced_thenTheOutcomeIsUnknownAndALookupByClOrdIdFindsIt() {
    sim.api
        .faults()
        .arm(SimFaults.Fault.of("POST", "/api/v5/trade/order", SimFaults.Kind.ACCEPT_THEN_DROP, 1));

    assertThatThrownBy(() -> trading.placeOrder(buy("lost1")))
        .isInstanceOf(OkxOutcomeUnknownException.class)
        .hasMessageContaining("reconcile by client order id");

    assertThat(trading.order(BTC, "lost1"))
        .hasValueSatisfying(o -> assertThat(o.isFilled()).isTrue());
    assertThat(sim.api.journal().count("POST", "/api/v5/trade/order"))
        .as("the order was sent exactly once")
        .isEqualTo(1);
    assertThat(trading.positions(Optional.empty()))
        .singleElement()
        .satisfies(p -> assertThat(p.pos()).isEqualByComparingTo("1"));
  }

  @Test
  void givenTransientFailuresOnReads_whenRead_thenTheyAreRetriedUntilTheyPass() {
    sim.api
        .faults()
        .arm(SimFaults.Fault.of("GET", "/api/v5/market/ticker", SimFaults.Kind.RATE_LIMIT, 1));
    sim.api
        .faults()
        .arm(
            SimFaults.Fault.of(
                "GET", "/api/v5/market/ticker", SimFaults.Kind.SERVICE_UNAVAILABLE, 1));

    assertThat(market.ticker(BTC).instId()).isEqualTo(BTC);
    assertThat(sim.api.journal().count("GET", "/api/v5/market/ticker")).isEqualTo(3);
  }

  @Test
  void givenAnUnavailableExchange_whenAnOrderIsPlaced_thenItIsNotRetriedAndTheErrorIsReported() {
    sim.api
        .faults()
        .arm(
            SimFaults.Fault.of(
                "POST", "/api/v5/trade/order", SimFaults.Kind.SERVICE_UNAVAILABLE, 1));

    assertThatThrownBy(() -> trading.placeOrder(buy("busy1")))
        .isInstanceOfSatisfying(
            OkxApiException.class, e -> assertThat(e.code()).isEqualTo("50001"));
    assertThat(sim.api.journal().count("POST", "/api/v5/trade/order")).isEqualTo(1);
    assertThat(trading.order(BTC, "busy1")).isEmpty();
  }

  @Test
  void givenAChosenOkxCode_whenAnOrderIsPlaced_thenTheClientSurfacesItsSCode() {
    sim.api
        .faults()
        .arm(
            new SimFaults.Fault(
                "POST",
                "/api/v5/trade/order",
                SimFaults.Kind.OKX_CODE,
                1,
                Duration.ZERO,
                "51008",
                "Order failed. Insufficient USDT margin in account"));

    assertThatThrownBy(() -> trading.placeOrder(buy("margin1")))
        .isInstanceOfSatisfying(
            OkxApiException.class,
            e -> {
              assertThat(e.effectiveCode()).isEqualTo("51008");
              assertThat(e.getMessage()).contains("Insufficient USDT margin");
            });
  }

  @Test
  void givenASlowAnswer_whenReadWithinTheTimeout_thenItStillSucceeds() {
    sim.api
        .faults()
        .arm(
            new SimFaults.Fault(
                "GET",
                "/api/v5/public/time",
                SimFaults.Kind.DELAY,
                1,
                Duration.ofMillis(300),
                "",
                ""));

    assertThat(sim.client(Optional.empty(), true, SimFixture.IN_SYNC).serverTime())
        .isEqualTo(SimFixture.NOW);
    assertThat(sim.api.journal().count("GET", "/api/v5/public/time")).isEqualTo(1);
  }

  @Test
  void givenTheJournal_whenRequestsArrive_thenEachIsRecordedWithItsStatus() {
    market.ticker(BTC);
    trading.balance();

    assertThat(sim.api.journal().entries())
        .extracting(e -> e.method() + " " + e.target() + " " + e.status())
        .containsExactly(
            "GET /api/v5/market/ticker?instId=BTC-USDT-SWAP 200",
            "GET /api/v5/account/balance 200");
  }
}
