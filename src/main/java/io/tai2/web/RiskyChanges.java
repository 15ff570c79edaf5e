package io.tai2.web;

import io.tai2.settings.RuntimeSettingsService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Changes that put money at more risk — live execution on, OKX to live, a higher max leverage — made from a browser
 * session need the operator's password typed again ({@link #CONFIRM_HEADER}), on every path that writes settings.
 * Bearer-token API calls are not asked (the token is the operator's own credential for scripts); without a login there
 * is no password to ask for.
 */
@Component
class RiskyChanges {

  /** Sent with the password typed again for a risky change; never stored or logged. */
  static final String CONFIRM_HEADER = "X-Tai2-Confirm-Password";

  private final RuntimeSettingsService settings;
  private final PasswordEncoder encoder;
  /** The operator's password as the login checks it (encoded), when TAI2_ADMIN_PASSWORD is set. */
  private final Optional<String> operatorPassword;

  private final LoginThrottle throttle;

  RiskyChanges(RuntimeSettingsService settings, PasswordEncoder encoder, UserDetailsService users, LoginThrottle throttle) {
    this.settings = settings;
    this.encoder = encoder;
    this.throttle = throttle;
    Optional<String> encoded;
    try {
      encoded = Optional.of(users.loadUserByUsername(SecurityConfiguration.ADMIN_USER).getPassword());
    } catch (UsernameNotFoundException e) {
      encoded = Optional.empty();
    }
    this.operatorPassword = encoded;
  }

  /** A risky change from a browser session without the password typed again (403). */
  static final class PasswordNeededException extends RuntimeException {
    PasswordNeededException(String message) {
      super(message);
    }
  }

  /** Throws {@link PasswordNeededException} unless {@code request} may make the risky changes in {@code patch} (settings groups). */
  void check(JsonNode patch, HttpServletRequest request) {
    List<String> risky = risky(patch, settings.json());
    if (risky.isEmpty() || operatorPassword.isEmpty() || BearerTokenFilter.authenticatedByToken(request)) {
      return;
    }
    String given = request.getHeader(CONFIRM_HEADER);
    String client = request.getRemoteAddr();
    if (given != null) {
      // Guessing the re-typed password is throttled like the login: a locked-out client's value is not checked.
      java.util.Optional<java.time.Duration> wait = throttle.refusal(client);
      if (wait.isPresent()) {
        throw LoginThrottle.confirmPasswordRefused(wait.get());
      }
      if (encoder.matches(given, operatorPassword.get())) {
        throttle.succeeded(client);
        return;
      }
      throttle.failed(client, LoginThrottle.Kind.CONFIRM_PASSWORD);
    }
    throw new PasswordNeededException("this change needs the operator password again (" + String.join(", ", risky) + ")"
        + (given == null ? "" : ": the password was wrong"));
  }

  /** The settings fields whose change {@link #risky} looks at ({@code group.field}); the CFG page marks them. */
  static final java.util.Set<String> GUARDED_FIELDS = java.util.Set.of("execution.enabled", "okx.demo", "guardrails.max_leverage");

  static List<String> risky(JsonNode patch, JsonNode current) {
    List<String> out = new ArrayList<>();
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
}
