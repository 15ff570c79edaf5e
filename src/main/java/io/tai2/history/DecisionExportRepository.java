package io.tai2.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The decision log joined to what became of each decision (its orders, and the trades of those orders), read oldest
 * first one page at a time, so an export of any size never holds more than a page in memory.
 */
@Repository
public class DecisionExportRepository {

  private final JdbcClient jdbc;

  public DecisionExportRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Decisions made in {@code [from, to)} matching every filter given. */
  public record Selection(Instant from, Instant to, Optional<String> symbol, Optional<String> model, Optional<UUID> version) {
    public Selection {
      if (from.isAfter(to)) {
        throw new IllegalArgumentException("from must not be after to");
      }
    }
  }

  /** Where the previous page ended: the next page starts after this decision in (created_at, id) order. */
  public record Position(Instant createdAt, UUID id) {}

  /** One decision with its orders (oldest first) and the trades recorded for them (oldest first). */
  public record Traced(DecisionRecord decision, List<OrderRecord> orders, List<ExecutedTrade> trades) {

    /** The page position just after this decision. */
    public Position position() {
      return new Position(decision.createdAt(), decision.id());
    }
  }

  /**
   * Up to {@code size} decisions of the selection after {@code after} (from the start when empty), oldest first; the
   * keyset (created_at, id) keeps pages exact while new decisions are logged.
   */
  public List<Traced> page(Selection s, Optional<Position> after, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1, was " + size);
    }
    Where where = new Where().and("created_at >= ?", Optional.of(Rows.time(s.from()))).and("created_at < ?", Optional.of(Rows.time(s.to())))
        .and("symbol = ?", s.symbol()).and("model_id = ?", s.model()).and("prompt_version_id = ?", s.version());
    String sql = "SELECT * FROM decisions" + where.sql();
    List<Object> params = where.params();
    if (after.isPresent()) {
      sql += " AND (created_at > ? OR (created_at = ? AND id > ?))";
      params.addAll(List.of(Rows.time(after.get().createdAt()), Rows.time(after.get().createdAt()), after.get().id()));
    }
    params.add(size);
    List<DecisionRecord> decisions = jdbc.sql(sql + " ORDER BY created_at, id LIMIT ?").params(params).query(DecisionRepository::map).list();
    if (decisions.isEmpty()) {
      return List.of();
    }
    List<UUID> ids = decisions.stream().map(DecisionRecord::id).toList();
    Map<UUID, List<OrderRecord>> orders = new LinkedHashMap<>();
    jdbc.sql("SELECT * FROM orders WHERE decision_id IN (:ids) ORDER BY created_at, id").param("ids", ids).query(OrderRepository::map).list()
        .forEach(o -> orders.computeIfAbsent(o.decisionId().orElseThrow(), k -> new ArrayList<>()).add(o));
    Map<UUID, List<ExecutedTrade>> trades = new LinkedHashMap<>();
    jdbc.sql(
            """
            SELECT t.*, o.decision_id AS linked_decision_id FROM executed_trades t
            JOIN orders o ON o.client_order_id = t.client_order_id
            WHERE o.decision_id IN (:ids) ORDER BY t.executed_at, t.id
            """)
        .param("ids", ids)
        .query((rs, row) -> Map.entry(Rows.uuid(rs, "linked_decision_id"), TradeRepository.map(rs, row)))
        .list()
        .forEach(e -> trades.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return decisions.stream()
        .map(d -> new Traced(d, List.copyOf(orders.getOrDefault(d.id(), List.of())), List.copyOf(trades.getOrDefault(d.id(), List.of()))))
        .toList();
  }
}
