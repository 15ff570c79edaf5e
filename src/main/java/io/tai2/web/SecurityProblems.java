package io.tai2.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.MissingCsrfTokenException;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Every 401/403 the security layer gives is a problem document naming what is missing — the API token, the CSRF
 * token, a login — and how to supply it in the access mode this instance runs in.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

  static final String BEARER_CHALLENGE = "Bearer realm=\"tai2\"";

  /** Which of the access modes is in force (README "Safety", docs/OPERATIONS.md "Access"). */
  enum Mode {
    /** Loopback bind, no password, no token: scripts need nothing, browser writes a CSRF token. */
    OPEN,
    /** A password, no token: the API is for the logged-in browser only. */
    PASSWORD_ONLY,
    /** A token (with or without a password): scripts send it as a bearer token. */
    TOKEN
  }

  private final Mode mode;

  /** The API paths, when they need credentials (null in open mode). */
  private final RequestMatcher lockedApi;

  SecurityProblems(Mode mode, RequestMatcher lockedApi) {
    this.mode = mode;
    this.lockedApi = lockedApi;
  }

  /** How a script gets through in this mode. */
  String scriptHint() {
    return switch (mode) {
      case OPEN ->
          "scripts (curl) need no token on this instance: send no Origin, Sec-Fetch-* or session cookie";
      case PASSWORD_ONLY ->
          "scripts cannot use the API while only TAI2_ADMIN_PASSWORD is set: set TAI2_API_TOKEN and"
              + " send it as Authorization: Bearer <token>";
      case TOKEN -> "scripts send Authorization: Bearer <the value of TAI2_API_TOKEN> instead";
    };
  }

  /** An API path without credentials: 401 with a bearer challenge. */
  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    response.setHeader("WWW-Authenticate", BEARER_CHALLENGE);
    String detail =
        switch (mode) {
          case TOKEN ->
              "this API needs the API token: send Authorization: Bearer <the value of TAI2_API_TOKEN>"
                  + " (a browser logged in at /login needs none)";
          case PASSWORD_ONLY, OPEN ->
              "this API needs a login: log in at /login in the browser; " + scriptHint();
        };
    Problems.write(
        response,
        HttpServletResponse.SC_UNAUTHORIZED,
        mode == Mode.TOKEN ? "API token needed" : "login needed",
        detail);
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    if (e instanceof CsrfException
        && lockedApi != null
        && lockedApi.matches(request)
        && anonymous()) {
      // The CSRF check runs before the login check, but what such a request lacks first is
      // credentials: say that.
      commence(request, response, new InsufficientAuthenticationException(e.getMessage()));
      return;
    }
    if (e instanceof CsrfException) {
      boolean missing =
          e instanceof MissingCsrfTokenException
              || request.getHeader("X-CSRF-TOKEN") == null && request.getParameter("_csrf") == null;
      Problems.write(
          response,
          HttpServletResponse.SC_FORBIDDEN,
          missing ? "CSRF token missing" : "CSRF token invalid",
          "a write from a browser page or with a session cookie needs the CSRF token: send the X-CSRF-TOKEN header with"
              + " the content of the page's <meta name=\"csrf-token\"> (forms send it as _csrf)"
              + (missing ? "" : "; the one sent is not this session's (reload the page)")
              + "; "
              + scriptHint());
      return;
    }
    Problems.write(
        response,
        HttpServletResponse.SC_FORBIDDEN,
        "forbidden",
        "this needs the operator's login: log in at /login in the browser");
  }

  private static boolean anonymous() {
    Authentication who = SecurityContextHolder.getContext().getAuthentication();
    return who == null || who instanceof AnonymousAuthenticationToken || !who.isAuthenticated();
  }

  /** The client is locked out by {@link LoginThrottle}: 429 with Retry-After, the value not checked. */
  static void tooManyFailures(HttpServletResponse response, Duration wait) throws IOException {
    long seconds = LoginThrottle.retryAfterSeconds(wait);
    response.setHeader("Retry-After", Long.toString(seconds));
    Problems.write(
        response,
        429,
        "too many failed attempts",
        "too many failed logins from this address, try again in "
            + seconds
            + " s (nothing was checked)");
  }
}
