package io.tai2.okx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Swapping credentials and the demo flag at runtime rebuilds the clients cleanly. */
class OkxConnectionSimTest extends SimClientTest {

  OkxClientConfig config(Optional<OkxKeys> keys, boolean demo) {
    return new OkxClientConfig(
        URI.create("http://127.0.0.1:" + sim.server.port()), keys, demo, Duration.ofSeconds(5));
  }

  @Test
  void
      givenAConnection_whenCredentialsAndFlagAreSwapped_thenEachCallUsesTheConfigurationCurrentAtThatTime() {
    try (OkxConnection connection =
        new OkxConnection(config(Optional.empty(), true), SimFixture.IN_SYNC)) {
      OkxConnection.Clients first = connection.current();
      assertThatThrownBy(() -> first.trading().balance()).hasMessageContaining("OKX_API_KEY");

      connection.reconfigure(config(SimFixture.KEYS, true));
      assertThat(connection.current().trading().balance().currency("USDT")).isPresent();
      assertThat(connection.current()).isNotSameAs(first);

      connection.reconfigure(config(SimFixture.KEYS, false));
      assertThatThrownBy(() -> connection.current().trading().balance())
          .isInstanceOfSatisfying(
              OkxApiException.class, e -> assertThat(e.code()).isEqualTo("50101"));

      assertThat(connection.current().config().demo()).isFalse();
      assertThat(connection.isOpen()).isTrue();
    }
  }

  @Test
  void givenAReconfigure_whenTheOldClientsAreUsed_thenTheyNoLongerSendAnything() {
    try (OkxConnection connection =
        new OkxConnection(config(SimFixture.KEYS, true), SimFixture.IN_SYNC)) {
      OkxConnection.Clients stale = connection.current();

      connection.reconfigure(config(SimFixture.KEYS, true));

      assertThat(connection.current().market().ticker("BTC-USDT-SWAP").instId())
          .isEqualTo("BTC-USDT-SWAP");
      long before = sim.api.journal().entries().size();
      assertThatThrownBy(() -> stale.market().ticker("BTC-USDT-SWAP"))
          .isInstanceOf(RuntimeException.class);
      assertThat(sim.api.journal().entries()).hasSize((int) before);
    }
  }
}
