package io.tai2.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tai2.history.SettingsRepository;
import io.tai2.market.MarketEngine;
import io.tai2.settings.RuntimeSettingsService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Every runtime setting as one document: read, change (partial, validated as a whole, saved at once), audit. */
@RestController
class SettingsController {

  private final RuntimeSettingsService settings;
  private final ObjectProvider<MarketEngine> engine;
  private final RiskyChanges riskyChanges;

  SettingsController(
      RuntimeSettingsService settings,
      ObjectProvider<MarketEngine> engine,
      RiskyChanges riskyChanges) {
    this.settings = settings;
    this.engine = engine;
    this.riskyChanges = riskyChanges;
  }

  @Operation(
      summary =
          "The enabled trading pairs (tracked, in order) and, separately, every OKX USDT swap that could be (empty until OKX "
              + "answered), with the rules a size in contracts must follow and the last price of the tracked ones")
  @GetMapping("/config/trading-pairs")
  TradingPairs tradingPairs() {
    return TradingPairs.of(engine.getIfAvailable(), settings.current().market().tradingPairs());
  }

  @Operation(
      summary =
          "Every runtime setting by group: market, guardrails, execution, reasoning, scheduler, ui (the pages' time zone), okx")
  @GetMapping("/api/settings")
  JsonNode get() {
    return settings.json();
  }

  @Operation(
      summary =
          "Change runtime settings: groups and fields left out keep their values; read strictly and validated as a whole "
              + "(400 with every refused field, 403 a risky change without the password again, 423 switching the scheduler on under a risk lock); "
              + "saved in one transaction with one audit entry; applied at once")
  @PutMapping(path = "/api/settings", consumes = "application/json")
  JsonNode put(@RequestBody String body, Authentication who, HttpServletRequest request) {
    settings.update(body, who == null ? "operator" : who.getName(), riskyChanges.approval(request));
    return settings.json();
  }

  @Operation(
      summary =
          "Settings changes, newest first: who, when, and the groups before and after (no secrets are ever in settings)")
  @GetMapping("/api/settings/audit")
  List<SettingsRepository.AuditEntry> audit(@RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be between 1 and 1000");
    }
    return settings.audit(limit);
  }
}
