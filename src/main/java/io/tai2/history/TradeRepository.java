package io.tai2.history;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Executed trades (fills). */
@Repository
public class TradeRepository {

  private final JdbcClient jdbc;

  public TradeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(ExecutedTrade t) {
    jdbc.sql(
            """
            INSERT INTO executed_trades (id, executed_at, symbol, instrument, side, size, price, amount,
                                         client_order_id, llm_reasoning, pnl, fee)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            t.id(),
            Rows.time(t.timestamp()),
            t.symbol(),
            t.instrument(),
            t.side(),
            t.size(),
            t.price(),
            t.amount(),
            t.clientOrderId().orElse(null),
            t.llmReasoning().orElse(null),
            t.pnl().orElse(null),
            t.fee().orElse(null))
        .update();
  }

  /**
   * Inserts the trade of one order unless a trade with its client order id is already recorded (a retry or a restart
   * seeing the same fill); returns whether this call inserted it.
   */
  public boolean insertOnce(ExecutedTrade t) {
    String clientOrderId =
        t.clientOrderId()
            .orElseThrow(() -> new IllegalArgumentException("insertOnce needs a client order id"));
    if (findByClientOrderId(clientOrderId).isPresent()) {
      return false;
    }
    try {
      insert(t);
      return true;
    } catch (DuplicateKeyException e) {
      return false; // recorded concurrently; the unique index kept it to one row
    }
  }

  /**
   * Records a fill tai2 sent no order for (an exchange-triggered stop-loss or take-profit, a liquidation, a close made
   * elsewhere), read from OKX's fill list: no client order id of tai2's, so the row itself says whether it reduced a
   * position. Idempotent by OKX's {@code billId}; returns whether this call inserted it.
   */
  public boolean insertExchangeFillOnce(ExecutedTrade t, String billId, boolean reduceOnly) {
    if (billId.isBlank()) {
      throw new IllegalArgumentException("an exchange fill needs its OKX bill id");
    }
    if (hasExchangeFill(billId)) {
      return false;
    }
    try {
      jdbc.sql(
              """
              INSERT INTO executed_trades (id, executed_at, symbol, instrument, side, size, price, amount,
                                           client_order_id, llm_reasoning, pnl, fee, exchange_bill_id, reduce_only)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)
              """)
          .params(
              t.id(),
              Rows.time(t.timestamp()),
              t.symbol(),
              t.instrument(),
              t.side(),
              t.size(),
              t.price(),
              t.amount(),
              t.llmReasoning().orElse(null),
              t.pnl().orElse(null),
              t.fee().orElse(null),
              billId,
              reduceOnly)
          .update();
      return true;
    } catch (DuplicateKeyException e) {
      return false; // recorded concurrently; the unique index kept it to one row
    }
  }

  /** Whether the fill with this OKX bill id is already recorded from the exchange's fill list. */
  public boolean hasExchangeFill(String billId) {
    return jdbc.sql("SELECT COUNT(*) FROM executed_trades WHERE exchange_bill_id = ?")
            .param(billId)
            .query(Long.class)
            .single()
        > 0;
  }

  /** The trade recorded for an order. */
  public Optional<ExecutedTrade> findByClientOrderId(String clientOrderId) {
    return jdbc.sql("SELECT * FROM executed_trades WHERE client_order_id = ?")
        .param(clientOrderId)
        .query(TradeRepository::map)
        .optional();
  }

  /** The newest {@code limit} trades, newest first. */
  public List<ExecutedTrade> recent(int limit) {
    return jdbc.sql("SELECT * FROM executed_trades ORDER BY executed_at DESC, id LIMIT ?")
        .param(limit)
        .query(TradeRepository::map)
        .list();
  }

  /** The trades a query matches, one page of them in its order, with the count, realised PnL and fees of all matches. */
  public TradeQuery.Page page(TradeQuery q) {
    Where where =
        new Where()
            .and("symbol = ?", q.symbol())
            .and("side = ?", q.side())
            .and("executed_at >= ?", q.from().map(Rows::time))
            .and("executed_at < ?", q.to().map(Rows::time));
    Map<String, Object> totals =
        jdbc.sql(
                "SELECT COUNT(*) AS n, COALESCE(SUM(pnl), 0) AS pnl, COALESCE(SUM(fee), 0) AS fee FROM executed_trades"
                    + where.sql())
            .params(where.params())
            .query()
            .singleRow();
    List<ExecutedTrade> rows =
        jdbc.sql(
                "SELECT * FROM executed_trades"
                    + where.sql()
                    + " ORDER BY "
                    + q.orderBy()
                    + " LIMIT ? OFFSET ?")
            .params(where.params(q.size(), (long) (q.page() - 1) * q.size()))
            .query(TradeRepository::map)
            .list();
    return new TradeQuery.Page(
        rows,
        ((Number) value(totals, "n")).longValue(),
        decimal(value(totals, "pnl")),
        decimal(value(totals, "fee")));
  }

  /** Column labels come back upper-case from H2 and lower-case from PostgreSQL. */
  private static Object value(Map<String, Object> row, String label) {
    return row.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(label))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private static BigDecimal decimal(Object v) {
    return v == null ? BigDecimal.ZERO : new BigDecimal(v.toString());
  }

  /** Total fees paid since {@code since}, as a positive amount (OKX reports fees as negative numbers). */
  public BigDecimal feesSince(Instant since) {
    BigDecimal sum =
        jdbc.sql("SELECT SUM(fee) FROM executed_trades WHERE executed_at >= ?")
            .param(Rows.time(since))
            .query(BigDecimal.class)
            .optional()
            .orElse(null);
    return sum == null ? BigDecimal.ZERO : sum.abs();
  }

  static ExecutedTrade map(ResultSet rs, int row) throws SQLException {
    return new ExecutedTrade(
        Rows.uuid(rs, "id"),
        Rows.instant(rs, "executed_at"),
        rs.getString("symbol"),
        rs.getString("instrument"),
        rs.getString("side"),
        Rows.number(rs, "size"),
        Rows.number(rs, "price"),
        Rows.number(rs, "amount"),
        Rows.text(rs, "client_order_id"),
        Rows.text(rs, "llm_reasoning"),
        Rows.decimal(rs, "pnl"),
        Rows.decimal(rs, "fee"));
  }
}
