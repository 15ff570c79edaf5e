package io.tai2.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any authentication, a request for a host that is not ours (421: DNS rebinding, where a hostile page
 * on {@code evil.example} resolves to 127.0.0.1) and a write, WebSocket or SSE request from another site's page (403,
 * by its {@code Origin}). Runs for every path, {@code /health} included.
 */
class HostCheckFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(HostCheckFilter.class);
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
  private static final Duration LOG_EVERY = Duration.ofMinutes(1);
  private static final int LOGGED_HOSTS_MAX = 1_000;

  private final AllowedHosts hosts;
  private final Clock clock;

  /** When a refusal was last logged per host, so a rebinding page polling us cannot flood the log. */
  private final Map<String, Instant> lastLogged = new LinkedHashMap<>();

  HostCheckFilter(AllowedHosts hosts, Clock clock) {
    this.hosts = hosts;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String host = request.getHeader("Host");
    if (!hosts.allowsHostHeader(host)) {
      logRefusal("event=host_refused host={}", host);
      String shown = host == null ? "(none)" : AllowedHosts.hostOfHeader(host).orElse(host);
      Problems.write(
          response,
          421,
          "misdirected request",
          "tai2 does not answer to the host \""
              + shown
              + "\" (a page under another name must not reach it: DNS"
              + " rebinding); if this is a name you use to reach tai2, add it to TAI2_ALLOWED_HOSTS");
      return;
    }
    String origin = request.getHeader("Origin");
    if (origin != null && needsOriginCheck(request) && !hosts.allowsOrigin(origin)) {
      logRefusal("event=origin_refused origin={}", origin);
      Problems.write(
          response,
          403,
          "cross-origin request refused",
          "this request comes from a page at \""
              + origin
              + "\", which is not tai2's own host; writes, WebSocket and"
              + " event streams are only accepted from tai2's pages (if that is a name you use to reach tai2, add its"
              + " host to TAI2_ALLOWED_HOSTS)");
      return;
    }
    chain.doFilter(request, response);
  }

  /** Writes, WebSocket upgrades and the SSE stream: what a foreign page could use to act or to read live data. */
  static boolean needsOriginCheck(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))
        || path.startsWith("/ws/")
        || path.equals("/events");
  }

  private void logRefusal(String format, String value) {
    String shown = Problems.loggable(value);
    Instant now = clock.instant();
    synchronized (lastLogged) {
      Instant last = lastLogged.get(shown);
      if (last != null && Duration.between(last, now).compareTo(LOG_EVERY) < 0) {
        return;
      }
      lastLogged.remove(shown);
      lastLogged.put(shown, now);
      if (lastLogged.size() > LOGGED_HOSTS_MAX) {
        lastLogged.remove(lastLogged.keySet().iterator().next());
      }
    }
    log.warn(format, shown);
  }
}
