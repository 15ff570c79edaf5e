package io.tai2.lab;

import io.tai2.history.BacktestRun;
import io.tai2.history.BacktestRunRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Backtests as background jobs (POST /api/backtests, the LAB page): one runs at a time on its own thread and up to
 * {@link #QUEUE_LIMIT} wait their turn. Progress is kept in memory and written to {@code backtest_runs} at most once a
 * second, so a page polling every second sees it move and a restart knows what was left unfinished. A job only calls
 * the {@link BacktestRunner}: nothing here can reach an exchange.
 */
public class BacktestJobs implements AutoCloseable {

  /** How many jobs may wait behind the running one; one more is refused ({@link QueueFullException}). */
  public static final int QUEUE_LIMIT = 5;

  /** The most often a running job's progress is written to the database. */
  static final long FLUSH_MILLIS = 1_000;

  static final String RESTARTED = "interrupted by a restart";

  private static final Logger log = LoggerFactory.getLogger(BacktestJobs.class);

  private final BacktestRunRepository runs;
  private final Supplier<Optional<BacktestRunner>> runner;
  private final ObjectMapper json;
  private final Clock clock;
  private final ThreadPoolExecutor worker;
  private final Map<UUID, Job> live = new ConcurrentHashMap<>();
  private volatile boolean closing;

  /** Every job is refused with this while the queue is full: try again when one has finished. */
  public static final class QueueFullException extends RuntimeException {
    QueueFullException() {
      super(
          "one backtest is running and "
              + QUEUE_LIMIT
              + " are queued; wait for one to finish or cancel one");
    }
  }

  /** A finished run cannot be cancelled. */
  public static final class AlreadyFinishedException extends RuntimeException {
    AlreadyFinishedException(BacktestRun run) {
      super(
          "backtest "
              + run.id()
              + " is "
              + run.status().word()
              + " already; only a queued or running backtest can be cancelled");
    }
  }

  /**
   * @param runner the engine, when this process has one ({@link #ready()})
   * @param json the application's mapper (snake_case), for the stored request and report
   */
  public BacktestJobs(
      BacktestRunRepository runs,
      Supplier<Optional<BacktestRunner>> runner,
      ObjectMapper json,
      Clock clock) {
    this.runs = runs;
    this.runner = runner;
    this.json = json;
    this.clock = clock;
    this.worker =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_LIMIT),
            Thread.ofPlatform().daemon().name("backtest").factory());
  }

  /** Marks the jobs a previous process left queued or running as failed: nothing runs them any more. */
  public int recover() {
    int left = runs.failUnfinished(clock.instant(), RESTARTED);
    if (left > 0) {
      log.warn("event=backtests_interrupted count={} reason=restart", left);
    }
    return left;
  }

  /** Whether this process has a backtest engine to run jobs with. */
  public boolean ready() {
    return runner.get().isPresent();
  }

  /**
   * Queues {@code request} and returns the stored job.
   *
   * @param document the request as JSON in the API's form (stored and shown with the run)
   * @throws QueueFullException when {@link #QUEUE_LIMIT} jobs wait already
   * @throws IllegalStateException without a backtest engine ({@link #ready()})
   */
  public synchronized BacktestRun start(BacktestRequest request, JsonNode document) {
    if (closing) {
      throw new IllegalStateException(
          "the service is shutting down; start the backtest again after the restart");
    }
    if (!ready()) {
      throw new IllegalStateException("this process has no backtest engine");
    }
    if (worker.getQueue().remainingCapacity() == 0) {
      throw new QueueFullException();
    }
    BacktestRun run =
        BacktestRun.queued(
            UUID.randomUUID(),
            clock.instant(),
            json.writeValueAsString(document),
            BacktestRun.Summary.of(request.decider(), request.symbols(), request.every()));
    runs.insert(run);
    Job job = new Job(run.id(), request);
    live.put(run.id(), job);
    worker.execute(
        job); // cannot be refused: only this (synchronized) method adds, and the queue had room
    log.info(
        "event=backtest_queued id={} decider={} symbols={} every={}",
        run.id(),
        request.decider(),
        String.join(",", request.symbols()),
        request.every());
    return run;
  }

  /** The job with its latest progress (from memory while it runs). */
  public Optional<BacktestRun> find(UUID id) {
    return runs.find(id).map(this::withLiveProgress);
  }

  /** The newest {@code limit} jobs, newest first, with their latest progress. */
  public List<BacktestRun> recent(int limit) {
    return runs.recent(limit).stream().map(this::withLiveProgress).toList();
  }

  /** A done job's report as stored (JSON, snake_case). */
  public Optional<String> report(UUID id) {
    return runs.report(id);
  }

  /**
   * Cancels a job: a queued one at once, a running one at its next bar (it ends {@code cancelled}, without a report).
   *
   * @throws NoSuchElementException for an unknown id
   * @throws AlreadyFinishedException for a finished job
   */
  public BacktestRun cancel(UUID id) {
    BacktestRun run =
        find(id).orElseThrow(() -> new NoSuchElementException("backtest " + id + " not found"));
    Job job = live.get(id);
    if (run.status().finished() || job == null) {
      throw new AlreadyFinishedException(run);
    }
    job.cancelRequested = true;
    if (worker.remove(job)) {
      live.remove(id);
      runs.ended(id, BacktestRun.Status.CANCELLED, clock.instant(), "cancelled before it started");
      log.info("event=backtest_cancelled id={} while=queued", id);
    }
    return find(id).orElseThrow();
  }

  /** Stops taking jobs and asks the running one to stop; what is left unfinished is failed at the next start. */
  @Override
  public void close() {
    closing = true;
    live.values().forEach(j -> j.cancelRequested = true);
    worker.shutdownNow();
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private BacktestRun withLiveProgress(BacktestRun stored) {
    Job job = live.get(stored.id());
    if (job == null || stored.status().finished()) {
      return stored;
    }
    return new BacktestRun(
        stored.id(),
        stored.createdAt(),
        job.status,
        job.progress(),
        job.done,
        job.total,
        stored.request(),
        stored.error(),
        stored.finishedAt(),
        stored.summary());
  }

  /** One job: its progress as the runner reports it, and whether its owner wants it stopped. */
  private final class Job implements Runnable, BacktestProgress {
    final UUID id;
    final BacktestRequest request;
    volatile BacktestRun.Status status = BacktestRun.Status.QUEUED;
    volatile long done;
    volatile long total;
    volatile boolean cancelRequested;
    private long lastFlush;

    Job(UUID id, BacktestRequest request) {
      this.id = id;
      this.request = request;
    }

    double progress() {
      return total <= 0 ? 0 : Math.min(1.0, (double) done / total);
    }

    @Override
    public void update(long done, long total) {
      this.done = done;
      this.total = total;
      long now = clock.millis();
      if (now - lastFlush >= FLUSH_MILLIS) {
        lastFlush = now;
        runs.progress(id, BacktestRun.Status.RUNNING, progress(), done, total);
      }
    }

    @Override
    public boolean cancelled() {
      return cancelRequested;
    }

    @Override
    public void run() {
      try {
        if (cancelRequested) {
          runs.ended(
              id,
              BacktestRun.Status.CANCELLED,
              clock.instant(),
              closing ? "interrupted by a shutdown" : "cancelled before it started");
          return;
        }
        status = BacktestRun.Status.RUNNING;
        lastFlush = clock.millis();
        runs.progress(id, BacktestRun.Status.RUNNING, 0, 0, 0);
        log.info("event=backtest_started id={}", id);
        BacktestRunner engine =
            runner
                .get()
                .orElseThrow(
                    () -> new IllegalStateException("this process has no backtest engine"));
        BacktestReport report = engine.run(request, this);
        finish(report);
      } catch (BacktestCancelledException e) {
        String why = closing ? "interrupted by a shutdown" : "cancelled by the operator";
        runs.ended(
            id,
            closing ? BacktestRun.Status.FAILED : BacktestRun.Status.CANCELLED,
            clock.instant(),
            why);
        log.info("event=backtest_cancelled id={} while=running done={} total={}", id, done, total);
      } catch (IllegalArgumentException e) {
        runs.ended(id, BacktestRun.Status.FAILED, clock.instant(), String.valueOf(e.getMessage()));
        log.info("event=backtest_refused id={} reason=\"{}\"", id, e.getMessage());
      } catch (RuntimeException | Error e) {
        runs.ended(id, BacktestRun.Status.FAILED, clock.instant(), "the backtest failed: " + e);
        log.warn("event=backtest_failed id={} error=\"{}\"", id, e.toString(), e);
      } finally {
        live.remove(id);
      }
    }

    private void finish(BacktestReport r) {
      // the stored report carries the job's id and time, whatever the runner named it
      BacktestRun stored = runs.find(id).orElseThrow();
      BacktestReport report =
          new BacktestReport(
              id,
              stored.createdAt(),
              r.parameters(),
              r.decisions(),
              r.trades(),
              r.equityCurve(),
              r.buyAndHold(),
              r.metrics());
      BacktestReport.Metrics m = report.metrics();
      long bars = Math.max(done, total);
      runs.done(
          id,
          clock.instant(),
          json.writeValueAsString(report),
          m.netPnl(),
          m.returnPct(),
          m.trades(),
          bars,
          bars);
      log.info(
          "event=backtest_done id={} trades={} net_pnl={} return_pct={}",
          id,
          m.trades(),
          plain(m.netPnl()),
          m.returnPct());
    }
  }

  private static String plain(BigDecimal value) {
    return value == null ? "-" : value.stripTrailingZeros().toPlainString();
  }
}
