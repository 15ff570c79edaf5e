package io.tai2.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Status writes arriving in any order (a stale lookup, a retry, a second resolver) against the real repository on H2:
 * the order never moves back to a state it had passed, and it ends where the graph says that order of writes leads.
 */
class OrderStateMachinePropertyTest {

  static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  static final int SEQUENCES = 3000;
  static final List<OrderStatus> ALL = List.of(OrderStatus.values());

  static OrderRepository orders;

  @BeforeAll
  static void database() {
    // One connection for the whole run: a few thousand sequences are tens of thousands of
    // statements.
    SingleConnectionDataSource ds =
        new SingleConnectionDataSource(
            "jdbc:h2:mem:order-fsm-"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "sa",
            "",
            true);
    HistoryRepositoriesContract.migrate(ds, SchemaDialect.H2);
    orders = new OrderRepository(JdbcClient.create(ds));
  }

  @Test
  void
      givenRandomStatusWritesInRandomOrder_whenApplied_thenNoOrderMovesBackAndEachEndsWhereTheGraphLeads() {
    Random random = new Random(20261206L);
    int applied = 0;
    int refused = 0;
    for (int n = 0; n < SEQUENCES; n++) {
      // Two in three: the writes of a real life (a walk along the graph, some repeated as retries)
      // shuffled.
      // One in three: any statuses at all, INTENT included, as a buggy or hostile writer would send
      // them.
      List<OrderStatus> writes = n % 3 == 2 ? anyStatuses(random) : shuffledLife(random);
      String clOrdId = "fsm-" + n;
      orders.insertIntent(HistoryRepositoriesContract.intent(clOrdId));
      OrderStatus model = OrderStatus.INTENT;
      List<OrderStatus> passed = new ArrayList<>(List.of(OrderStatus.INTENT));
      for (int i = 0; i < writes.size(); i++) {
        OrderStatus next = writes.get(i);
        Instant at = T0.plusSeconds(n * 10L + i + 1);
        boolean written =
            random.nextBoolean()
                ? orders.updateStatus(
                    clOrdId, next, Optional.of("ex-" + n), Optional.empty(), Optional.empty(), at)
                : orders.recordFill(
                    clOrdId, next, new BigDecimal("100"), BigDecimal.ONE, BigDecimal.ZERO, at);
        OrderStatus stored = orders.findByClientOrderId(clOrdId).orElseThrow().status();

        String where = "sequence " + n + " writes " + writes + " at " + i;
        assertThat(written)
            .as(where + ": applied exactly when the graph allows " + model + " → " + next)
            .isEqualTo(model.canMoveTo(next));
        assertThat(stored).as(where).isEqualTo(written ? next : model);
        for (OrderStatus earlier : passed) {
          assertThat(OrderStatusTest.reachableFrom(stored))
              .as(where + ": " + stored + " leads back to the passed " + earlier)
              .doesNotContain(earlier);
        }
        if (stored != model) {
          passed.add(stored);
        }
        model = stored;
        if (written) {
          applied++;
        } else {
          refused++;
        }
      }
      assertThat(orders.findByClientOrderId(clOrdId).orElseThrow().status())
          .isEqualTo(replay(writes));
    }
    assertThat(applied).as("the sequences exercise both outcomes").isGreaterThan(SEQUENCES);
    assertThat(refused).isGreaterThan(SEQUENCES);
  }

  @Test
  void
      givenEveryLifeTheGraphAllows_whenWrittenInOrder_thenEachWriteIsAppliedAndTheOrderEndsInItsLastState() {
    Random random = new Random(7L);
    for (int n = 0; n < 500; n++) {
      List<OrderStatus> life = walk(random);
      String clOrdId = "life-" + n;
      orders.insertIntent(HistoryRepositoriesContract.intent(clOrdId));
      for (OrderStatus next : life) {
        assertThat(
                orders.updateStatus(
                    clOrdId, next, Optional.empty(), Optional.empty(), Optional.empty(), T0))
            .as("%s in %s", next, life)
            .isTrue();
      }
      assertThat(orders.findByClientOrderId(clOrdId).orElseThrow().status())
          .isEqualTo(life.isEmpty() ? OrderStatus.INTENT : life.getLast());
    }
  }

  /** Where the graph takes an order written in this order, refused writes skipped. */
  static OrderStatus replay(List<OrderStatus> writes) {
    OrderStatus at = OrderStatus.INTENT;
    for (OrderStatus next : writes) {
      at = at.canMoveTo(next) ? next : at;
    }
    return at;
  }

  /** A random walk from INTENT along the graph: until a terminal state, or it stops where it is (an order still open). */
  static List<OrderStatus> walk(Random random) {
    List<OrderStatus> life = new ArrayList<>();
    OrderStatus at = OrderStatus.INTENT;
    while (!at.isTerminal() && random.nextInt(6) != 0) {
      OrderStatus from = at;
      List<OrderStatus> moves = ALL.stream().filter(s -> s != from && from.canMoveTo(s)).toList();
      at = moves.get(random.nextInt(moves.size()));
      life.add(at);
    }
    return life;
  }

  static List<OrderStatus> shuffledLife(Random random) {
    List<OrderStatus> writes = new ArrayList<>(walk(random));
    int retries = writes.isEmpty() ? 0 : random.nextInt(3);
    for (int i = 0; i < retries; i++) {
      writes.add(writes.get(random.nextInt(writes.size())));
    }
    Collections.shuffle(writes, random);
    return writes;
  }

  static List<OrderStatus> anyStatuses(Random random) {
    List<OrderStatus> writes = new ArrayList<>();
    for (int i = 1 + random.nextInt(7); i > 0; i--) {
      writes.add(ALL.get(random.nextInt(ALL.size())));
    }
    return writes;
  }
}
