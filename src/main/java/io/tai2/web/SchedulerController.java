package io.tai2.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tai2.config.InvalidSettingsChangeException;
import io.tai2.config.StrictJson;
import io.tai2.scheduler.PromptScheduler;
import io.tai2.settings.RuntimeSettingsService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The automatic prompt scheduler over HTTP: its state and per-symbol outcomes, the switch and the cadence. */
@RestController
class SchedulerController {

  private final ObjectProvider<PromptScheduler> scheduler;
  private final RuntimeSettingsService settings;
  private final RiskyChanges riskyChanges;

  SchedulerController(
      ObjectProvider<PromptScheduler> scheduler,
      RuntimeSettingsService settings,
      RiskyChanges riskyChanges) {
    this.scheduler = scheduler;
    this.settings = settings;
    this.riskyChanges = riskyChanges;
  }

  @Operation(
      summary =
          "Scheduler state: on/off, interval, last and next run, last error, each symbol's last outcome")
  @GetMapping("/scheduler")
  PromptScheduler.Status status() {
    return scheduler().status();
  }

  @Operation(
      summary =
          "Switch the scheduler on (a tick runs at once); 423 while a risk lock is on; 403 from a browser session without "
              + "the password again while live execution is on")
  @PostMapping("/scheduler/enable")
  PromptScheduler.Status enable(Authentication who, HttpServletRequest request) {
    return change(Json.parse("{\"enabled\":true}"), who, request);
  }

  @Operation(summary = "Switch the scheduler off (a tick in progress finishes)")
  @PostMapping("/scheduler/disable")
  PromptScheduler.Status disable(Authentication who, HttpServletRequest request) {
    return change(Json.parse("{\"enabled\":false}"), who, request);
  }

  @Operation(
      summary =
          "Change the scheduler: {\"enabled\",\"interval_seconds\" (30–86400),\"max_concurrent\" (1–16)}; partial, read strictly "
              + "(400 naming the field), audited")
  @PutMapping(path = "/scheduler", consumes = "application/json")
  PromptScheduler.Status update(
      @RequestBody String body, Authentication who, HttpServletRequest request) {
    return change(StrictJson.parse(body), who, request);
  }

  /**
   * Through the settings service: validated (a bad change is a 400 even without the engine), the password asked for a
   * risky one, then — only when the scheduler runs in this process — saved with an audit entry; it follows at once.
   */
  private PromptScheduler.Status change(
      JsonNode schedulerFields, Authentication who, HttpServletRequest request) {
    ObjectNode patch = Json.MAPPER.createObjectNode();
    patch.set("scheduler", schedulerFields);
    try {
      settings.update(
          patch,
          who == null ? "operator" : who.getName(),
          (before, after) -> {
            riskyChanges.check(before, after, request);
            scheduler();
          });
    } catch (InvalidSettingsChangeException e) {
      throw e.within("scheduler"); // this body is the group itself: name its fields as sent
    }
    return scheduler().status();
  }

  private PromptScheduler scheduler() {
    PromptScheduler s = scheduler.getIfAvailable();
    if (s == null) {
      throw new ServiceUnavailableException(
          "market engine off",
          "the scheduler needs the market engine, which is not running in this process");
    }
    return s;
  }
}
