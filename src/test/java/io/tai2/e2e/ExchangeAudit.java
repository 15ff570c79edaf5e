package io.tai2.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tai2.okx.AlgoOrder;
import io.tai2.okx.OkxTrading;
import io.tai2.okx.OrderDetails;
import io.tai2.okx.PositionInfo;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Compares what the simulator saw and holds with what tai2 recorded: every order request in the journal (by client
 * order id) is sent once and recorded by tai2; every order the exchange knows is recorded with the same fill and
 * exactly one trade; nothing tai2 counts as filled is missing on the exchange; nothing is left unresolved; every open
 * position has a stop-loss on the exchange.
 */
final class ExchangeAudit {

  /** What the audit counted, for the test's report. */
  record Counts(
      int orderRequests,
      int onExchange,
      int filled,
      int rejectedOrCanceled,
      int pendingUnknown,
      int trades,
      int openPositions) {}

  private ExchangeAudit() {}

  static boolean isOrderRequest(JsonNode entry) {
    String target = entry.path("target").asString("");
    return entry.path("method").asString().equals("POST")
        && (target.equals("/api/v5/trade/order") || target.equals("/api/v5/trade/close-position"));
  }

  /** Client order ids of the order requests in the journal, in order (one per request). */
  static List<String> requestedIds(List<JsonNode> journal) {
    return journal.stream()
        .filter(ExchangeAudit::isOrderRequest)
        .map(e -> Stack.JSON.readTree(e.path("body").asString()).path("clOrdId").asString(""))
        .toList();
  }

  /** As {@link #verify(Stack, Duration)} with nothing unresolved allowed. */
  static Counts verify(Stack stack) {
    return verify(stack, Duration.ZERO);
  }

  /**
   * @param unknownGrace an order whose request got no usable answer stays UNKNOWN until OKX has not known it for the
   *     executor's not-found grace (2 min) and the reconciler has run; an UNKNOWN order younger than this is accepted
   *     when the exchange does not have it either (it is counted as {@code pendingUnknown})
   */
  static Counts verify(Stack stack, Duration unknownGrace) {
    List<JsonNode> journal = stack.journal();
    List<JsonNode> requests = journal.stream().filter(ExchangeAudit::isOrderRequest).toList();
    List<String> ids = requestedIds(journal);
    Map<String, Long> perId =
        ids.stream()
            .collect(
                Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    assertThat(ids).as("every order request carries a client order id").doesNotContain("");
    assertThat(perId)
        .as("no client order id is sent twice")
        .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));

    Map<String, Map<String, Object>> recorded = new LinkedHashMap<>();
    stack
        .query(
            "select client_order_id, symbol, side, status, size_contracts, fill_size, reduce_only, error_code, error_message, "
                + "decision_id, updated_at from orders")
        .forEach(r -> recorded.put((String) r.get("client_order_id"), r));
    assertThat(recorded.keySet())
        .as("every order the exchange was sent was recorded by tai2 first")
        .containsAll(ids);
    Instant youngest = Instant.now().minus(unknownGrace);
    List<String> pendingUnknown = new ArrayList<>();
    assertThat(recorded.values())
        .as("nothing left unresolved")
        .allSatisfy(
            r -> {
              Object at = r.get("updated_at");
              Instant updated =
                  at instanceof Timestamp t ? t.toInstant() : ((OffsetDateTime) at).toInstant();
              boolean young = updated.isAfter(youngest);
              if (r.get("status").equals("UNKNOWN") && young) {
                pendingUnknown.add((String) r.get("client_order_id"));
              } else {
                assertThat(r.get("status"))
                    .as("order %s", r)
                    .isNotIn("INTENT", "SENT", "UNKNOWN", "LIVE", "PARTIALLY_FILLED");
              }
            });
    assertThat(recorded.values())
        .as("every rejected order says why")
        .filteredOn(r -> r.get("status").equals("REJECTED"))
        .allSatisfy(
            r -> {
              assertThat(r.get("error_code")).as("%s", r).isNotNull();
              assertThat(r.get("error_message")).as("%s", r).isNotNull();
            });

