package io.tai2.web;

import io.tai2.config.Secret;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates REST API calls carrying {@code Authorization: Bearer <TAI2_API_TOKEN>}. A wrong token is refused at
 * once; no session is created, so a token never turns into a cookie.
 */
class BearerTokenFilter extends OncePerRequestFilter {

  static final String ATTRIBUTE_AUTHENTICATED = BearerTokenFilter.class.getName() + ".authenticated";
  private static final String PREFIX = "Bearer ";

  private final Optional<byte[]> token;

  BearerTokenFilter(Optional<Secret> token) {
    this.token = token.map(t -> t.reveal().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (token.isPresent() && header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      byte[] presented = header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(presented, token.get())) {
        response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        response.setContentType("application/problem+json");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response
            .getWriter()
            .write("{\"title\":\"unauthorized\",\"status\":401,\"detail\":\"the bearer token is not TAI2_API_TOKEN\"}");
        return;
      }
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
