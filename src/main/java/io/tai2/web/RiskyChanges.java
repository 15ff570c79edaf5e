package io.tai2.web;

import io.tai2.settings.RuntimeSettings;
import io.tai2.settings.RuntimeSettingsService;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Changes that put money at more risk ({@link #RULES}: live execution on, OKX to live, master keys saved or another
 * sub-account declared, looser guardrails, the scheduler trading live unattended, the daily-loss lock reset while on) made from a browser session need the operator's password
 * typed again ({@link #CONFIRM_HEADER}), on every path that writes settings. They are found by comparing the typed
 * settings before and after the change, so no spelling of a request escapes them.
 * Bearer-token API calls are not asked (the token is the operator's own credential for scripts); without a login there
 * is no password to ask for.
 */
@Component
class RiskyChanges {

  /** Sent with the password typed again for a risky change; never stored or logged. */
  static final String CONFIRM_HEADER = "X-Tai2-Confirm-Password";

  private final PasswordEncoder encoder;

  /** The operator's password as the login checks it (encoded), when TAI2_ADMIN_PASSWORD is set. */
  private final Optional<String> operatorPassword;

  private final LoginThrottle throttle;

  RiskyChanges(PasswordEncoder encoder, UserDetailsService users, LoginThrottle throttle) {
    this.encoder = encoder;
    this.throttle = throttle;
    Optional<String> encoded;
    try {
      encoded =
          Optional.of(users.loadUserByUsername(SecurityConfiguration.ADMIN_USER).getPassword());
    } catch (UsernameNotFoundException e) {
      encoded = Optional.empty();
    }
    this.operatorPassword = encoded;
  }

  /** A risky change from a browser session without the password typed again (403); {@code field} is where it goes. */
  static final class PasswordNeededException extends RuntimeException {
    private final String field;

    PasswordNeededException(String message, String field) {
      super(message);
      this.field = field;
    }

    String field() {
      return field;
    }
  }

  /** The problem's {@code field} when the password is expected in {@link #CONFIRM_HEADER}. */
  static final String HEADER_FIELD = "confirm_password";

  /** Throws {@link PasswordNeededException} unless {@code request} may change the settings from {@code before} to {@code after}. */
  void check(RuntimeSettings before, RuntimeSettings after, HttpServletRequest request) {
    check(risky(before, after), request);
  }

  /**
   * The approval of a settings change sent by {@code request}: the {@link #RULES} plus whatever a feature module's settings
   * group calls risky (e.g. another Telegram chat, which can release the locks).
   */
  RuntimeSettingsService.Approval approval(HttpServletRequest request) {
    return new RuntimeSettingsService.Approval() {
      @Override
      public void check(RuntimeSettings before, RuntimeSettings after) {
        RiskyChanges.this.check(before, after, request);
      }

      @Override
      public void check(RuntimeSettings before, RuntimeSettings after, List<String> groupRisks) {
        List<String> all = new ArrayList<>(risky(before, after));
        all.addAll(groupRisks);
        RiskyChanges.this.check(all, request);
      }
    };
  }

  /** Resetting the daily-loss lock while it is on lets trading resume after the day's loss limit was hit. */
  void checkDailyLossReset(boolean locked, HttpServletRequest request) {
    check(locked ? List.of(DAILY_LOSS_RESET) : List.of(), request);
  }

  static final String DAILY_LOSS_RESET = "daily-loss lock reset while locked";

  /** Throws {@link PasswordNeededException} unless {@code request} may make the {@code risky} changes. */
  void check(List<String> risky, HttpServletRequest request) {
    check(risky, request, Optional.empty(), HEADER_FIELD);
  }

  /**
   * {@link #check(List, HttpServletRequest)} for an endpoint whose body carries the password typed again ({@code typed},
   * under {@code field}, which the 403 names); without it in the body the {@link #CONFIRM_HEADER} is read as everywhere.
   */
  void check(List<String> risky, HttpServletRequest request, Optional<String> typed, String field) {
    if (risky.isEmpty()
        || operatorPassword.isEmpty()
        || BearerTokenFilter.authenticatedByToken(request)) {
      return;
    }
    String given =
        typed.filter(p -> !p.isEmpty()).orElseGet(() -> request.getHeader(CONFIRM_HEADER));
    String client = request.getRemoteAddr();
    if (given != null) {
      // Guessing the re-typed password is throttled like the login: a locked-out client's value is
      // not checked.
      Optional<Duration> wait = throttle.refusal(client);
      if (wait.isPresent()) {
        throw LoginThrottle.confirmPasswordRefused(wait.get());
      }
      if (encoder.matches(given, operatorPassword.get())) {
        throttle.succeeded(client);
        return;
      }
      throttle.failed(client, LoginThrottle.Kind.CONFIRM_PASSWORD);
    }
    throw new PasswordNeededException(
        "this change needs the operator password again ("
            + String.join(", ", risky)
            + ")"
            + (given == null ? "" : ": the password was wrong"),
        field);
  }

  /**
   * One change towards more risk: the settings fields it looks at ({@code group.field}, marked on the CFG page), when
   * it applies (before → after) and how the password prompt names it.
   */
  record Rule(
      List<String> fields, BiPredicate<RuntimeSettings, RuntimeSettings> applies, String phrase) {}

  /** Every change that needs the password again; a limit where 0 means "off" counts as raised when set to 0. */
  static final List<Rule> RULES =
      List.of(
          new Rule(
              List.of("execution.enabled"),
              (b, a) -> !b.execution().enabled() && a.execution().enabled(),
              "live execution on"),
          new Rule(
              List.of("okx.demo"),
              (b, a) -> b.okx().demo() && !a.okx().demo(),
              "OKX to live trading"),
          new Rule(
              List.of("okx.master_keys"),
              (b, a) ->
                  a.okx().masterKeys().isPresent()
                      && !a.okx().masterKeys().equals(b.okx().masterKeys()),
              "OKX master keys saved (they move money between master and sub-account)"),
          new Rule(
              List.of("okx.sub_account"),
              (b, a) ->
                  a.okx().subAccount().isPresent()
                      && !a.okx().subAccount().equals(b.okx().subAccount()),
              "another OKX sub-account declared (transfers go to it)"),
          new Rule(
              List.of("guardrails.max_leverage"),
              (b, a) -> up(b.guardrails().maxLeverage(), a.guardrails().maxLeverage()),
              "max leverage up"),
          new Rule(
              List.of("guardrails.max_position_pct"),
              (b, a) -> up(b.guardrails().maxPositionPct(), a.guardrails().maxPositionPct()),
              "max position up"),
          new Rule(
              List.of("guardrails.symbol_position_caps"),
              (b, a) ->
                  capsLoosened(
                      b.guardrails().symbolPositionCaps(), a.guardrails().symbolPositionCaps()),
              "a symbol position cap raised or removed"),
          new Rule(
              List.of("guardrails.max_trades_per_hour"),
              (b, a) ->
                  loosened(b.guardrails().maxTradesPerHour(), a.guardrails().maxTradesPerHour()),
              "more trades per hour (0 = unlimited)"),
          new Rule(
              List.of("guardrails.daily_loss_limit_pct"),
              (b, a) ->
                  loosened(b.guardrails().dailyLossLimitPct(), a.guardrails().dailyLossLimitPct()),
              "daily loss limit up or off"),
          new Rule(
              List.of("guardrails.require_protection"),
              (b, a) -> b.guardrails().requireProtection() && !a.guardrails().requireProtection(),
              "protection (TP/SL) no longer required"),
          new Rule(
              List.of("guardrails.max_price_drift_bps", "guardrails.max_price_drift_atr"),
              (b, a) ->
                  loosened(b.guardrails().maxPriceDriftBps(), a.guardrails().maxPriceDriftBps())
                      || loosened(
                          b.guardrails().maxPriceDriftAtr(), a.guardrails().maxPriceDriftAtr()),
              "price-drift gate loosened or off"),
          new Rule(
              List.of("guardrails.min_hold_seconds"),
              (b, a) -> a.guardrails().minHold().compareTo(b.guardrails().minHold()) < 0,
              "minimum hold shortened"),
          new Rule(
              List.of("scheduler.enabled", "execution.enabled"),
              (b, a) -> unattendedLive(a) && !unattendedLive(b),
              "scheduler placing live orders unattended"));

  /** The settings fields whose change {@link #RULES} look at ({@code group.field}); the CFG page marks them. */
  static final Set<String> GUARDED_FIELDS =
      RULES.stream().flatMap(r -> r.fields().stream()).collect(Collectors.toUnmodifiableSet());

  /** The phrases of the rules that {@code before → after} meets, in rule order. */
  static List<String> risky(RuntimeSettings before, RuntimeSettings after) {
    return RULES.stream().filter(r -> r.applies().test(before, after)).map(Rule::phrase).toList();
  }

  private static boolean up(BigDecimal before, BigDecimal after) {
    return after.compareTo(before) > 0;
  }

  /** A limit where 0 = none: raised, or turned off. */
  private static boolean loosened(BigDecimal before, BigDecimal after) {
    return before.signum() != 0 && (after.signum() == 0 || after.compareTo(before) > 0);
  }

  private static boolean loosened(int before, int after) {
    return loosened(BigDecimal.valueOf(before), BigDecimal.valueOf(after));
  }

  /**
   * A symbol's cap only ever lowers max_position_pct for it (the smaller wins), so adding one is safer; raising or
   * removing one lets that symbol trade bigger.
   */
  private static boolean capsLoosened(
      Map<String, BigDecimal> before, Map<String, BigDecimal> after) {
    return before.entrySet().stream()
        .anyMatch(
            cap -> !after.containsKey(cap.getKey()) || up(cap.getValue(), after.get(cap.getKey())));
  }

  private static boolean unattendedLive(RuntimeSettings s) {
    return s.scheduler().enabled() && s.execution().enabled();
  }
}
