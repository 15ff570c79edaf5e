package io.tai2.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Execution feedback; entries without an expiry never expire. */
@Repository
public class ExecutionFeedbackRepository {

  private final JdbcClient jdbc;

  public ExecutionFeedbackRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(ExecutionFeedback f) {
    jdbc.sql(
            "INSERT INTO execution_feedback (id, created_at, symbol, kind, message, recommendation, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            f.id(),
            Rows.time(f.createdAt()),
            f.symbol(),
            f.kind(),
            f.message(),
            f.recommendationJson().orElse(null),
            Rows.time(f.expiresAt()))
        .update();
  }

  /** Entries not expired at {@code now}, newest first. */
  public List<ExecutionFeedback> active(Instant now) {
    return jdbc.sql(
            "SELECT * FROM execution_feedback WHERE expires_at IS NULL OR expires_at > ? ORDER BY created_at DESC, id")
        .param(Rows.time(now))
        .query(ExecutionFeedbackRepository::map)
        .list();
  }

  /** Deletes all entries, or one symbol's (case-insensitive); returns how many were removed. */
  public int clear(Optional<String> symbol) {
    return symbol
        .map(
            s ->
                jdbc.sql("DELETE FROM execution_feedback WHERE symbol = ?")
                    .param(s.toUpperCase(Locale.ROOT))
                    .update())
        .orElseGet(() -> jdbc.sql("DELETE FROM execution_feedback").update());
  }

  private static ExecutionFeedback map(ResultSet rs, int row) throws SQLException {
    return new ExecutionFeedback(
        Rows.uuid(rs, "id"),
        Rows.instant(rs, "created_at"),
        rs.getString("symbol"),
        rs.getString("kind"),
        rs.getString("message"),
        Rows.text(rs, "recommendation"),
        Rows.optionalInstant(rs, "expires_at"));
  }
}
