package io.tai2.sim;

import static io.tai2.sim.SimWsFrames.withEventType;

import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the private channels push ({@code account}, {@code positions}, {@code orders}, {@code orders-algo}): the snapshot a
 * subscription starts with and the update for each account change, in the REST objects' shapes. Apart from
 * {@link SimWebSocket}, which decides which connections get them.
 */
final class SimAccountPushes {

  private final SimExchange exchange;
  private final SimTradingEndpoints trading;
  private final SimPositionEndpoints positions;

  SimAccountPushes(
      SimExchange exchange, SimTradingEndpoints trading, SimPositionEndpoints positions) {
    this.exchange = exchange;
    this.trading = trading;
    this.positions = positions;
  }

  /** The snapshot of a new {@code account} or {@code positions} subscription (positions of its instrument, or all). */
  String snapshot(SimWsSubscription sub, String apiKey) {
    if (sub.channel.equals("account")) {
      return SimWsFrames.snapshot(sub, trading.balance(apiKey));
    }
    return SimWsFrames.snapshot(
        sub,
        exchange.positions(apiKey, Optional.empty()).stream()
            .filter(p -> sub.instId.isEmpty() || p.instId().equals(sub.instId))
            .map(p -> positions.positionRow(apiKey, p))
            .toArray(ObjectNode[]::new));
  }

  /** The push one subscription gets for an account change, if the change is on its channel and instrument. */
  Optional<String> update(SimWsSubscription sub, SimExchange.Change change) {
    return switch (change) {
      case SimExchange.OrderChanged c
          when sub.channel.equals("orders") && matches(sub, c.order().instId()) ->
          Optional.of(SimWsFeed.data(sub, SimTradingEndpoints.orderPush(c.order())));
      case SimExchange.AlgoChanged c
          when sub.channel.equals("orders-algo") && matches(sub, c.algo().instId()) ->
          Optional.of(
              SimWsFeed.data(
                  sub,
                  SimAlgoEndpoints.algoPush(
                      c.algo(), exchange.triggeredLeg(c.apiKey(), c.algo().algoId()))));
      case SimExchange.PositionChanged c
          when sub.channel.equals("positions") && matches(sub, c.position().instId()) ->
          Optional.of(
              withEventType(
                  SimWsFeed.data(sub, positions.positionRow(c.apiKey(), c.position())),
                  "event_update"));
      case SimExchange.BalanceChanged c when sub.channel.equals("account") ->
          Optional.of(
              withEventType(SimWsFeed.data(sub, trading.balance(c.apiKey())), "event_update"));
      default -> Optional.empty();
    };
  }

  private static boolean matches(SimWsSubscription sub, String instId) {
    return sub.instId.isEmpty() || sub.instId.equals(instId);
  }
}
