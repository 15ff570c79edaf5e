package io.tai2.history;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Fills that drive cooldown / min-hold and trades-per-hour; persisted so a restart does not reset them. */
@Repository
public class TradeActivityRepository {

  private final JdbcClient jdbc;

  public TradeActivityRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void recordFill(String symbol, String clientOrderId, Instant filledAt) {
    jdbc.sql(
            "INSERT INTO trade_activity (id, symbol, filled_at, client_order_id) VALUES (?, ?, ?, ?)")
        .params(UUID.randomUUID(), symbol, Rows.time(filledAt), clientOrderId)
        .update();
  }

  /** Records an order's fill unless it is already recorded; returns whether this call recorded it. */
  public boolean recordFillOnce(String symbol, String clientOrderId, Instant filledAt) {
    boolean known =
        jdbc.sql("SELECT COUNT(*) FROM trade_activity WHERE client_order_id = ?")
                .param(clientOrderId)
                .query(Integer.class)
                .single()
            > 0;
    if (known) {
      return false;
    }
    try {
      recordFill(symbol, clientOrderId, filledAt);
      return true;
    } catch (DuplicateKeyException e) {
      return false; // recorded concurrently; the unique index kept it to one row
    }
  }

  /** When the symbol last filled, for cooldown and min-hold. */
  public Optional<Instant> lastFill(String symbol) {
    return jdbc.sql("SELECT MAX(filled_at) AS last_fill FROM trade_activity WHERE symbol = ?")
        .param(symbol)
        .query((rs, row) -> Rows.optionalInstant(rs, "last_fill"))
        .single();
  }

  /** Fills across all symbols at or after {@code since}, for the trades-per-hour limit. */
  public int fillsSince(Instant since) {
    return jdbc.sql("SELECT COUNT(*) FROM trade_activity WHERE filled_at >= ?")
        .param(Rows.time(since))
        .query(Integer.class)
        .single();
  }
}
