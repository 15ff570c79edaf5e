package io.tai2.okx;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach OKX: base URL, credentials (absent = public market data only), demo flag (sends
 * {@code x-simulated-trading: 1}) and the per-request timeout.
 */
public record OkxClientConfig(
    URI baseUrl, Optional<OkxKeys> keys, boolean demo, Duration requestTimeout) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public OkxClientConfig {
    String url = baseUrl.toString();
    if (url.endsWith("/")) {
      baseUrl = URI.create(url.substring(0, url.length() - 1));
    }
  }
}
