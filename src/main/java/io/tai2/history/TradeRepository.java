package io.tai2.history;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
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
            t.id(), Rows.time(t.timestamp()), t.symbol(), t.instrument(), t.side(), t.size(), t.price(), t.amount(),
            t.clientOrderId().orElse(null), t.llmReasoning().orElse(null), t.pnl().orElse(null), t.fee().orElse(null))
        .update();
  }

  /**
   * Inserts the trade of one order unless a trade with its client order id is already recorded (a retry or a restart
   * seeing the same fill); returns whether this call inserted it.
   */
  public boolean insertOnce(ExecutedTrade t) {
    String clientOrderId = t.clientOrderId().orElseThrow(() -> new IllegalArgumentException("insertOnce needs a client order id"));
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

  private static ExecutedTrade map(ResultSet rs, int row) throws SQLException {
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
