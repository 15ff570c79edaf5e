package io.tai2.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Equity over time (a TimescaleDB hypertable where available). */
@Repository
public class EquityRepository {

  private final JdbcClient jdbc;

  public EquityRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(EquitySample s) {
    jdbc.sql(
            "INSERT INTO equity_history (observed_at, account_equity, total_account_value, total_eq_usd)"
                + " VALUES (?, ?, ?, ?)")
        .params(
            Rows.time(s.observedAt()),
            s.accountEquity().orElse(null),
            s.totalAccountValue().orElse(null),
            s.totalEqUsd().orElse(null))
        .update();
  }

  /** The newest {@code limit} samples, oldest first (ready to chart). */
  public List<EquitySample> history(int limit) {
    return jdbc.sql(
            """
            SELECT * FROM (SELECT * FROM equity_history ORDER BY observed_at DESC, id DESC LIMIT ?) newest
            ORDER BY observed_at, id
            """)
        .param(limit)
        .query(EquityRepository::map)
        .list();
  }

  /** Every sample at or after {@code since}, oldest first. */
  public List<EquitySample> since(Instant since) {
    return jdbc.sql("SELECT * FROM equity_history WHERE observed_at >= ? ORDER BY observed_at, id")
        .param(Rows.time(since))
        .query(EquityRepository::map)
        .list();
  }

  /** The newest sample at or before {@code at}, if any. */
  public Optional<EquitySample> latestAtOrBefore(Instant at) {
    return jdbc.sql(
            "SELECT * FROM equity_history WHERE observed_at <= ? ORDER BY observed_at DESC, id DESC LIMIT 1")
        .param(Rows.time(at))
        .query(EquityRepository::map)
        .optional();
  }

  /** The oldest sample at or after {@code at}, if any: the first equity known when nothing was recorded before. */
  public Optional<EquitySample> earliestAtOrAfter(Instant at) {
    return jdbc.sql(
            "SELECT * FROM equity_history WHERE observed_at >= ? ORDER BY observed_at, id LIMIT 1")
        .param(Rows.time(at))
        .query(EquityRepository::map)
        .optional();
  }

  /**
   * Thins samples older than {@code before} to the first of each hour (minute resolution stays for recent days); returns
   * how many rows were removed.
   */
  public int downsampleBefore(Instant before) {
    return jdbc.sql(
            """
            DELETE FROM equity_history e
            WHERE e.observed_at < ?
              AND EXISTS (SELECT 1 FROM equity_history o
                          WHERE DATE_TRUNC('hour', o.observed_at) = DATE_TRUNC('hour', e.observed_at)
                            AND (o.observed_at < e.observed_at OR (o.observed_at = e.observed_at AND o.id < e.id)))
            """)
        .param(Rows.time(before))
        .update();
  }

  private static EquitySample map(ResultSet rs, int row) throws SQLException {
    return new EquitySample(
        Rows.instant(rs, "observed_at"),
        Rows.decimal(rs, "account_equity"),
        Rows.decimal(rs, "total_account_value"),
        Rows.decimal(rs, "total_eq_usd"));
  }
}
