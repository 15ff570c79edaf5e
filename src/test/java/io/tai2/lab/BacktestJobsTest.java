package io.tai2.lab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.tai2.history.BacktestRun;
import io.tai2.history.BacktestRunRepository;
import io.tai2.history.SchemaDialect;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The job queue over a runner the test steps by hand, on an H2 database, with a clock the test moves. */
class BacktestJobsTest {

  static final JsonMapper JSON =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
  static final JsonNode DOCUMENT =
      JSON.readTree("{\"symbols\":[\"BTC-USDT-SWAP\"],\"every\":\"5m\",\"decider\":\"fake:long\"}");

  /** A runner that does what the test tells it, one command at a time, and says when it took each. */
  static final class SteppedRunner implements BacktestRunner {
    sealed interface Command {}

    record Update(long done, long total) implements Command {}

    record Finish() implements Command {}

    record Refuse(String why) implements Command {}

    final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    final BlockingQueue<String> started = new LinkedBlockingQueue<>();

    @Override
    public BacktestReport run(BacktestRequest request, BacktestProgress progress) {
      started.add(request.decider());
      while (true) {
        Command c;
        try {
          c = commands.poll(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          throw new BacktestCancelledException("interrupted");
        }
        switch (c) {
          case null -> throw new IllegalStateException("the test sent no command");
          case Update u -> {
            if (progress.cancelled()) {
              throw new BacktestCancelledException("cancelled");
            }
            progress.update(u.done(), u.total());
          }
          case Finish f -> {
            return FakeBacktestRunner.report(request);
          }
          case Refuse r -> throw new IllegalArgumentException(r.why());
        }
      }
    }
  }

