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
 * The decision log joined to what became of each decision, read oldest first one page at a time, so an export of any
 * size never holds more than a page in memory: a live decision's orders and the trades of those orders; a paper or
 * shadow decision's round trips in its paper account (the one it entered, owned by it as in
 * {@link DecisionAttributionRepository}, and the one it closed).
 */
@Repository
public class DecisionExportRepository {

  private final JdbcClient jdbc;

  public DecisionExportRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Decisions made in {@code [from, to)} matching every filter given; live and paper decisions always, shadow decisions
   * only with {@code includeShadow} (they were never acted on, so a dataset of what tai2 did leaves them out by default).
   */
  public record Selection(
      Instant from,
      Instant to,
      Optional<String> symbol,
      Optional<String> model,
      Optional<UUID> version,
      boolean includeShadow) {
    public Selection {
      if (from.isAfter(to)) {
        throw new IllegalArgumentException("from must not be after to");
      }
    }

    /** Live and paper decisions only. */
    public Selection(
        Instant from,
        Instant to,
        Optional<String> symbol,
        Optional<String> model,
        Optional<UUID> version) {
      this(from, to, symbol, model, version, false);
    }
  }

  /** Where the previous page ended: the next page starts after this decision in (created_at, id) order. */
  public record Position(Instant createdAt, UUID id) {}

  /**
   * One decision with its orders (oldest first), the trades recorded for them (oldest first) and, for a paper or shadow
   * decision, the paper round trips it entered or closed (oldest entry first).
   */
  public record Traced(
      DecisionRecord decision,
      List<OrderRecord> orders,
      List<ExecutedTrade> trades,
      List<PaperTrade> paperTrades) {

    /** A decision with no paper round trip (a live one). */
    public Traced(DecisionRecord decision, List<OrderRecord> orders, List<ExecutedTrade> trades) {
      this(decision, orders, trades, List.of());
    }

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
    Where where =
        new Where()
            .and("created_at >= ?", Optional.of(Rows.time(s.from())))
            .and("created_at < ?", Optional.of(Rows.time(s.to())))
            .and("symbol = ?", s.symbol())
            .and("model_id = ?", s.model())
            .and("prompt_version_id = ?", s.version())
            .and(
                "source <> ?",
                s.includeShadow() ? Optional.empty() : Optional.of(DecisionRecord.SHADOW));
    String sql = "SELECT * FROM decisions" + where.sql();
    List<Object> params = where.params();
    if (after.isPresent()) {
      sql += " AND (created_at > ? OR (created_at = ? AND id > ?))";
      params.addAll(
          List.of(
              Rows.time(after.get().createdAt()),
              Rows.time(after.get().createdAt()),
              after.get().id()));
    }
    params.add(size);
    List<DecisionRecord> decisions =
        jdbc.sql(sql + " ORDER BY created_at, id LIMIT ?")
            .params(params)
            .query(DecisionRepository::map)
            .list();
    if (decisions.isEmpty()) {
      return List.of();
    }
    List<UUID> ids = decisions.stream().map(DecisionRecord::id).toList();
    Map<UUID, List<OrderRecord>> orders = new LinkedHashMap<>();
    jdbc.sql("SELECT * FROM orders WHERE decision_id IN (:ids) ORDER BY created_at, id")
        .param("ids", ids)
        .query(OrderRepository::map)
        .list()
        .forEach(
            o ->
                orders
                    .computeIfAbsent(o.decisionId().orElseThrow(), k -> new ArrayList<>())
                    .add(o));
    Map<UUID, List<ExecutedTrade>> trades = new LinkedHashMap<>();
    jdbc.sql(
            """
            SELECT t.*, o.decision_id AS linked_decision_id FROM executed_trades t
            JOIN orders o ON o.client_order_id = t.client_order_id
            WHERE o.decision_id IN (:ids) ORDER BY t.executed_at, t.id
            """)
        .param("ids", ids)
        .query(
            (rs, row) ->
                Map.entry(Rows.uuid(rs, "linked_decision_id"), TradeRepository.map(rs, row)))
        .list()
        .forEach(e -> trades.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    Map<UUID, List<PaperTrade>> paper = paperTrades(decisions);
    return decisions.stream()
        .map(
            d ->
                new Traced(
                    d,
                    List.copyOf(orders.getOrDefault(d.id(), List.of())),
                    List.copyOf(trades.getOrDefault(d.id(), List.of())),
                    List.copyOf(paper.getOrDefault(d.id(), List.of()))))
        .toList();
  }

  /**
   * The paper round trips of the page's paper and shadow decisions, by decision: each under the decision that entered it
   * and, once closed by a CLOSE decision, under that one too. Live decisions never have one (their round trips are
   * replayed from OKX's fills), as in the attribution.
   */
  private Map<UUID, List<PaperTrade>> paperTrades(List<DecisionRecord> decisions) {
    List<UUID> ids =
        decisions.stream()
            .filter(d -> !d.source().equals(DecisionRecord.LIVE))
            .map(DecisionRecord::id)
            .toList();
    Map<UUID, List<PaperTrade>> byDecision = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return byDecision;
    }
    jdbc.sql(
            "SELECT * FROM paper_trades WHERE entry_decision IN (:ids) OR exit_decision IN (:ids) ORDER BY entry_time, id")
        .param("ids", ids)
        .query(PaperRepository::map)
        .list()
        .forEach(
            t -> {
              byDecision.computeIfAbsent(t.entryDecision(), k -> new ArrayList<>()).add(t);
              t.exitDecision()
                  .filter(exit -> !exit.equals(t.entryDecision()))
                  .ifPresent(
                      exit -> byDecision.computeIfAbsent(exit, k -> new ArrayList<>()).add(t));
            });
    return byDecision;
  }
}
