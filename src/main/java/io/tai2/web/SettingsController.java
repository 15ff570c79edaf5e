package io.tai2.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tai2.history.SettingsRepository;
import io.tai2.settings.RuntimeSettingsService;
import io.tai2.market.MarketEngine;
import java.util.List;
import java.util.Optional;
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
  private final org.springframework.security.crypto.password.PasswordEncoder encoder;
  /** The operator's password as the login checks it (encoded), when TAI2_ADMIN_PASSWORD is set. */
  private final Optional<String> operatorPassword;

  SettingsController(RuntimeSettingsService settings, ObjectProvider<MarketEngine> engine,
      org.springframework.security.crypto.password.PasswordEncoder encoder,
      org.springframework.security.core.userdetails.UserDetailsService users) {
    this.settings = settings;
    this.engine = engine;
    this.encoder = encoder;
    Optional<String> encoded;
    try {
      encoded = Optional.of(users.loadUserByUsername(SecurityConfiguration.ADMIN_USER).getPassword());
    } catch (org.springframework.security.core.userdetails.UsernameNotFoundException e) {
      encoded = Optional.empty();
    }
    this.operatorPassword = encoded;
  }

  @Operation(summary = "The enabled trading pairs (tracked, in order) and, separately, every OKX USDT swap that could be (empty until OKX "
      + "answered), with the rules a size in contracts must follow and the last price of the tracked ones")
  @GetMapping("/config/trading-pairs")
  TradingPairs tradingPairs() {
    return TradingPairs.of(engine.getIfAvailable(), settings.current().market().tradingPairs());
  }

  @Operation(summary = "Every runtime setting by group: market, guardrails, execution, reasoning, scheduler")
  @GetMapping("/api/settings")
  JsonNode get() {
    return settings.json();
  }

  @Operation(summary = "Change runtime settings: groups and fields left out keep their values; validated as a whole (400 naming the field, "
      + "423 switching the scheduler on under a risk lock); saved in one transaction with one audit entry; applied at once")
  @PutMapping("/api/settings")
  JsonNode put(@RequestBody JsonNode patch, Authentication who, jakarta.servlet.http.HttpServletRequest request) {
    List<String> risky = risky(patch, settings.json());
    if (!risky.isEmpty() && operatorPassword.isPresent() && !BearerTokenFilter.authenticatedByToken(request)) {
      String given = request.getHeader(CONFIRM_HEADER);
      if (given == null || !encoder.matches(given, operatorPassword.get())) {
        throw new RiskyChangeException("this change needs the operator password again (" + String.join(", ", risky) + ")"
            + (given == null ? "" : ": the password was wrong"));
      }
    }
    settings.update(patch, who == null ? "operator" : who.getName());
    return settings.json();
  }

  /** Sent by the CFG page with the password typed again for a risky change; never stored or logged. */
  static final String CONFIRM_HEADER = "X-Tai2-Confirm-Password";

  /** A risky change from a browser session without the password typed again (403). */
  static final class RiskyChangeException extends RuntimeException {
    RiskyChangeException(String message) {
      super(message);
    }
  }

  @org.springframework.web.bind.annotation.ExceptionHandler(RiskyChangeException.class)
  org.springframework.http.ProblemDetail passwordNeeded(RiskyChangeException e) {
    org.springframework.http.ProblemDetail problem =
        org.springframework.http.ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatus.FORBIDDEN, e.getMessage());
    problem.setTitle("password needed");
    problem.setProperty("field", "confirm_password");
    return problem;
  }

  /** Changes that put money at more risk: live execution on, OKX to live, a higher max leverage. */
  static List<String> risky(JsonNode patch, JsonNode current) {
    List<String> out = new java.util.ArrayList<>();
    if (patch.path("execution").path("enabled").asBoolean(false) && !current.path("execution").path("enabled").asBoolean(false)) {
      out.add("live execution on");
    }
    if (patch.path("okx").has("demo") && !patch.path("okx").path("demo").asBoolean(true) && current.path("okx").path("demo").asBoolean(true)) {
      out.add("OKX to live trading");
    }
    JsonNode max = patch.path("guardrails").path("max_leverage");
    if (max.isNumber() && max.decimalValue().compareTo(current.path("guardrails").path("max_leverage").decimalValue()) > 0) {
      out.add("max leverage up to " + max.decimalValue().stripTrailingZeros().toPlainString() + "×");
    }
    return out;
  }

  @Operation(summary = "Settings changes, newest first: who, when, and the groups before and after (no secrets are ever in settings)")
  @GetMapping("/api/settings/audit")
  List<SettingsRepository.AuditEntry> audit(@RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be between 1 and 1000");
    }
    return settings.audit(limit);
  }
}