    OkxTrading okx = stack.okx();
    Map<String, String> symbolOf = new HashMap<>();
    requests.forEach(
        e -> {
          JsonNode body = Stack.JSON.readTree(e.path("body").asString());
          symbolOf.put(body.path("clOrdId").asString(), body.path("instId").asString());
        });
    int onExchange = 0;
    int filled = 0;
    int notPlaced = 0;
    for (JsonNode e : requests) {
      if (!e.path("target").asString().equals("/api/v5/trade/order")) {
        continue; // close-position orders are checked through the position they leave
      }
      String id = Stack.JSON.readTree(e.path("body").asString()).path("clOrdId").asString();
      Map<String, Object> mine = recorded.get(id);
      Optional<OrderDetails> theirs = okx.order(symbolOf.get(id), id);
      if (theirs.isPresent()) {
        onExchange++;
        OrderDetails o = theirs.get();
        if (o.accFillSz().signum() > 0) {
          filled++;
          assertThat(mine.get("status"))
              .as("order %s is filled on the exchange", id)
              .isEqualTo("FILLED");
          assertThat((BigDecimal) mine.get("fill_size"))
              .as("fill of %s", id)
              .isEqualByComparingTo(o.accFillSz());
        } else {
          assertThat(mine.get("status"))
              .as("order %s is %s on the exchange", id, o.state())
              .isIn("CANCELED", "REJECTED");
        }
      } else if (!pendingUnknown.contains(id)) {
        notPlaced++;
        assertThat(mine.get("status"))
            .as("order %s never reached the book", id)
            .isIn("CANCELED", "REJECTED");
      }
    }
    List<String> filledIds =
        recorded.entrySet().stream()
            .filter(r -> r.getValue().get("status").equals("FILLED"))
            .map(Map.Entry::getKey)
            .toList();
    assertThat(symbolOf.keySet())
        .as("every order tai2 counts as filled was sent to the exchange")
        .containsAll(filledIds);
    List<Map<String, Object>> trades =
        stack.query(
            "select client_order_id from executed_trades where client_order_id is not null");
    Set<String> tradeIds =
        trades.stream().map(t -> (String) t.get("client_order_id")).collect(Collectors.toSet());
    assertThat(trades).as("one trade per order").hasSameSizeAs(tradeIds);
    assertThat(tradeIds).as("every filled order has its trade").containsAll(filledIds);

    List<PositionInfo> open =
        okx.positions(Optional.empty()).stream().filter(p -> p.pos().signum() != 0).toList();
    List<AlgoOrder> algos = okx.pendingAlgos();
    assertThat(open)
        .as("every open position has its stop-loss on the exchange; algos %s", algos)
        .allSatisfy(
            p -> {
              int direction =
                  p.posSide().equals("long")
                      ? 1
                      : p.posSide().equals("short") ? -1 : p.pos().signum();
              String closing = direction > 0 ? "sell" : "buy";
              assertThat(algos)
                  .as("%s %s %s", p.instId(), p.posSide(), p.pos())
                  .anySatisfy(
                      a -> {
                        assertThat(a.instId()).isEqualTo(p.instId());
                        assertThat(a.side()).isEqualTo(closing);
                        assertThat(a.stopLossTrigger()).isPresent();
                      });
            });
    return new Counts(
        ids.size(),
        onExchange,
        filled,
        notPlaced + (onExchange - filled),
        pendingUnknown.size(),
        tradeIds.size(),
        open.size());
  }

  /** Counts of journal order requests by the status the simulator answered (0 = dropped). */
  static Map<Integer, Long> statuses(List<JsonNode> journal) {
    return journal.stream()
        .filter(ExchangeAudit::isOrderRequest)
        .collect(
            Collectors.groupingBy(
                e -> e.path("status").asInt(), TreeMap::new, Collectors.counting()));
  }

  static List<String> ids(List<JsonNode> journal) {
    return new ArrayList<>(requestedIds(journal));
  }
}
