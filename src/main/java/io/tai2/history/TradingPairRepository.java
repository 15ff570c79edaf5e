package io.tai2.history;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The tracked symbols in the operator's order (the first is the primary); never re-sorted alphabetically. */
@Repository
public class TradingPairRepository {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  public TradingPairRepository(JdbcClient jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /** Makes exactly {@code symbols} enabled, in this order, and disables every other stored pair, atomically. */
  public void replaceEnabled(List<String> symbols, Instant now) {
    tx.executeWithoutResult(
        status -> {
          jdbc.sql("UPDATE trading_pairs SET enabled = FALSE, updated_at = ?")
              .param(Rows.time(now))
              .update();
          for (int i = 0; i < symbols.size(); i++) {
            int updated =
                jdbc.sql(
                        "UPDATE trading_pairs SET enabled = TRUE, sort_order = ?, updated_at = ? WHERE symbol = ?")
                    .params(i, Rows.time(now), symbols.get(i))
                    .update();
            if (updated == 0) {
              jdbc.sql(
                      "INSERT INTO trading_pairs (symbol, sort_order, enabled, created_at, updated_at)"
                          + " VALUES (?, ?, TRUE, ?, ?)")
                  .params(symbols.get(i), i, Rows.time(now), Rows.time(now))
                  .update();
            }
          }
        });
  }

  /** The enabled symbols in the operator's order. */
  public List<String> enabled() {
    return jdbc.sql("SELECT symbol FROM trading_pairs WHERE enabled ORDER BY sort_order, symbol")
        .query(String.class)
        .list();
  }
}
