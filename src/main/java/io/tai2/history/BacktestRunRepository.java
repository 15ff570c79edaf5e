package io.tai2.history;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Backtest jobs and their reports ({@code backtest_runs}). The report is JSON text and can be several MB, so only
 * {@link #report} reads it; lists read the summary columns.
 */
@Repository
public class BacktestRunRepository {

  private static final String COLUMNS =
      "id, created_at, status, progress, done_bars, total_bars, request, error, finished_at, decider, symbols,"
          + " every, net_pnl, return_pct, trades";

  private final JdbcClient jdbc;

  public BacktestRunRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a new job. */
  public void insert(BacktestRun run) {
    BacktestRun.Summary s = run.summary();
    jdbc.sql(
            "INSERT INTO backtest_runs ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            run.id(),
            Rows.time(run.createdAt()),
            run.status().word(),
            run.progress(),
            run.doneBars(),
            run.totalBars(),
            run.request(),
            run.error().orElse(null),
            Rows.time(run.finishedAt()),
            s.decider(),
            String.join(",", s.symbols()),
            s.every(),
            s.netPnl().orElse(null),
            s.returnPct().orElse(null),
            s.trades().orElse(null))
        .update();
  }

  /** A job that started or moved on; a finished job is left as it is (returns false). */
  public boolean progress(
      UUID id, BacktestRun.Status status, double progress, long doneBars, long totalBars) {
    return jdbc.sql(
                "UPDATE backtest_runs SET status = ?, progress = ?, done_bars = ?, total_bars = ? WHERE id = ? AND status IN ('queued', 'running')")
            .params(status.word(), progress, doneBars, totalBars, id)
            .update()
        == 1;
  }

  /** A run that finished with a report: done, its figures in the summary columns. */
  public boolean done(
      UUID id,
      Instant at,
      String report,
      BigDecimal netPnl,
      double returnPct,
      int trades,
      long doneBars,
      long totalBars) {
    return jdbc.sql(
                "UPDATE backtest_runs SET status = 'done', progress = 1, done_bars = ?, total_bars = ?, report = ?, finished_at = ?, net_pnl = ?,"
                    + " return_pct = ?, trades = ? WHERE id = ? AND status IN ('queued', 'running')")
            .params(doneBars, totalBars, report, Rows.time(at), netPnl, returnPct, trades, id)
            .update()
        == 1;
  }

  /** A run that ended without a report ({@code failed} or {@code cancelled}) and why; a finished job is left as it is. */
  public boolean ended(UUID id, BacktestRun.Status status, Instant at, String why) {
    if (!status.finished() || status == BacktestRun.Status.DONE) {
      throw new IllegalArgumentException(
          "a run ends failed or cancelled here, not " + status.word());
    }
    return jdbc.sql(
                "UPDATE backtest_runs SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status IN ('queued', 'running')")
            .params(status.word(), why, Rows.time(at), id)
            .update()
        == 1;
  }

  /** Marks every queued or running job failed with {@code why} (at start-up nothing runs them any more); returns how many. */
  public int failUnfinished(Instant at, String why) {
    return jdbc.sql(
            "UPDATE backtest_runs SET status = 'failed', error = ?, finished_at = ? WHERE status IN ('queued', 'running')")
        .params(why, Rows.time(at))
        .update();
  }

  public Optional<BacktestRun> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM backtest_runs WHERE id = ?")
        .param(id)
        .query(BacktestRunRepository::map)
        .optional();
  }

  /** The report of a done run, as stored. */
  public Optional<String> report(UUID id) {
    return jdbc.sql("SELECT report FROM backtest_runs WHERE id = ?")
        .param(id)
        .query((rs, row) -> Optional.ofNullable(rs.getString("report")))
        .optional()
        .flatMap(r -> r);
  }

  /** The newest {@code limit} runs, newest first. */
  public List<BacktestRun> recent(int limit) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM backtest_runs ORDER BY created_at DESC, id LIMIT ?")
        .param(limit)
        .query(BacktestRunRepository::map)
        .list();
  }

  private static BacktestRun map(ResultSet rs, int row) throws SQLException {
    String symbols = rs.getString("symbols");
    double returnPct = rs.getDouble("return_pct");
    Optional<Double> ret = rs.wasNull() ? Optional.empty() : Optional.of(returnPct);
    BacktestRun.Summary summary =
        new BacktestRun.Summary(
            rs.getString("decider"),
            symbols.isEmpty() ? List.of() : Arrays.asList(symbols.split(",")),
            rs.getString("every"),
            Rows.decimal(rs, "net_pnl"),
            ret,
            Rows.optionalInt(rs, "trades"));
    return new BacktestRun(
        Rows.uuid(rs, "id"),
        Rows.instant(rs, "created_at"),
        BacktestRun.Status.of(rs.getString("status")),
        rs.getDouble("progress"),
        rs.getLong("done_bars"),
        rs.getLong("total_bars"),
        rs.getString("request"),
        Rows.text(rs, "error"),
        Rows.optionalInstant(rs, "finished_at"),
        summary);
  }
}
