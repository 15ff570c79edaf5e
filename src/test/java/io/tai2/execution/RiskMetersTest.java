package io.tai2.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tai2.history.OrderRecord;
import io.tai2.history.OrderRepository;
import io.tai2.history.OrderStatus;
import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import io.tai2.market.AccountSnapshot;
import io.tai2.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
  Optional<AccountSnapshot> account = Optional.empty();

  @Test
  void givenNoLockRowYet_whenRead_thenBothLocksShowNotEngaged() {
    new RiskMeters(registry, locks, orders, () -> account);

    assertThat(lock("daily_loss")).isEqualTo(0.0);
    assertThat(lock("kill_switch")).isEqualTo(0.0);
  }

  @Test
  void givenTheKillSwitchEngagedThenReleased_whenRead_thenTheGaugeFollowsTheStoredLock() {
    new RiskMeters(registry, locks, orders, () -> account);

    locks.save(
        new RiskLock(
            RiskLock.KILL_SWITCH,
            true,
            Optional.empty(),
            Optional.empty(),
            Optional.of(T0),
            Optional.of("test"),
            T0));
    assertThat(lock("kill_switch")).isEqualTo(1.0);
    assertThat(lock("daily_loss")).isEqualTo(0.0);

    locks.save(
        new RiskLock(
            RiskLock.KILL_SWITCH,
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of("released"),
            T0));
    assertThat(lock("kill_switch")).isEqualTo(0.0);
  }

  @Test
  void givenOrdersInEveryState_whenRead_thenOnlySentAndUnknownCountAsOutcomeUnknown() {
    new RiskMeters(registry, locks, orders, () -> account);
    for (OrderStatus status : OrderStatus.values()) {
      String clOrdId = "t2" + status.name().toLowerCase();
      orders.insertIntent(order(clOrdId));
      if (status != OrderStatus.INTENT) {
        // Through SENT, as execution writes them: UNKNOWN and REJECTED only follow a send.
        orders.updateStatus(
            clOrdId,
            OrderStatus.SENT,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            T0.plusSeconds(1));
        assertThat(
                orders.updateStatus(
                    clOrdId,
                    status,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    T0.plusSeconds(1)))
            .isTrue();
      }
    }

    assertThat(registry.get("tai2.orders.outcome.unknown").gauge().value()).isEqualTo(2.0);

    orders.updateStatus(
        "t2unknown",
        OrderStatus.FILLED,
        Optional.of("123"),
        Optional.empty(),
        Optional.empty(),
        T0.plusSeconds(5));
    assertThat(registry.get("tai2.orders.outcome.unknown").gauge().value())
        .as("resolved by the reconciler")
        .isEqualTo(1.0);
  }

  @Test
  void
      givenPositionsWithAnAttachedStopAProtectionOrderAndNone_whenRead_thenOnlyTheOneWithoutAnyStopCounts() {
    new RiskMeters(registry, locks, orders, () -> account);
    assertThat(registry.get("tai2.positions.unprotected").gauge().value())
        .as("the account is not read yet")
        .isNaN();

    account =
        Optional.of(
            new AccountSnapshot(
                T0,
                new BigDecimal("10000"),
                List.of(),
                List.of(
                    position("BTC-USDT-SWAP", "long", new BigDecimal("60000")),
                    position("ETH-USDT-SWAP", "short", null),
                    position("SOL-USDT-SWAP", "long", null)),
                List.of(),
                List.of(
                    // ETH's stop is a protection order of its own on the closing side; SOL's algo
                    // is on the wrong side (it would open, not close)
                    new AccountSnapshot.Algo(
                        "1",
                        "t2r1",
                        "ETH-USDT-SWAP",
                        "conditional",
                        "buy",
                        BigDecimal.ONE,
                        "live",
                        null,
                        new BigDecimal("4000")),
                    new AccountSnapshot.Algo(
                        "2",
                        "t2r2",
                        "SOL-USDT-SWAP",
                        "conditional",
                        "buy",
                        BigDecimal.ONE,
                        "live",
                        null,
                        new BigDecimal("100"))),
                new AccountSnapshot.Fees(24, BigDecimal.ZERO, 0, T0),
                Map.of()));

    assertThat(registry.get("tai2.positions.unprotected").gauge().value()).isEqualTo(1.0);
  }

  private static AccountSnapshot.Position position(
      String instId, String side, BigDecimal stopLoss) {
    return new AccountSnapshot.Position(
        instId,
        "net",
        side,
        "cross",
        BigDecimal.ONE,
        BigDecimal.ONE,
        "BTC",
        BigDecimal.TEN,
        BigDecimal.TEN,
        BigDecimal.TEN,
        BigDecimal.ZERO,
        BigDecimal.ONE,
        null,
        BigDecimal.ONE,
        stopLoss,
        null);
  }

  private double lock(String name) {
    return registry.get("tai2.risk.lock.engaged").tag("lock", name).gauge().value();
  }

  private static OrderRecord order(String clOrdId) {
    return new OrderRecord(
        UUID.randomUUID(),
        clOrdId,
        Optional.empty(),
        "BTC-USDT-SWAP",
        "buy",
        Optional.of("long"),
        "market",
        "isolated",
        BigDecimal.ONE,
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.empty(),
        OrderStatus.INTENT,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        T0,
        T0);
  }
}
