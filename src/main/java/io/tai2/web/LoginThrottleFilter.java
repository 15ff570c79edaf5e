package io.tai2.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The login form under {@link LoginThrottle}: a locked-out client's {@code POST /login} is answered 429 before the
 * password is looked at; a failure is counted (and logged), a success forgets the client.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

  private final LoginThrottle throttle;

  LoginThrottleFilter(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Duration> wait = throttle.refusal(request.getRemoteAddr());
    if (wait.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    String accept = request.getHeader("Accept");
    if (accept != null && accept.contains("text/html")) {
      // A browser's form post: a page it can show, with the way back to the form.
      long seconds = LoginThrottle.retryAfterSeconds(wait.get());
      response.setStatus(429);
      response.setHeader("Retry-After", Long.toString(seconds));
      response.setContentType("text/html;charset=UTF-8");
      response
          .getWriter()
          .write(
              "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>tai2 · login</title>"
                  + "<link rel=\"stylesheet\" href=\"/css/tai2.css\"></head><body><main class=\"login\"><h1>tai2 login</h1>"
                  + "<p class=\"error\" id=\"login-throttled\">Too many failed logins, try again in "
                  + seconds
                  + " s.</p>"
                  + "<p><a href=\"/login\">back to the login form</a></p></main></body></html>");
      return;
    }
    SecurityProblems.tooManyFailures(response, wait.get());
  }

  /** Counts the failure, then shows the form again with its error (or, when now locked, the wait). */
  AuthenticationFailureHandler failureHandler() {
    SimpleUrlAuthenticationFailureHandler redirect =
        new SimpleUrlAuthenticationFailureHandler("/login?error");
    return (HttpServletRequest request,
        HttpServletResponse response,
        AuthenticationException e) -> {
      throttle.failed(request.getRemoteAddr(), LoginThrottle.Kind.FORM);
      redirect.onAuthenticationFailure(request, response, e);
    };
  }

  AuthenticationSuccessHandler successHandler() {
    SavedRequestAwareAuthenticationSuccessHandler next =
        new SavedRequestAwareAuthenticationSuccessHandler();
    next.setDefaultTargetUrl("/");
    return (HttpServletRequest request,
        HttpServletResponse response,
        Authentication authentication) -> {
      throttle.succeeded(request.getRemoteAddr());
      next.onAuthenticationSuccess(request, response, authentication);
    };
  }
}
