package io.tai2.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tai2.config.ExecutionSettings;
import io.tai2.config.FieldError;
import io.tai2.config.GuardrailSettings;
import io.tai2.config.InvalidSettingsChangeException;
import io.tai2.config.SettingsDocument;
import io.tai2.config.SettingsJson;
import io.tai2.config.StrictJson;
import io.tai2.execution.KillSwitch;
import io.tai2.execution.RiskMonitor;
import io.tai2.history.EquityRepository;
import io.tai2.history.EquitySample;
import io.tai2.history.ExecutionFeedback;
import io.tai2.history.ExecutionFeedbackRepository;
import io.tai2.history.RiskLock;
import io.tai2.history.RiskLockRepository;
import io.tai2.settings.RuntimeSettingsService;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Risk controls over HTTP: the locks, the daily-loss reset, the kill switch, execution feedback and equity history. */
@RestController
class ExecutionController {

  private final RiskLockRepository locks;
  private final ExecutionFeedbackRepository feedback;
  private final EquityRepository equity;
  private final ObjectProvider<RiskMonitor> monitor;
  private final ObjectProvider<KillSwitch> killSwitch;
  private final SettingsDocument<ExecutionSettings> execution;
  private final SettingsDocument<GuardrailSettings> guardrails;
  private final RuntimeSettingsService runtimeSettings;

  private final RiskyChanges riskyChanges;

  ExecutionController(
      RiskLockRepository locks,
      ExecutionFeedbackRepository feedback,
      EquityRepository equity,
      ObjectProvider<RiskMonitor> monitor,
      ObjectProvider<KillSwitch> killSwitch,
      SettingsDocument<ExecutionSettings> execution,
      SettingsDocument<GuardrailSettings> guardrails,
      RuntimeSettingsService runtimeSettings,
      RiskyChanges riskyChanges) {
    this.runtimeSettings = runtimeSettings;
    this.riskyChanges = riskyChanges;
    this.execution = execution;
    this.guardrails = guardrails;
    this.locks = locks;
    this.feedback = feedback;
    this.equity = equity;
    this.monitor = monitor;
    this.killSwitch = killSwitch;
  }

  record Locks(List<RiskLock> locks, boolean executionBlocked) {}

  @Operation(
      summary = "The risk locks (daily loss, kill switch) and whether new orders are blocked")
  @GetMapping("/execution/locks")
  Locks locks() {
    List<RiskLock> all = locks.all();
    return new Locks(all, all.stream().anyMatch(RiskLock::locked));
  }

  @Operation(
      summary =
          "Reset an engaged daily-loss lock: the current equity becomes the new reference (the scheduler stays as it is); "
              + "409 when not engaged; a browser session must send the password again (403)")
  @PostMapping("/execution/locks/daily-loss/reset")
  RiskLock resetDailyLoss(Authentication who, HttpServletRequest request) {
    riskyChanges.checkDailyLossReset(
        locks.all().stream().anyMatch(l -> l.key().equals(RiskLock.DAILY_LOSS) && l.locked()),
        request);
    try {
      return required(monitor.getIfAvailable()).resetDailyLoss(actor(who));
    } catch (RiskMonitor.NotLocked e) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
      problem.setTitle("not locked");
      throw new ErrorResponseException(HttpStatus.CONFLICT, problem, e);
    } catch (IllegalStateException e) {
      throw new ServiceUnavailableException("equity unknown", e.getMessage());
    }
  }

  @Operation(
      summary =
          "Kill switch: block new orders, cancel resting orders and, with flatten=true, close every position")
  @PostMapping("/execution/kill")
  KillSwitch.Report kill(
      @RequestParam(defaultValue = "false") boolean flatten, Authentication who) {
    return required(killSwitch.getIfAvailable()).engage(flatten, actor(who));
  }

  @Operation(summary = "Release the kill switch (positions and orders are not touched)")
  @PostMapping("/execution/kill/release")
  Locks release(Authentication who) {
    required(killSwitch.getIfAvailable()).release(actor(who));
    return locks();
  }

  @Operation(summary = "Execution feedback that has not expired (fed to the next prompts)")
  @GetMapping("/execution/feedback")
  List<ExecutionFeedback> feedback() {
    return feedback.active(Instant.now());
  }

  record Removed(int removed) {}

  @Operation(
      summary =
          "Clear execution feedback: all (no symbol) or one tracked pair's (an empty or untracked symbol is a 400)")
  @PostMapping("/execution/feedback/clear")
  Removed clearFeedback(@RequestParam Optional<String> symbol) {
    // Present but empty must not fall through to "clear all": only leaving symbol out clears every
    // alert.
    Optional<String> id = symbol.map(s -> s.strip().toUpperCase(Locale.ROOT));
    if (id.isPresent()) {
      List<String> tracked = runtimeSettings.current().market().tradingPairs();
      if (!tracked.contains(id.get())) {
        throw new BadParameterException(
            "symbol",
            id.get().isEmpty()
                ? "symbol is empty; leave it out to clear every alert"
                : "symbol "
                    + RequestProblems.echo(id.get())
                    + " is not a tracked pair; tracked are "
                    + tracked);
      }
    }
    return new Removed(feedback.clear(id));
  }

  record EquityHistory(List<EquitySample> items) {}

  @Operation(summary = "Equity samples, oldest first (minute resolution for 7 days, hourly before)")
  @GetMapping("/equity/history")
  EquityHistory equityHistory(@RequestParam(defaultValue = "200") int limit) {
    if (limit < 1 || limit > 10_000) {
      throw new BadParameterException("limit", "limit must be between 1 and 10000, was " + limit);
    }
    return new EquityHistory(equity.history(limit));
  }

  record SettingsView(JsonNode execution, JsonNode guardrails) {}

  @Operation(
      summary = "Execution settings (live switch, margin mode, minimum sizes) and the guardrails")
  @GetMapping("/execution/settings")
  SettingsView settings() {
    return new SettingsView(
        Json.parse(SettingsJson.write(execution.current())),
        Json.parse(SettingsJson.write(guardrails.current())));
  }

  /**
   * Changes execution settings and guardrails: fields left out keep their current values; the result is validated as a
   * whole and both groups are saved in one transaction with one audit entry, or nothing is (see {@link RuntimeSettingsService}).
   */
  @Operation(summary = "Change execution settings and guardrails (partial; validated; audited)")
  @PutMapping(path = "/execution/settings", consumes = "application/json")
  SettingsView updateSettings(
      @RequestBody String body, Authentication who, HttpServletRequest request) {
    JsonNode patch = StrictJson.parse(body);
    List<String> groups = List.of("execution", "guardrails");
    if (!patch.isObject()) {
      throw new InvalidSettingsChangeException("", "must be a JSON object of the groups " + groups);
    }
    InvalidSettingsChangeException.throwIfAny(
        patch.propertyNames().stream()
            .filter(name -> !groups.contains(name))
            .map(
                name ->
                    new FieldError(
                        name,
                        "not a group of this endpoint; the groups are "
                            + groups
                            + " (the others: PUT /api/settings)"))
            .toList());
    runtimeSettings.update(
        patch, actor(who), (before, after) -> riskyChanges.check(before, after, request));
    return settings();
  }

  private static <T> T required(T bean) {
    if (bean == null) {
      throw new ServiceUnavailableException(
          "market engine off",
          "the market engine is not running in this process (tai2.market.enabled=false)");
    }
    return bean;
  }

  private static String actor(Authentication who) {
    return who == null ? "operator" : who.getName();
  }
}
