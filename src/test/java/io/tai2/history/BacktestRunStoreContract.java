package io.tai2.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Backtest jobs round-trip on the real SQL of each database; subclasses give the database. */
abstract class BacktestRunStoreContract {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  JdbcClient jdbc;
  BacktestRunRepository runs;

  abstract DataSource dataSource();

  @BeforeEach
  void clean() {
    jdbc = JdbcClient.create(dataSource());
    jdbc.sql("DELETE FROM backtest_runs").update();
    runs = new BacktestRunRepository(jdbc);
  }

  static BacktestRun queued(Instant at, String decider) {
    return BacktestRun.queued(
        UUID.randomUUID(),
        at,
        "{\"decider\":\"" + decider + "\"}",
        BacktestRun.Summary.of(decider, List.of("BTC-USDT-SWAP", "ETH-USDT-SWAP"), "5m"));
  }

  @Test
  void givenAQueuedRun_whenReadBack_thenEveryFieldSurvivesAndThereIsNoReportYet() {
    BacktestRun run = queued(T0, "fake:long");
    runs.insert(run);

    assertThat(runs.find(run.id())).contains(run);
    assertThat(runs.report(run.id())).isEmpty();
    assertThat(runs.find(UUID.randomUUID())).isEmpty();
    assertThat(runs.report(UUID.randomUUID())).isEmpty();
  }

  @Test
  void
      givenARunningRun_whenItIsDoneWithAReportOfSeveralMegabytes_thenTheReportAndTheSummaryFiguresAreStored() {
    BacktestRun run = queued(T0, "heuristic");
    runs.insert(run);
    assertThat(runs.progress(run.id(), BacktestRun.Status.RUNNING, 0.25, 250, 1000)).isTrue();
    assertThat(runs.find(run.id()).orElseThrow())
        .extracting(
            BacktestRun::status,
            BacktestRun::progress,
            BacktestRun::doneBars,
            BacktestRun::totalBars)
        .containsExactly(BacktestRun.Status.RUNNING, 0.25, 250L, 1000L);

    String report =
        "{\"trades\":[" + "{\"pnl\":\"1.5\"},".repeat(300_000) + "{\"pnl\":\"2\"}]}"; // ≈ 4.5 MB
    assertThat(
            runs.done(
                run.id(),
                T0.plusSeconds(30),
                report,
                new BigDecimal("-12.345"),
                -0.0012,
                7,
                1000,
                1000))
        .isTrue();

    BacktestRun done = runs.find(run.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(BacktestRun.Status.DONE);
    assertThat(done.progress()).isEqualTo(1.0);
    assertThat(done.finishedAt()).contains(T0.plusSeconds(30));
    assertThat(done.summary())
        .isEqualTo(
            new BacktestRun.Summary(
                "heuristic",
                List.of("BTC-USDT-SWAP", "ETH-USDT-SWAP"),
                "5m",
                Optional.of(new BigDecimal("-12.345")),
                Optional.of(-0.0012),
                Optional.of(7)));
    assertThat(runs.report(run.id())).contains(report);
  }

  @Test
  void givenAFinishedRun_whenProgressOrAnotherEndArrivesLate_thenNothingChanges() {
    BacktestRun run = queued(T0, "fake:short");
    runs.insert(run);
    assertThat(
            runs.ended(
                run.id(),
                BacktestRun.Status.CANCELLED,
                T0.plusSeconds(5),
                "cancelled by the operator"))
        .isTrue();

    assertThat(runs.progress(run.id(), BacktestRun.Status.RUNNING, 0.5, 5, 10)).isFalse();
    assertThat(runs.ended(run.id(), BacktestRun.Status.FAILED, T0.plusSeconds(6), "late"))
        .isFalse();
    assertThat(runs.done(run.id(), T0.plusSeconds(7), "{}", BigDecimal.ONE, 0.1, 1, 10, 10))
        .isFalse();

    BacktestRun stored = runs.find(run.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(BacktestRun.Status.CANCELLED);
    assertThat(stored.error()).contains("cancelled by the operator");
    assertThat(stored.finishedAt()).contains(T0.plusSeconds(5));
    assertThat(runs.report(run.id())).isEmpty();
    assertThatThrownBy(() -> runs.ended(run.id(), BacktestRun.Status.DONE, T0, "no"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void
      givenQueuedRunningAndFinishedRuns_whenTheAppRestarts_thenOnlyTheUnfinishedOnesAreMarkedFailed() {
    BacktestRun queued = queued(T0, "fake:long");
    BacktestRun running = queued(T0.plusSeconds(1), "fake:short");
    BacktestRun done = queued(T0.plusSeconds(2), "fake:alternate");
    List.of(queued, running, done).forEach(runs::insert);
    runs.progress(running.id(), BacktestRun.Status.RUNNING, 0.5, 1, 2);
    runs.done(done.id(), T0.plusSeconds(9), "{}", BigDecimal.TEN, 0.001, 2, 2, 2);

    assertThat(runs.failUnfinished(T0.plusSeconds(60), "interrupted by a restart")).isEqualTo(2);

    for (BacktestRun r : List.of(queued, running)) {
      BacktestRun after = runs.find(r.id()).orElseThrow();
      assertThat(after.status()).isEqualTo(BacktestRun.Status.FAILED);
      assertThat(after.error()).contains("interrupted by a restart");
      assertThat(after.finishedAt()).contains(T0.plusSeconds(60));
    }
    assertThat(runs.find(done.id()).orElseThrow().status()).isEqualTo(BacktestRun.Status.DONE);
  }

  @Test
  void givenSeveralRuns_whenListed_thenNewestFirstUpToTheLimit() {
    BacktestRun a = queued(T0, "fake:long");
    BacktestRun b = queued(T0.plusSeconds(60), "fake:short");
    BacktestRun c = queued(T0.plusSeconds(120), "heuristic");
    List.of(b, a, c).forEach(runs::insert);

    assertThat(runs.recent(10)).extracting(BacktestRun::id).containsExactly(c.id(), b.id(), a.id());
    assertThat(runs.recent(2)).extracting(BacktestRun::id).containsExactly(c.id(), b.id());
  }

  @Test
  void givenAnUnknownStatus_whenWrittenDirectly_thenTheDatabaseRefusesIt() {
    BacktestRun run = queued(T0, "fake:long");
    runs.insert(run);
    assertThatThrownBy(
            () ->
                jdbc.sql("UPDATE backtest_runs SET status = 'paused' WHERE id = ?")
                    .param(run.id())
                    .update())
        .isInstanceOf(DataAccessException.class);
  }
}
