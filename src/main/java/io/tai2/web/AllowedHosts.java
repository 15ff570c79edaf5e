package io.tai2.web;

import io.tai2.config.EnvSettingsParser;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The host names tai2 answers to: loopback ({@code localhost}, {@code *.localhost}, 127.0.0.0/8, {@code [::1]}) and each
 * {@code TAI2_ALLOWED_HOSTS} entry. A page served under any other name (DNS rebinding) must not reach the API.
 */
record AllowedHosts(Set<String> extra) {

  private static final Pattern LOOPBACK_V4 =
      Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  private static final String LOOPBACK_V6 = "0:0:0:0:0:0:0:1";

  AllowedHosts(List<String> extra) {
    this(Set.copyOf(extra));
  }

  /** Whether a {@code Host} header (name or IP literal, port ignored) names this service; null or malformed = no. */
  boolean allowsHostHeader(String header) {
    return hostOfHeader(header).map(this::allows).orElse(false);
  }

  /** Whether an {@code Origin} header's host is one of ours ({@code null}, opaque and malformed origins are not). */
  boolean allowsOrigin(String origin) {
    try {
      URI uri = URI.create(origin.trim());
      return uri.getScheme() != null && uri.getHost() != null && allows(uri.getHost());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private boolean allows(String rawHost) {
    Optional<String> host = EnvSettingsParser.normalisedHost(rawHost);
    if (host.isEmpty()) {
      return false;
    }
    String h = host.get();
    return h.equals("localhost")
        || h.endsWith(".localhost")
        || LOOPBACK_V4.matcher(h).matches()
        || h.equals(LOOPBACK_V6)
        || extra.contains(h);
  }

  /** The host part of a Host header: {@code name[:port]} or {@code [v6][:port]}. */
  static Optional<String> hostOfHeader(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String h = header.trim();
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      if (end < 0 || !(end == h.length() - 1 || h.charAt(end + 1) == ':')) {
        return Optional.empty();
      }
      return Optional.of(h.substring(0, end + 1));
    }
    int colon = h.indexOf(':');
    if (colon >= 0 && h.indexOf(':', colon + 1) >= 0) {
      return Optional.empty(); // an unbracketed IPv6 literal is not a valid Host
    }
    return Optional.of(colon < 0 ? h : h.substring(0, colon));
  }
}
