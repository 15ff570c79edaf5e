package io.tai2.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Risk locks; they survive restarts on PostgreSQL and on the embedded database alike. */
@Repository
public class RiskLockRepository {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  public RiskLockRepository(JdbcClient jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  public Optional<RiskLock> find(String key) {
    return jdbc.sql("SELECT * FROM risk_locks WHERE lock_key = ?")
        .param(key)
        .query(RiskLockRepository::map)
        .optional();
  }

  /** Every lock, by key. */
  public List<RiskLock> all() {
    return jdbc.sql("SELECT * FROM risk_locks ORDER BY lock_key")
        .query(RiskLockRepository::map)
        .list();
  }

  /** Inserts or replaces the lock. */
  public void save(RiskLock lock) {
    tx.executeWithoutResult(
        status -> {
          Object[] values = {
            lock.locked(),
            lock.referenceEquity().orElse(null),
            Rows.time(lock.referenceAt()),
            Rows.time(lock.triggeredAt()),
            lock.reason().orElse(null),
            Rows.time(lock.updatedAt()),
            lock.key()
          };
          int updated =
              jdbc.sql(
                      "UPDATE risk_locks SET locked = ?, reference_equity = ?, reference_at = ?, triggered_at = ?,"
                          + " reason = ?, updated_at = ? WHERE lock_key = ?")
                  .params(values)
                  .update();
          if (updated == 0) {
            jdbc.sql(
                    "INSERT INTO risk_locks (locked, reference_equity, reference_at, triggered_at, reason, updated_at,"
                        + " lock_key) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(values)
                .update();
          }
        });
  }

  private static RiskLock map(ResultSet rs, int row) throws SQLException {
    return new RiskLock(
        rs.getString("lock_key"),
        rs.getBoolean("locked"),
        Rows.decimal(rs, "reference_equity"),
        Rows.optionalInstant(rs, "reference_at"),
        Rows.optionalInstant(rs, "triggered_at"),
        Rows.text(rs, "reason"),
        Rows.instant(rs, "updated_at"));
  }
}
