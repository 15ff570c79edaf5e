package io.tai2.web;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.Operation;
import io.tai2.config.StrictJson;
import io.tai2.history.BacktestRun;
import io.tai2.lab.BacktestJobs;
import io.tai2.lab.BacktestSettings;
import io.tai2.reasoning.PromptVersions;
import io.tai2.settings.RuntimeSettingsService;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Backtests over HTTP: start one (202, it runs in the background, one at a time), list them, read one with its progress
 * and, once done, its report; cancel one. Writes need the CSRF token from a browser or the bearer token from a script,
 * as every {@code /api/**} write does.
 */
@RestController
class BacktestController {

  private final BacktestJobs jobs;
  private final RuntimeSettingsService settings;
  private final PromptVersions versions;

  BacktestController(BacktestJobs jobs, RuntimeSettingsService settings, PromptVersions versions) {
    this.jobs = jobs;
    this.settings = settings;
    this.versions = versions;
  }

  record Links(String self, String cancel, String page) {
    static Links of(UUID id) {
      return new Links(
          "/api/backtests/" + id, "/api/backtests/" + id + "/cancel", "/lab?run=" + id);
    }
  }

  record Started(UUID id, String status, Links links) {}

  /** A run as listed: where it is and, once done, its figures; {@code request} is the request document as stored. */
  record RunView(
      UUID id,
      String status,
      double progress,
      long doneBars,
      long totalBars,
      Instant createdAt,
      Instant finishedAt,
      String error,
      String decider,
      List<String> symbols,
      String every,
      BigDecimal netPnl,
      Double returnPct,
      Integer trades,
      @JsonRawValue String request,
      Links links) {

    static RunView of(BacktestRun r) {
      BacktestRun.Summary s = r.summary();
      return new RunView(
          r.id(),
          r.status().word(),
          r.progress(),
          r.doneBars(),
          r.totalBars(),
          r.createdAt(),
          r.finishedAt().orElse(null),
          r.error().orElse(null),
          s.decider(),
          s.symbols(),
          s.every(),
          s.netPnl().orElse(null),
          s.returnPct().orElse(null),
          s.trades().orElse(null),
          r.request(),
          Links.of(r.id()));
    }
  }

  /** One run with its report (null until it is done). */
  record RunDetail(
      UUID id,
      String status,
      double progress,
      long doneBars,
      long totalBars,
      Instant createdAt,
      Instant finishedAt,
      String error,
      String decider,
      List<String> symbols,
      String every,
      BigDecimal netPnl,
      Double returnPct,
      Integer trades,
      @JsonRawValue String request,
      Links links,
      @JsonRawValue String report) {}

  @Operation(
      summary =
          "Start a backtest: {symbols, from, to, every, timeframe (default: the saved reasoning.timeframe), decider, prompt_version, stop_pct, take_pct, equity_pct, equity, taker_fee,"
              + " slippage_bps, funding (off|history), settings (a partial settings document), max_cost}; 202 with its id and links; 400 naming the"
              + " field; 429 while "
              + BacktestJobs.QUEUE_LIMIT
              + " wait")
  @PostMapping(path = "/api/backtests", consumes = "application/json")
  ResponseEntity<Started> start(@RequestBody String body) {
    BacktestRequestBody.Read read =
        BacktestRequestBody.read(
            StrictJson.parse(body),
            BacktestSettings.GROUPS,
            id -> versions.find(id).isPresent(),
            settings.current().reasoning().timeframe());
    // the values inside the settings groups are checked now, by the rules PUT /api/settings
    // applies, not when the run starts
    BacktestSettings.apply(
        read.request().settings(), settings.current().guardrails(), settings.current().execution());
    if (!jobs.ready()) {
      throw new ServiceUnavailableException(
          "backtest engine missing", "this process has no backtest engine; nothing was queued");
    }
    BacktestRun run = jobs.start(read.request(), read.document());
    return ResponseEntity.accepted()
        .location(URI.create("/api/backtests/" + run.id()))
        .body(new Started(run.id(), run.status().word(), Links.of(run.id())));
  }

  @Operation(
      summary =
          "Backtests, newest first: status, progress and, once done, net PnL, return and trades")
  @GetMapping("/api/backtests")
  List<RunView> list(@RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 500) {
      throw new BadParameterException("limit", "limit must be between 1 and 500, was " + limit);
    }
    return jobs.recent(limit).stream().map(RunView::of).toList();
  }

  @Operation(summary = "One backtest: status and progress, and the report once it is done")
  @GetMapping("/api/backtests/{id}")
  RunDetail get(@PathVariable UUID id) {
    BacktestRun run = jobs.find(id).orElseThrow(() -> notFound(id));
    String report = run.status() == BacktestRun.Status.DONE ? jobs.report(id).orElse(null) : null;
    return detail(run, report);
  }

  @Operation(
      summary =
          "Cancel a backtest: a queued one at once, a running one at its next bar; 409 when it has finished")
  @PostMapping("/api/backtests/{id}/cancel")
  ResponseEntity<RunDetail> cancel(@PathVariable UUID id) {
    return ResponseEntity.accepted().body(detail(jobs.cancel(id), null));
  }

  @ExceptionHandler(BacktestJobs.QueueFullException.class)
  ResponseEntity<ProblemDetail> queueFull(BacktestJobs.QueueFullException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
    problem.setTitle("backtest queue full");
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header("Retry-After", "10")
        .body(problem);
  }

  @ExceptionHandler(BacktestJobs.AlreadyFinishedException.class)
  ProblemDetail finished(BacktestJobs.AlreadyFinishedException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("backtest finished");
    return problem;
  }

  private static NoSuchElementException notFound(UUID id) {
    return new NoSuchElementException("backtest " + id + " not found");
  }

  private static RunDetail detail(BacktestRun r, String report) {
    RunView v = RunView.of(r);
    return new RunDetail(
        v.id(),
        v.status(),
        v.progress(),
        v.doneBars(),
        v.totalBars(),
        v.createdAt(),
        v.finishedAt(),
        v.error(),
        v.decider(),
        v.symbols(),
        v.every(),
        v.netPnl(),
        v.returnPct(),
        v.trades(),
        v.request(),
        v.links(),
        report);
  }
}