  final AtomicLong millis = new AtomicLong(Instant.parse("2026-12-01T10:00:00Z").toEpochMilli());
  final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(millis.get());
        }
      };

  BacktestRunRepository runs;
  SteppedRunner runner;
  BacktestJobs jobs;

  @BeforeEach
  void setUp() {
    DriverManagerDataSource ds =
        new DriverManagerDataSource(
            "jdbc:h2:mem:jobs-"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "sa",
            "");
    Flyway.configure()
        .dataSource(ds)
        .locations(SchemaDialect.H2.flywayLocations().toArray(String[]::new))
        .placeholders(SchemaDialect.H2.flywayPlaceholders())
        .load()
        .migrate();
    runs = new BacktestRunRepository(JdbcClient.create(ds));
    runner = new SteppedRunner();
    jobs = new BacktestJobs(runs, () -> Optional.of(runner), JSON, clock);
  }

  @AfterEach
  void tearDown() {
    jobs.close();
  }

  static BacktestRequest request(String decider) {
    return BacktestRequest.of(List.of("BTC-USDT-SWAP"), "5m", decider);
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never happened: " + what);
      }
      Thread.sleep(5);
    }
  }

  BacktestRun stored(UUID id) {
    return runs.find(id).orElseThrow();
  }

  @Test
  void givenARequest_whenItRunsToTheEnd_thenItIsDoneWithTheReportUnderItsOwnIdAndTheSummaryFigures()
      throws Exception {
    BacktestRun queued = jobs.start(request("fake:long"), DOCUMENT);
    assertThat(queued.status()).isEqualTo(BacktestRun.Status.QUEUED);
    assertThat(JSON.readTree(queued.request())).isEqualTo(DOCUMENT);
    assertThat(runner.started.poll(10, TimeUnit.SECONDS)).isEqualTo("fake:long");

    runner.commands.add(new SteppedRunner.Update(500, 1000));
    runner.commands.add(new SteppedRunner.Finish());
    await("done", () -> jobs.find(queued.id()).orElseThrow().status() == BacktestRun.Status.DONE);

    BacktestRun done = stored(queued.id());
    assertThat(done.progress()).isEqualTo(1.0);
    assertThat(done.doneBars()).isEqualTo(1000);
    JsonNode report = JSON.readTree(jobs.report(queued.id()).orElseThrow());
    assertThat(report.path("id").asString()).isEqualTo(queued.id().toString());
    BacktestReport expected = FakeBacktestRunner.report(request("fake:long"));
    assertThat(report.path("metrics").path("net_pnl").decimalValue())
        .isEqualByComparingTo(expected.metrics().netPnl());
    assertThat(report.path("equity_curve").size()).isEqualTo(expected.equityCurve().size());
    assertThat(done.summary().netPnl())
        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(expected.metrics().netPnl()));
    assertThat(done.summary().trades()).contains(4);
    assertThat(done.summary().returnPct()).contains(expected.metrics().returnPct());
  }

  @Test
  void
      givenARunningJob_whenItReportsProgressManyTimesWithinASecond_thenMemoryIsCurrentAndTheDatabaseIsWrittenOncePerSecond()
          throws Exception {
    BacktestRun run = jobs.start(request("heuristic"), DOCUMENT);
    runner.started.poll(10, TimeUnit.SECONDS);
    await("running in the database", () -> stored(run.id()).status() == BacktestRun.Status.RUNNING);

    for (int i = 1; i <= 50; i++) {
      runner.commands.add(new SteppedRunner.Update(i, 100));
    }
    await("all updates taken", () -> jobs.find(run.id()).orElseThrow().doneBars() == 50);
    assertThat(jobs.find(run.id()).orElseThrow().progress()).isEqualTo(0.5);
    assertThat(stored(run.id()).doneBars())
        .as("no second has passed: nothing written since the start")
        .isZero();

    millis.addAndGet(1_000);
    runner.commands.add(new SteppedRunner.Update(60, 100));
    await("flushed", () -> stored(run.id()).doneBars() == 60);
    assertThat(stored(run.id()).progress()).isEqualTo(0.6);

    runner.commands.add(new SteppedRunner.Update(70, 100));
    await("taken", () -> jobs.find(run.id()).orElseThrow().doneBars() == 70);
    assertThat(stored(run.id()).doneBars()).isEqualTo(60);
    runner.commands.add(new SteppedRunner.Finish());
  }

  @Test
  void givenOneRunningAndFiveQueued_whenAnotherIsStarted_thenItIsRefusedAndTheQueuedOnesRunInOrder()
      throws Exception {
    jobs.start(request("fake:long"), DOCUMENT);
    runner.started.poll(10, TimeUnit.SECONDS);
    List<String> deciders = List.of("fake:short", "fake:alternate", "heuristic", "cache", "llm:m");
    for (String d : deciders) {
      jobs.start(request(d), DOCUMENT);
    }

    assertThatThrownBy(() -> jobs.start(request("fake:long"), DOCUMENT))
        .isInstanceOf(BacktestJobs.QueueFullException.class)
        .hasMessageContaining("5 are queued");
    assertThat(runs.recent(10)).hasSize(6);

    for (String d : deciders) {
      runner.commands.add(new SteppedRunner.Finish());
      assertThat(runner.started.poll(10, TimeUnit.SECONDS)).isEqualTo(d);
    }
    runner.commands.add(new SteppedRunner.Finish());
    await(
        "all done",
        () -> runs.recent(10).stream().allMatch(r -> r.status() == BacktestRun.Status.DONE));
  }

  @Test
  void givenAQueuedJob_whenCancelled_thenItEndsAtOnceAndNeverRuns() throws Exception {
    BacktestRun first = jobs.start(request("fake:long"), DOCUMENT);
    runner.started.poll(10, TimeUnit.SECONDS);
    BacktestRun second = jobs.start(request("fake:short"), DOCUMENT);

    BacktestRun cancelled = jobs.cancel(second.id());

    assertThat(cancelled.status()).isEqualTo(BacktestRun.Status.CANCELLED);
    assertThat(cancelled.error()).contains("cancelled before it started");
    runner.commands.add(new SteppedRunner.Finish());
    await("first done", () -> stored(first.id()).status() == BacktestRun.Status.DONE);
    assertThat(runner.started).isEmpty();
    assertThatThrownBy(() -> jobs.cancel(second.id()))
        .isInstanceOf(BacktestJobs.AlreadyFinishedException.class)
        .hasMessageContaining("is cancelled already");
    assertThatThrownBy(() -> jobs.cancel(first.id()))
        .isInstanceOf(BacktestJobs.AlreadyFinishedException.class);
    assertThatThrownBy(() -> jobs.cancel(UUID.randomUUID()))
        .isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void givenARunningJob_whenCancelled_thenItStopsAtItsNextBarWithoutAReport() throws Exception {
    BacktestRun run = jobs.start(request("fake:long"), DOCUMENT);
    runner.started.poll(10, TimeUnit.SECONDS);
    runner.commands.add(new SteppedRunner.Update(10, 100));
    await("progress", () -> jobs.find(run.id()).orElseThrow().doneBars() == 10);

    assertThat(jobs.cancel(run.id()).status())
        .as("it stops at its next bar")
        .isEqualTo(BacktestRun.Status.RUNNING);
    runner.commands.add(new SteppedRunner.Update(20, 100));
    await("cancelled", () -> stored(run.id()).status() == BacktestRun.Status.CANCELLED);

    assertThat(stored(run.id()).error()).contains("cancelled by the operator");
    assertThat(jobs.report(run.id())).isEmpty();
  }

  @Test
  void givenARequestTheEngineRefuses_whenRun_thenItFailsWithTheEnginesMessage() throws Exception {
    BacktestRun run = jobs.start(request("cache"), DOCUMENT);
    runner.commands.add(
        new SteppedRunner.Refuse(
            "no candles stored for BTC-USDT-SWAP between 2026-11-01 and 2026-11-02"));
    await("failed", () -> stored(run.id()).status() == BacktestRun.Status.FAILED);

    assertThat(stored(run.id()).error())
        .contains("no candles stored for BTC-USDT-SWAP between 2026-11-01 and 2026-11-02");
    assertThat(stored(run.id()).finishedAt()).isPresent();
  }

  @Test
  void
      givenRunsLeftRunningByAnEarlierProcess_whenRecovered_thenTheyAreFailedAsInterruptedByARestart() {
    BacktestRun left =
        BacktestRun.queued(
            UUID.randomUUID(),
            clock.instant(),
            "{}",
            BacktestRun.Summary.of("fake:long", List.of("BTC-USDT-SWAP"), "5m"));
    runs.insert(left);
    runs.progress(left.id(), BacktestRun.Status.RUNNING, 0.3, 3, 10);

    assertThat(new BacktestJobs(runs, () -> Optional.of(runner), JSON, clock).recover())
        .isEqualTo(1);

    assertThat(stored(left.id()).status()).isEqualTo(BacktestRun.Status.FAILED);
    assertThat(stored(left.id()).error()).contains("interrupted by a restart");
  }

  @Test
  void givenNoEngineInThisProcess_whenAJobIsStarted_thenItIsRefusedAndNothingIsStored() {
    BacktestJobs none = new BacktestJobs(runs, Optional::empty, JSON, clock);
    assertThat(none.ready()).isFalse();
    assertThatThrownBy(() -> none.start(request("fake:long"), DOCUMENT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no backtest engine");
    assertThat(runs.recent(10)).isEmpty();
  }

  @Test
  void
      givenTheJobQueue_whenItsDependenciesAreInspected_thenItCanOnlyCallTheRunnerAndNeverAnExchangeOrTheExecutor()
          throws Exception {
    // only the job's own classes are read (following every dependency through the class path takes
    // seconds)
    ArchConfiguration config = ArchConfiguration.get();
    boolean resolve = config.resolveMissingDependenciesFromClassPath();
    config.setResolveMissingDependenciesFromClassPath(false);
    try {
      noClasses()
          .that()
          .haveNameMatching("io\\.tai2\\.lab\\.BacktestJobs.*")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.tai2.okx..", "io.tai2.execution..", "io.tai2.sim..", "io.tai2.market..")
          .check(
              new ClassFileImporter()
                  .importClasses(
                      BacktestJobs.class,
                      Class.forName(BacktestJobs.class.getName() + "$Job"),
                      BacktestJobsConfiguration.class));
    } finally {
      config.setResolveMissingDependenciesFromClassPath(resolve);
    }
  }
}
