package io.tai2.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The prompt scheduler's last outcome per symbol; each save is announced as a {@link SchedulerOutcomeSaved}. */
@Repository
public class SchedulerOutcomeRepository {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;

  /** Without anyone listening (tests that build the repository themselves). */
  public SchedulerOutcomeRepository(JdbcClient jdbc, TransactionTemplate tx) {
    this(jdbc, tx, event -> {});
  }

  @Autowired
  public SchedulerOutcomeRepository(
      JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.events = events;
  }

  /** Replaces the symbol's outcome. */
  public void save(SchedulerOutcome o) {
    tx.executeWithoutResult(
        status -> {
          Object[] values = {
            Rows.time(o.ranAt()),
            o.outcome(),
            o.detail().orElse(null),
            o.decisionId().orElse(null),
            o.symbol()
          };
          int updated =
              jdbc.sql(
                      "UPDATE scheduler_outcomes SET ran_at = ?, outcome = ?, detail = ?, decision_id = ? WHERE symbol = ?")
                  .params(values)
                  .update();
          if (updated == 0) {
            jdbc.sql(
                    "INSERT INTO scheduler_outcomes (ran_at, outcome, detail, decision_id, symbol) VALUES (?, ?, ?, ?, ?)")
                .params(values)
                .update();
          }
        });
    events.publishEvent(new SchedulerOutcomeSaved(o.symbol()));
  }

  /** Every symbol's last outcome, by symbol. */
  public List<SchedulerOutcome> all() {
    return jdbc.sql("SELECT * FROM scheduler_outcomes ORDER BY symbol")
        .query(SchedulerOutcomeRepository::map)
        .list();
  }

  private static SchedulerOutcome map(ResultSet rs, int row) throws SQLException {
    return new SchedulerOutcome(
        rs.getString("symbol"),
        Rows.instant(rs, "ran_at"),
        rs.getString("outcome"),
        Rows.text(rs, "detail"),
        Rows.optionalUuid(rs, "decision_id"));
  }
}
