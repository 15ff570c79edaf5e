package io.tai2.web;

import io.tai2.config.Secret;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates REST API calls carrying {@code Authorization: Bearer <TAI2_API_TOKEN>}. A wrong token is refused at
 * once (and counts towards the client's {@link LoginThrottle}); no session is created, so a token never turns into a
 * cookie. Public paths ignore the header, so a monitor with a stale token still reads {@code /health}.
 */
class BearerTokenFilter extends OncePerRequestFilter {

  static final String ATTRIBUTE_AUTHENTICATED =
      BearerTokenFilter.class.getName() + ".authenticated";
  private static final String PREFIX = "Bearer ";

  private final Optional<byte[]> token;
  private final RequestMatcher publicPaths;
  private final LoginThrottle throttle;

  BearerTokenFilter(Optional<Secret> token, RequestMatcher publicPaths, LoginThrottle throttle) {
    this.token = token.map(t -> t.reveal().getBytes(StandardCharsets.UTF_8));
    this.publicPaths = publicPaths;
    this.throttle = throttle;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return publicPaths.matches(request);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (token.isPresent()
        && header != null
        && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      String client = request.getRemoteAddr();
      Optional<Duration> wait = throttle.refusal(client);
      if (wait.isPresent()) {
        SecurityProblems.tooManyFailures(response, wait.get());
        return;
      }
      byte[] presented = header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(presented, token.get())) {
        throttle.failed(client, LoginThrottle.Kind.BEARER);
        response.setHeader(
            "WWW-Authenticate", SecurityProblems.BEARER_CHALLENGE + ", error=\"invalid_token\"");
        Problems.write(
            response,
            HttpServletResponse.SC_UNAUTHORIZED,
            "wrong API token",
            "the bearer token is not TAI2_API_TOKEN; send Authorization: Bearer <the value of TAI2_API_TOKEN>");
        return;
      }
      throttle.succeeded(client);
      SecurityContextHolder.getContext()
          .setAuthentication(
              UsernamePasswordAuthenticationToken.authenticated(
                  "api", null, List.of(new SimpleGrantedAuthority("ROLE_API"))));
      request.setAttribute(ATTRIBUTE_AUTHENTICATED, Boolean.TRUE);
    }
    chain.doFilter(request, response);
  }

  /** Whether this request was authenticated by its bearer token (such requests need no CSRF token). */
  static boolean authenticatedByToken(HttpServletRequest request) {
    return Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE_AUTHENTICATED));
  }
}
