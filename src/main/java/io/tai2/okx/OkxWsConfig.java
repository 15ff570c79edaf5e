package io.tai2.okx;

import io.tai2.retry.Backoff;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach the OKX WebSocket services: the three URLs, credentials (absent = public channels only) and the
 * keep-alive and reconnect timing. OKX closes a connection after 30 s without traffic, so {@code pingAfter} must stay
 * below 30 s.
 */
public record OkxWsConfig(
    URI publicUrl,
    URI privateUrl,
    URI businessUrl,
    Optional<OkxKeys> keys,
    Duration pingAfter,
    Duration pongTimeout,
    Backoff reconnect) {

  public OkxWsConfig {
    if (pingAfter.compareTo(Duration.ofSeconds(30)) >= 0
        || pingAfter.isNegative()
        || pingAfter.isZero()) {
      throw new IllegalArgumentException(
          "pingAfter must be between 0 and 30 s (OKX drops a connection idle for 30 s), was "
              + pingAfter);
    }
  }

  /** OKX's recommended timing: ping after 20 s of silence, give up 10 s later; reconnect after 0.5 s doubling to 30 s. */
  public static OkxWsConfig of(
      URI publicUrl, URI privateUrl, URI businessUrl, Optional<OkxKeys> keys) {
    return new OkxWsConfig(
        publicUrl,
        privateUrl,
        businessUrl,
        keys,
        Duration.ofSeconds(20),
        Duration.ofSeconds(10),
        Backoff.jittered(Duration.ofMillis(500), Duration.ofSeconds(30)));
  }

  /**
   * The URL for OKX's demo or live WebSocket: OKX's own hosts switch ({@code ws.okx.com} live, {@code wspap.okx.com}
   * demo); any other host (a simulator, a proxy) stays as configured.
   */
  public static URI forEnvironment(URI url, boolean demo) {
    String host = url.getHost();
    if (!"ws.okx.com".equals(host) && !"wspap.okx.com".equals(host)) {
      return url;
    }
    return URI.create(
        url.getScheme()
            + "://"
            + (demo ? "wspap.okx.com" : "ws.okx.com")
            + (url.getPort() < 0 ? "" : ":" + url.getPort())
            + url.getRawPath()
            + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
  }

  URI url(OkxWsArg.Service service) {
    return switch (service) {
      case PUBLIC -> publicUrl;
      case PRIVATE -> privateUrl;
      case BUSINESS -> businessUrl;
    };
  }
}
