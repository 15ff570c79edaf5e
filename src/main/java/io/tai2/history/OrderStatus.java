package io.tai2.history;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order stands, and the only moves it can make. {@code UNKNOWN} = sent, outcome not known (timeout/5xx):
 * resolve by client order id.
 *
 * <p>The graph, as execution writes it (the exchange's answer is the truth, so a lookup may skip steps):
 *
 * <pre>
 *   INTENT ─→ SENT ─→ UNKNOWN ─→ LIVE ─→ PARTIALLY_FILLED ─→ FILLED | CANCELED
 *     │         └──→ REJECTED     (SENT, UNKNOWN and INTENT may also go straight to LIVE, PARTIALLY_FILLED, FILLED, CANCELED)
 *     └──→ CANCELED ("not_sent": a seed or leverage failure, or an intent found unsent by a resume or the reconciler)
 * </pre>
 *
 * <ul>
 *   <li>SENT only follows INTENT: it is written before the request leaves, so nothing after it can be "sent" again. An
 *       intent with nothing to do before its send (no seed to move, no leverage to set) is inserted as SENT: INTENT and
 *       SENT in one commit, so INTENT still means "never sent".
 *   <li>UNKNOWN only follows SENT: it is the send path's own verdict when no answer came.
 *   <li>REJECTED only follows SENT: OKX answered the send with a definite no. An order OKX rejected is never found by a
 *       lookup, so an UNKNOWN one is closed as CANCELED ("not_found"), not REJECTED.
 *   <li>INTENT may go straight to what a lookup finds (a resume or the reconciler looks once before closing it).
 *   <li>PARTIALLY_FILLED never goes back to LIVE: filled contracts do not un-fill, so a LIVE read after it is stale.
 *   <li>FILLED, CANCELED and REJECTED are terminal: nothing moves them (an order partly filled and then canceled
 *       is written as CANCELED with its fill).
 * </ul>
 *
 * The same state again is a no-op for the status (its other columns are still written), not an error: a fill is written as its status and then its numbers, and
 * a resumed fill writes both again. {@code OrderRepository} puts the same rule in each UPDATE's WHERE clause, so a write
 * that arrives late (a stale lookup, a second resolver) is refused by the database instead of moving an order backwards.
 */
public enum OrderStatus {
  INTENT,
  SENT,
  UNKNOWN,
  LIVE,
  PARTIALLY_FILLED,
  FILLED,
  CANCELED,
  REJECTED;

  /** Whether the exchange may still act on this order, so start-up reconciliation must look at it. */
  public boolean isUnresolved() {
    return this == INTENT
        || this == SENT
        || this == UNKNOWN
        || this == LIVE
        || this == PARTIALLY_FILLED;
  }

  /** Whether nothing may move this order any more. */
  public boolean isTerminal() {
    return this == FILLED || this == CANCELED || this == REJECTED;
  }

  /** The states an order may move to this one from (not this one itself); empty for INTENT, which is only inserted. */
  public Set<OrderStatus> predecessors() {
    return Collections.unmodifiableSet(edgesInto());
  }

  private EnumSet<OrderStatus> edgesInto() {
    return switch (this) {
      case INTENT -> EnumSet.noneOf(OrderStatus.class);
      case SENT -> EnumSet.of(INTENT);
      case UNKNOWN, REJECTED -> EnumSet.of(SENT);
      case LIVE -> EnumSet.of(INTENT, SENT, UNKNOWN);
      case PARTIALLY_FILLED -> EnumSet.of(INTENT, SENT, UNKNOWN, LIVE);
      case FILLED, CANCELED -> EnumSet.of(INTENT, SENT, UNKNOWN, LIVE, PARTIALLY_FILLED);
    };
  }

  /** Whether a write of {@code next} may be applied to an order in this state: a move along the graph, or the same state again. */
  public boolean canMoveTo(OrderStatus next) {
    return next == this || next.predecessors().contains(this);
  }

  /** The states a write of this status may be applied to (its predecessors and itself): the UPDATE's {@code status IN (…)}. */
  public Set<OrderStatus> writableFrom() {
    EnumSet<OrderStatus> from = edgesInto();
    from.add(this);
    return Collections.unmodifiableSet(from);
  }
}
