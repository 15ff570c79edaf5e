package io.tai2.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tai2.history.OrderRecord;
import io.tai2.history.OrderRepository;
import io.tai2.history.OrderStatus;
import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import io.tai2.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The risk gauges read the locks and the order book as stored, at every read (the scrape), on the real schema. */
class RiskMetersTest {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  final TestDatabase db = TestDatabase.h2();
  final RiskLockRepository locks = new RiskLockRepository(db.jdbc(), db.tx());
  final OrderRepository orders = new OrderRepository(db.jdbc());
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void givenNoLockRowYet_whenRead_thenBothLocksShowNotEngaged() {
    new RiskMeters(registry, locks, orders);

    assertThat(lock("daily_loss")).isEqualTo(0.0);
    assertThat(lock("kill_switch")).isEqualTo(0.0);
  }

  @Test
  void givenTheKillSwitchEngagedThenReleased_whenRead_thenTheGaugeFollowsTheStoredLock() {
    new RiskMeters(registry, locks, orders);

    locks.save(new RiskLock(RiskLock.KILL_SWITCH, true, Optional.empty(), Optional.empty(), Optional.of(T0), Optional.of("test"), T0));
    assertThat(lock("kill_switch")).isEqualTo(1.0);
    assertThat(lock("daily_loss")).isEqualTo(0.0);

    locks.save(new RiskLock(RiskLock.KILL_SWITCH, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("released"), T0));
    assertThat(lock("kill_switch")).isEqualTo(0.0);
  }

  @Test
  void givenOrdersInEveryState_whenRead_thenOnlySentAndUnknownCountAsOutcomeUnknown() {
    new RiskMeters(registry, locks, orders);
    for (OrderStatus status : OrderStatus.values()) {
      String clOrdId = "t2" + status.name().toLowerCase();
      orders.insertIntent(order(clOrdId));
      if (status != OrderStatus.INTENT) {
        // Through SENT, as execution writes them: UNKNOWN and REJECTED only follow a send.
        orders.updateStatus(clOrdId, OrderStatus.SENT, Optional.empty(), Optional.empty(), Optional.empty(), T0.plusSeconds(1));
        assertThat(orders.updateStatus(clOrdId, status, Optional.empty(), Optional.empty(), Optional.empty(), T0.plusSeconds(1))).isTrue();
      }
    }

    assertThat(registry.get("tai2.orders.outcome.unknown").gauge().value()).isEqualTo(2.0);

    orders.updateStatus("t2unknown", OrderStatus.FILLED, Optional.of("123"), Optional.empty(), Optional.empty(), T0.plusSeconds(5));
    assertThat(registry.get("tai2.orders.outcome.unknown").gauge().value()).as("resolved by the reconciler").isEqualTo(1.0);
  }

  private double lock(String name) {
    return registry.get("tai2.risk.lock.engaged").tag("lock", name).gauge().value();
  }

  private static OrderRecord order(String clOrdId) {
    return new OrderRecord(UUID.randomUUID(), clOrdId, Optional.empty(), "BTC-USDT-SWAP", "buy", Optional.of("long"), "market", "isolated",
        BigDecimal.ONE, Optional.empty(), false, Optional.empty(), Optional.empty(), OrderStatus.INTENT, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), T0, T0);
  }
}
