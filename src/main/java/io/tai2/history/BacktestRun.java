package io.tai2.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * One stored backtest without its report (read that with {@link BacktestRunRepository#report}): where the job is, the
 * request as JSON, and the figures the runs table shows.
 *
 * @param progress the share of bars replayed, 0 to 1
 * @param request the request as JSON (snake_case, as {@code POST /api/backtests} takes it)
 * @param error why the run failed or was cancelled
 */
public record BacktestRun(
    UUID id,
    Instant createdAt,
    Status status,
    double progress,
    long doneBars,
    long totalBars,
    String request,
    Optional<String> error,
    Optional<Instant> finishedAt,
    Summary summary) {

  /** Where a job is; {@link #finished()} ones never change again. */
  public enum Status {
    QUEUED,
    RUNNING,
    DONE,
    FAILED,
    CANCELLED;

    /** As stored and served: lower case. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
      return this == DONE || this == FAILED || this == CANCELLED;
    }

    public static Status of(String word) {
      return valueOf(word.toUpperCase(Locale.ROOT));
    }
  }

  /** What a list of runs shows: who decided on what, how often; the result figures once done. */
  public record Summary(
      String decider,
      List<String> symbols,
      String every,
      Optional<BigDecimal> netPnl,
      Optional<Double> returnPct,
      Optional<Integer> trades) {

    public Summary {
      symbols = List.copyOf(symbols);
    }

    /** Before the run has a result. */
    public static Summary of(String decider, List<String> symbols, String every) {
      return new Summary(
          decider, symbols, every, Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  /** A new job, queued. */
  public static BacktestRun queued(UUID id, Instant createdAt, String request, Summary summary) {
    return new BacktestRun(
        id,
        createdAt,
        Status.QUEUED,
        0,
        0,
        0,
        request,
        Optional.empty(),
        Optional.empty(),
        summary);
  }
}
