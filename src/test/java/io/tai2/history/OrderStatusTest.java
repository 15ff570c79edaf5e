package io.tai2.history;

import static io.tai2.history.OrderStatus.CANCELED;
import static io.tai2.history.OrderStatus.FILLED;
import static io.tai2.history.OrderStatus.INTENT;
import static io.tai2.history.OrderStatus.LIVE;
import static io.tai2.history.OrderStatus.PARTIALLY_FILLED;
import static io.tai2.history.OrderStatus.REJECTED;
import static io.tai2.history.OrderStatus.SENT;
import static io.tai2.history.OrderStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The order state machine as a graph: the moves execution makes are in it, and nothing in it leads backwards. */
class OrderStatusTest {

  @Test
  void givenTheMovesExecutionWrites_whenChecked_thenEachIsAllowed() {
    // executor: send, answer, no answer; resolver: what a lookup finds; reconciler and resume:
    // close an unsent or lost order
    List<List<OrderStatus>> used =
        List.of(
            List.of(INTENT, SENT),
            List.of(SENT, LIVE),
            List.of(SENT, REJECTED),
            List.of(SENT, UNKNOWN),
            List.of(INTENT, CANCELED),
            List.of(UNKNOWN, LIVE),
            List.of(UNKNOWN, FILLED),
            List.of(UNKNOWN, CANCELED),
            List.of(SENT, CANCELED),
            List.of(LIVE, PARTIALLY_FILLED),
            List.of(LIVE, FILLED),
            List.of(LIVE, CANCELED),
            List.of(PARTIALLY_FILLED, FILLED),
            List.of(PARTIALLY_FILLED, CANCELED),
            List.of(INTENT, LIVE),
            List.of(INTENT, FILLED));

    assertThat(used)
        .allSatisfy(
            move ->
                assertThat(move.get(0).canMoveTo(move.get(1)))
                    .as("%s → %s", move.get(0), move.get(1))
                    .isTrue());
  }

  @Test
  void givenATerminalState_whenAnyOtherStateIsWritten_thenItIsRefusedButTheSameStateIsANoOp() {
    for (OrderStatus terminal : EnumSet.of(FILLED, CANCELED, REJECTED)) {
      assertThat(terminal.isTerminal()).isTrue();
      assertThat(terminal.isUnresolved()).isFalse();
      assertThat(Arrays.stream(OrderStatus.values()).filter(terminal::canMoveTo))
          .containsExactly(terminal);
    }
  }

  @Test
  void givenTheGraph_whenWalkedFromAnyState_thenNoStateIsReachedTwice() {
    for (OrderStatus start : OrderStatus.values()) {
      assertThat(reachableFrom(start)).as("reachable from %s", start).doesNotContain(start);
    }
  }

  @Test
  void givenStaleOrRepeatedSends_whenChecked_thenOnlyTheStepsBackAreRefused() {
    assertThat(PARTIALLY_FILLED.canMoveTo(LIVE)).as("filled contracts do not un-fill").isFalse();
    assertThat(UNKNOWN.canMoveTo(SENT)).isFalse();
    assertThat(LIVE.canMoveTo(UNKNOWN)).isFalse();
    assertThat(UNKNOWN.canMoveTo(REJECTED))
        .as("a rejected order is never found; a lost one is closed as canceled")
        .isFalse();
    assertThat(INTENT.canMoveTo(INTENT)).isTrue();
    assertThat(INTENT.predecessors()).isEmpty();
    assertThat(SENT.predecessors()).containsExactly(INTENT);
    assertThat(FILLED.writableFrom())
        .containsExactlyInAnyOrder(INTENT, SENT, UNKNOWN, LIVE, PARTIALLY_FILLED, FILLED);
  }

  /** Every state an order in {@code from} can end up in by one or more moves. */
  static Set<OrderStatus> reachableFrom(OrderStatus from) {
    Set<OrderStatus> seen = EnumSet.noneOf(OrderStatus.class);
    List<OrderStatus> todo = new ArrayList<>(List.of(from));
    while (!todo.isEmpty()) {
      OrderStatus at = todo.removeLast();
      for (OrderStatus next : OrderStatus.values()) {
        if (next != at && at.canMoveTo(next) && seen.add(next)) {
          todo.add(next);
        }
      }
    }
    return seen;
  }
}
