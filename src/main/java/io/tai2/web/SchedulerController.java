package io.tai2.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tai2.scheduler.PromptScheduler;
import io.tai2.settings.RuntimeSettingsService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The automatic prompt scheduler over HTTP: its state and per-symbol outcomes, the switch and the cadence. */
@RestController
class SchedulerController {

  private final ObjectProvider<PromptScheduler> scheduler;
  private final RuntimeSettingsService settings;

  SchedulerController(ObjectProvider<PromptScheduler> scheduler, RuntimeSettingsService settings) {
    this.scheduler = scheduler;
    this.settings = settings;
  }

  @Operation(summary = "Scheduler state: on/off, interval, last and next run, last error, each symbol's last outcome")
  @GetMapping("/scheduler")
  PromptScheduler.Status status() {
    return scheduler().status();
  }

  @Operation(summary = "Switch the scheduler on (a tick runs at once); 423 while a risk lock is on")
  @PostMapping("/scheduler/enable")
  PromptScheduler.Status enable(Authentication who) {
    return change("{\"enabled\":true}", who);
  }

  @Operation(summary = "Switch the scheduler off (a tick in progress finishes)")
  @PostMapping("/scheduler/disable")
  PromptScheduler.Status disable(Authentication who) {
    return change("{\"enabled\":false}", who);
  }

  @Operation(summary = "Change the scheduler: {\"enabled\",\"interval_seconds\" (30–86400),\"max_concurrent\" (1–16)}; partial, validated, audited")
  @PutMapping("/scheduler")
  PromptScheduler.Status update(@RequestBody JsonNode body, Authentication who) {
    return change(body.toString(), who);
  }

  /** Through the settings service: validated, saved with an audit entry, and the scheduler follows at once. */
  private PromptScheduler.Status change(String schedulerFields, Authentication who) {
    PromptScheduler running = scheduler();
    settings.update(Json.parse("{\"scheduler\":" + schedulerFields + "}"), who == null ? "operator" : who.getName());
    return running.status();
  }

  private PromptScheduler scheduler() {
    PromptScheduler s = scheduler.getIfAvailable();
    if (s == null) {
      throw new ServiceUnavailableException("market engine off", "the scheduler needs the market engine, which is not running in this process");
    }
    return s;
  }

}
